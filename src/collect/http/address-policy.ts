import { isIP } from 'node:net';

/**
 * Which addresses the fetcher may connect to. Everything publicly routable is allowed; addresses
 * that reach the machine itself or its private networks are refused (loopback, RFC 1918, link-local,
 * unique-local, CGNAT, "this network", multicast, broadcast and the other special-purpose blocks,
 * also when written as IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6) unless the operator lists
 * the host name, the address or a CIDR containing it in `RASAD_FETCH_ALLOW`.
 *
 * The check is made on the address actually connected to (after DNS), so a public name that
 * resolves to 127.0.0.1 is refused like 127.0.0.1 itself.
 */
export interface AddressPolicy {
  /** `host`: the URL's host name (or IP literal); `address`: the IP that would be connected to. */
  isAllowed(host: string, address: string): boolean;
}

/** An address as 16 bytes (IPv4 as its IPv4-mapped IPv6 form ::ffff:a.b.c.d). */
type Bytes16 = Uint8Array;

interface Cidr {
  bytes: Bytes16;
  /** Prefix length over the 128-bit form (IPv4 /8 is stored as /104). */
  prefix: number;
}

/** Splits `RASAD_FETCH_ALLOW` ("127.0.0.1, 10.0.0.0/8, mirror.local") into entries. */
export function parseAllowList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Refused blocks, written as CIDRs (IPv4 ones are matched through their mapped form). */
const REFUSED_BLOCKS: readonly string[] = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // RFC 1918
  '100.64.0.0/10', // CGNAT shared address space
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local (cloud metadata endpoints live here)
  '172.16.0.0/12', // RFC 1918
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation (TEST-NET-1)
  '192.88.99.0/24', // 6to4 relay anycast (deprecated)
  '192.168.0.0/16', // RFC 1918
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation (TEST-NET-2)
  '203.0.113.0/24', // documentation (TEST-NET-3)
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, includes broadcast 255.255.255.255
  '::/128', // unspecified
  '::1/128', // loopback
  '100::/64', // discard-only
  '2001:db8::/32', // documentation
  'fc00::/7', // unique-local
  'fe80::/10', // link-local
  'fec0::/10', // site-local (deprecated)
  'ff00::/8', // multicast
];

const refused: Cidr[] = REFUSED_BLOCKS.map((block) => {
  const c = parseCidr(block);
  if (!c) throw new Error(`bad built-in block ${block}`);
  return c;
});

/**
 * The policy for an allow list (host names, IP addresses, CIDRs; IPv4 and IPv6). A malformed CIDR
 * (`10.0.0.0/33`, `foo/8`) throws, so a typo in the setting is found at start-up.
 */
export function addressPolicy(allow: string[]): AddressPolicy {
  const hosts = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const raw of allow) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('/')) {
      const c = parseCidr(entry);
      if (!c) throw new Error(`RASAD_FETCH_ALLOW: "${entry}" is not a valid CIDR`);
      cidrs.push(c);
      continue;
    }
    const bytes = parseAddress(entry);
    if (bytes) cidrs.push({ bytes, prefix: 128 });
    else hosts.add(normalizeHost(entry));
  }

  return {
    isAllowed(host: string, address: string): boolean {
      const bytes = parseAddress(address);
      if (!bytes) return false;
      if (hosts.has(normalizeHost(host))) return true;
      if (cidrs.some((c) => contains(c, bytes))) return true;
      return !isSpecial(bytes);
    },
  };
}

/** True when the address lies in a refused block, directly or through an embedded IPv4 address. */
function isSpecial(bytes: Bytes16): boolean {
  if (refused.some((c) => contains(c, bytes))) return true;
  const embedded = embeddedIpv4(bytes);
  return embedded !== null && refused.some((c) => contains(c, embedded));
}

/**
 * The IPv4 address carried inside an IPv6 one by the transition forms that can lead back to it:
 * IPv4-compatible ::a.b.c.d (deprecated), NAT64 64:ff9b::a.b.c.d and 6to4 2002:aabb:ccdd::.
 * (IPv4-mapped addresses are already stored in the mapped form and match the IPv4 blocks directly.)
 */
function embeddedIpv4(b: Bytes16): Bytes16 | null {
  const zero = (from: number, to: number): boolean => b.subarray(from, to).every((x) => x === 0);
  if (zero(0, 12) && !(b[12] === 0 && b[13] === 0 && b[14] === 0)) return mapped(b.subarray(12, 16));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return mapped(b.subarray(12, 16));
  if (b[0] === 0x20 && b[1] === 0x02) return mapped(b.subarray(2, 6));
  return null;
}

function mapped(v4: Uint8Array): Bytes16 {
  const out = new Uint8Array(16);
  out[10] = 0xff;
  out[11] = 0xff;
  out.set(v4, 12);
  return out;
}

function contains(c: Cidr, bytes: Bytes16): boolean {
  const full = Math.floor(c.prefix / 8);
  for (let i = 0; i < full; i++) if (c.bytes[i] !== bytes[i]) return false;
  const rest = c.prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((c.bytes[full] ?? 0) & mask) === ((bytes[full] ?? 0) & mask);
}

/** Lower-case, without a trailing dot or IPv6 brackets. */
function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const addr = text.slice(0, slash).trim();
  const lenText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(lenText)) return null;
  const len = Number(lenText);
  const kind = isIP(stripBrackets(addr));
  if (kind === 4) {
    if (len > 32) return null;
    const bytes = parseAddress(addr);
    return bytes ? { bytes, prefix: 96 + len } : null;
  }
  if (kind === 6) {
    if (len > 128) return null;
    const bytes = parseAddress(addr);
    return bytes ? { bytes, prefix: len } : null;
  }
  return null;
}

function stripBrackets(s: string): string {
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}

/**
 * An IPv4 or IPv6 address (brackets and an IPv6 zone id `%eth0` tolerated) as 16 bytes; null when
 * the text is not an IP address.
 */
export function parseAddress(text: string): Bytes16 | null {
  let s = stripBrackets(text.trim());
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const kind = isIP(s);
  if (kind === 4) {
    const parts = s.split('.').map(Number);
    return mapped(Uint8Array.from(parts));
  }
  if (kind !== 6) return null;
  const out = new Uint8Array(16);
  let head = s;
  let tail = '';
  const dbl = s.indexOf('::');
  if (dbl >= 0) {
    head = s.slice(0, dbl);
    tail = s.slice(dbl + 2);
  }
  const groups = (part: string): number[] => {
    if (!part) return [];
    const out16: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const v4 = g.split('.').map(Number);
        out16.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else {
        out16.push(parseInt(g, 16));
      }
    }
    return out16;
  };
  const h = groups(head);
  const t = groups(tail);
  const words = dbl >= 0 ? [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t] : h;
  if (words.length !== 8) return null;
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}
