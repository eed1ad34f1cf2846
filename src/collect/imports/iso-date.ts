// Every parser stores dates as ISO 8601 UTC with milliseconds. Date.parse reads zone-less strings
// as local time, which would make imports depend on the machine's TZ: zone-less input is UTC here.

const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** A zone at the end of an RFC 822/2822 date (feeds): an offset or a name V8 knows. */
const RFC_ZONE = /(?:\b(?:UTC?|GMT|Z|[ECMP][SD]T)|[+-]\d{4})\s*$/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TWITTER = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** Milliseconds since the epoch → ISO UTC, or null when out of the range ISO 8601 basic years allow. */
export function msToIso(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 0 || year > 9999) return null;
  return d.toISOString();
}

/** Unix seconds (number or digit string, as Telegram writes `date_unixtime`) → ISO UTC, or null. */
export function unixSecondsToIso(value: unknown): string | null {
  if (typeof value === 'number') return msToIso(value * 1000);
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return msToIso(Number(value) * 1000);
  return null;
}

/** ISO 8601 or RFC 822 date text → ISO UTC; a missing zone means UTC; unparseable gives null. */
export function toIsoUtc(value: string | null | undefined): string | null {
  const s = value?.trim();
  if (!s) return null;
  const iso = ISO_LIKE.exec(s);
  if (iso) {
    const [, day, time, zone] = iso;
    const clock = time ? time.replace(',', '.') : '00:00';
    return msToIso(Date.parse(`${day}T${clock}${isoZone(zone)}`));
  }
  return msToIso(Date.parse(RFC_ZONE.test(s) ? s : `${s} GMT`));
}

/** X v1.1 dates (`Fri Mar 06 13:02:05 +0000 2026`, archives) → ISO UTC, or null. */
export function twitterDateToIso(value: string | null | undefined): string | null {
  const m = value ? TWITTER.exec(value.trim()) : null;
  if (!m) return toIsoUtc(value);
  const [, mon = '', day, hh, mm, ss, sign, oh, om, year] = m;
  const month = MONTHS.indexOf(mon);
  if (month < 0) return null;
  const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const utc = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  return msToIso(utc - offsetMin * 60_000);
}

/** `+03`, `+0300` and `+03:00` all become `+03:00`, the only form ECMAScript's ISO parser must accept. */
function isoZone(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}
