// Types and fetch helpers for Rasad's HTTP API (same origin).

import { type SecondOpinionView, type ThreatLabelView, type ThreatReviewBody, type ThreatView, toSecondOpinion, toThreat, toThreatLabel, toThreatLabels } from './threat-view.js';
//
// Responses are read as `unknown` and normalised field by field: the server is developed
// separately, and one missing array or renamed field must degrade a card, not blank the page.

export type ItemKind = 'post' | 'repost' | 'quote' | 'reply' | 'article' | 'entry' | 'service';
export type SourceKind = 'telegram' | 'x' | 'rss' | 'web' | 'import';

export interface SourceRef {
  id: string;
  /** Usually a SourceKind; kept open so an unknown kind still renders. */
  kind: string;
  handle: string;
  title: string | null;
}

export interface PersonRef {
  name: string | null;
  handle: string | null;
}

export interface ForwardRef extends PersonRef {
  key: string | null;
  published_at: string | null;
}

export interface MediaView {
  /** `photo`, `video_file`, `voice_message`, `animated_gif`… */
  type: string;
  url: string | null;
  fileName: string | null;
  mimeType: string | null;
  /** Why the file is absent from an export ("File not included…"); `true` when no reason is given. */
  missing: string | true | null;
  width: number | null;
  height: number | null;
}

/** A machine translation of the item's text, with where it came from. */
export interface TranslationView {
  text: string;
  /** `openai-compatible`, `deepl`, `libretranslate`, `onnx-local`… */
  engine: string;
  model: string | null;
  source_lang: string;
  target_lang: string;
  /** ISO timestamp of the translation run (may be '' when the server sent none). */
  created_at: string;
}

/**
 * An English gloss of a known term found in the ORIGINAL text. `start`/`end` are UTF-16 offsets
 * into `ItemView.text` (JavaScript string indices); `text` is that slice as published.
 */
export interface GlossView {
  start: number;
  end: number;
  text: string;
  /** Glossary entry id (`ar.shahid`…); one entry can match several times. */
  id: string;
  /** Language of the glossary entry (`ar`, `fa`, `ur`, `ps`). */
  lang: string;
  gloss: string;
  /** `martyrdom`, `violence`, `weapons`… kept open so an unknown category still renders. */
  category: string;
  /** ASCII romanization of the term as published (`al-Muqawama al-Islamiya`), when the server gives one. */
  romanized: string;
}

/**
 * An actor named in the ORIGINAL text, found by the actors stage. `start`/`end` are UTF-16 offsets
 * into `ItemView.text`; `matched` is that slice as published.
 */
export interface MentionView {
  actor_id: string;
  /** The actor's canonical name. */
  canonical: string;
  matched: string;
  start: number;
  end: number;
  /** In [0, 1]. */
  score: number;
}

export interface ItemView {
  id: string;
  key: string;
  platform: string;
  kind: ItemKind | (string & {});
  source: SourceRef;
  url: string | null;
  title: string | null;
  author: PersonRef | null;
  published_at: string | null;
  edited_at: string | null;
  text: string;
  /** ISO 639-1, `und`, or null when detection has not run. */
  language: string | null;
  language_confidence: number | null;
  /** ISO 15924 (`Arab`, `Latn`…) or null. */
  script: string | null;
  media: MediaView[];
  links: string[];
  hashtags: string[];
  forwarded_from: ForwardRef | null;
  reply_to: string | null;
  quotes: string | null;
  reposts: string | null;
  metrics: Record<string, number>;
  collected_at: string | null;
  capture_id: string | null;
  /** Machine translation, or null when there is none (no engine configured, not run yet). */
  translation: TranslationView | null;
  /** Glossed terms in `text`; [] from servers that do not send them. */
  glosses: GlossView[];
  /** Actor mentions in `text`; [] from servers that do not send them. */
  mentions: MentionView[];
  /** The threat stage's assessment; null when not assessed (or from servers without it). */
  threat: ThreatView | null;
  /** Analysts' confirmations and corrections of the assessment, newest first. */
  threat_labels: ThreatLabelView[];
  /** The engine's own assessment beside the rules', when one was asked. */
  threat_second_opinion: SecondOpinionView | null;
  /** The event the item belongs to (every report of one happening); null when it stands alone. */
  event: ItemEventRef | null;
  /** The response exactly as received, for the detail panel's raw view. */
  raw: unknown;
}

/** An item's event, as the item list carries it. */
export interface ItemEventRef {
  id: string;
  title: string;
  /** How many items the event holds. */
  members: number;
  /** Whether this item is the event's first (the one shown when the list is collapsed). */
  first: boolean;
}

export interface ItemPage {
  items: ItemView[];
  next: string | null;
}

/** UTF-16 span of a matched word in the searched body: `title + "\n" + text`, or `text`. */
export interface Highlight {
  start: number;
  end: number;
}

export interface SearchResult {
  key: string;
  score: number;
  /** Excerpt of the original text around the first match (whitespace collapsed, `…` when clipped). */
  snippet: string;
  highlights: Highlight[];
  published_at: string | null;
  language: string | null;
  item: ItemView;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
}

export interface StatsSource {
  id: string;
  kind: string;
  handle: string;
  title: string | null;
  items: number;
}

export interface StatsLanguage {
  code: string | null;
  items: number;
}

export interface Stats {
  items: number;
  sources: StatsSource[];
  languages: StatsLanguage[];
}

/** A failed request, carrying the server's own message when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(message: string, status: number, code: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

// ---------------------------------------------------------------------------------------------
// Normalisation helpers

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rec(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return fallback;
}

function strOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function numOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function person(value: unknown): PersonRef | null {
  if (!isRecord(value)) return null;
  const name = strOrNull(value.name);
  const handle = strOrNull(value.handle);
  return name === null && handle === null ? null : { name, handle };
}

function forward(value: unknown): ForwardRef | null {
  if (!isRecord(value)) return null;
  const p = person(value);
  const key = strOrNull(value.key);
  if (p === null && key === null) return null;
  return {
    name: p?.name ?? null,
    handle: p?.handle ?? null,
    key,
    published_at: strOrNull(value.published_at ?? value.publishedAt),
  };
}

function media(value: unknown): MediaView {
  const m = rec(value);
  const missing = m.missing;
  return {
    type: str(m.type, 'file'),
    url: strOrNull(m.url),
    fileName: strOrNull(m.fileName ?? m.file_name),
    mimeType: strOrNull(m.mimeType ?? m.mime_type),
    missing: typeof missing === 'string' && missing !== '' ? missing : missing === true ? true : null,
    width: numOrNull(m.width),
    height: numOrNull(m.height),
  };
}

function translation(value: unknown): TranslationView | null {
  if (!isRecord(value)) return null;
  const text = strOrNull(value.text);
  if (text === null || text.trim() === '') return null;
  const model = strOrNull(value.model);
  return {
    text,
    engine: str(value.engine, 'unknown'),
    model: model === null || model === '' ? null : model,
    source_lang: str(value.source_lang ?? value.sourceLang),
    target_lang: str(value.target_lang ?? value.targetLang, 'en'),
    created_at: str(value.created_at ?? value.createdAt),
  };
}

function offset(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** Well-formed glosses only (integer offsets, a non-empty span and gloss); ranges are checked against the text later. */
function glosses(value: unknown): GlossView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((g): GlossView[] => {
    if (!isRecord(g)) return [];
    const start = offset(g.start);
    const end = offset(g.end);
    const gloss = str(g.gloss).trim();
    if (start === null || end === null || end <= start || gloss === '') return [];
    return [
      {
        start,
        end,
        text: str(g.text),
        id: str(g.id),
        lang: str(g.lang),
        gloss,
        category: str(g.category, 'other') || 'other',
        romanized: str(g.romanized),
      },
    ];
  });
}

/** Well-formed mentions only (an actor id, integer offsets, a non-empty span). */
function mentions(value: unknown): MentionView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((m): MentionView[] => {
    if (!isRecord(m)) return [];
    const start = offset(m.start);
    const end = offset(m.end);
    const actorId = str(m.actor_id ?? m.actorId);
    if (start === null || end === null || end <= start || actorId === '') return [];
    return [{ actor_id: actorId, canonical: str(m.canonical, actorId) || actorId, matched: str(m.matched), start, end, score: numOrNull(m.score) ?? 0 }];
  });
}

function metrics(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec(value))) {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

function source(value: unknown): SourceRef {
  const s = rec(value);
  return { id: str(s.id), kind: str(s.kind, 'unknown'), handle: str(s.handle), title: strOrNull(s.title) };
}

function itemEvent(value: unknown): ItemEventRef | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  if (id === '') return null;
  return { id, title: str(value.title), members: numOrNull(value.members) ?? 0, first: value.first === true };
}

export function toItemView(value: unknown): ItemView {
  const v = rec(value);
  return {
    id: str(v.id),
    key: str(v.key),
    platform: str(v.platform),
    kind: str(v.kind, 'post'),
    source: source(v.source),
    url: strOrNull(v.url),
    title: strOrNull(v.title),
    author: person(v.author),
    published_at: strOrNull(v.published_at),
    edited_at: strOrNull(v.edited_at),
    text: str(v.text),
    language: strOrNull(v.language),
    language_confidence: numOrNull(v.language_confidence),
    script: strOrNull(v.script),
    media: Array.isArray(v.media) ? v.media.map(media) : [],
    links: strings(v.links),
    hashtags: strings(v.hashtags),
    forwarded_from: forward(v.forwarded_from),
    reply_to: strOrNull(v.reply_to),
    quotes: strOrNull(v.quotes),
    reposts: strOrNull(v.reposts),
    metrics: metrics(v.metrics),
    collected_at: strOrNull(v.collected_at),
    capture_id: strOrNull(v.capture_id),
    translation: translation(v.translation),
    glosses: glosses(v.glosses),
    mentions: mentions(v.mentions),
    threat: toThreat(v.threat),
    threat_labels: toThreatLabels(v.threat_labels),
    threat_second_opinion: toSecondOpinion(v.threat_second_opinion),
    event: itemEvent(v.event),
    raw: value,
  };
}

function toStats(value: unknown): Stats {
  const v = rec(value);
  return {
    items: numOrNull(v.items) ?? 0,
    sources: (Array.isArray(v.sources) ? v.sources : []).map((s) => {
      const r = rec(s);
      return {
        id: str(r.id),
        kind: str(r.kind, 'unknown'),
        handle: str(r.handle),
        title: strOrNull(r.title),
        items: numOrNull(r.items) ?? 0,
      };
    }),
    languages: (Array.isArray(v.languages) ? v.languages : []).map((l) => {
      const r = rec(l);
      return { code: strOrNull(r.code), items: numOrNull(r.items) ?? 0 };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Requests

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  return requestJson(path, {}, signal);
}

/** A same-origin JSON request; a failure carries the server's own message. */
async function requestJson(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> }, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { Accept: 'application/json', ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      credentials: 'same-origin',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(`Could not reach the Rasad server (${errorMessage(error)}).`, 0, 'network');
  }

  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }

  if (!response.ok) {
    const error = rec(rec(body).error);
    const message = strOrNull(error.message);
    const code = str(error.code, 'http_' + String(response.status));
    throw new ApiError(
      message ?? `Request failed: HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`,
      response.status,
      code,
    );
  }
  if (body === undefined) {
    throw new ApiError('The server sent a response that is not JSON.', response.status, 'bad_response');
  }
  return body;
}

export interface ItemQuery {
  limit?: number;
  before?: string | null;
  language?: string | null;
  source?: string | null;
  /** Only items assessed as threats. */
  threat?: boolean;
  /** One row per event: the other members of an event are left out. */
  collapse?: boolean;
}

export async function fetchItems(query: ItemQuery, signal?: AbortSignal): Promise<ItemPage> {
  const params = new URLSearchParams();
  params.set('limit', String(query.limit ?? 50));
  if (query.before) params.set('before', query.before);
  if (query.language) params.set('language', query.language);
  if (query.source) params.set('source', query.source);
  if (query.threat) params.set('threat', '1');
  if (query.collapse) params.set('collapse', '1');
  const body = rec(await getJson(`/api/items?${params.toString()}`, signal));
  return {
    items: (Array.isArray(body.items) ? body.items : []).map(toItemView),
    next: typeof body.next === 'string' && body.next !== '' ? body.next : null,
  };
}

export async function fetchItem(key: string, signal?: AbortSignal): Promise<ItemView> {
  return toItemView(await getJson(`/api/items/${encodeURIComponent(key)}`, signal));
}

/**
 * Confirms or corrects an item's threat assessment; `analyst` (when given) is sent in the
 * `X-Rasad-Analyst` header, percent-encoded (header values are Latin-1; names may not be).
 * Returns the saved label.
 */
export async function postThreatReview(key: string, body: ThreatReviewBody, analyst: string | null, signal?: AbortSignal): Promise<ThreatLabelView> {
  const saved = toThreatLabel(
    await requestJson(
      `/api/items/${encodeURIComponent(key)}/threat-review`,
      { method: 'POST', body, ...(analyst ? { headers: { 'X-Rasad-Analyst': encodeURIComponent(analyst) } } : {}) },
      signal,
    ),
  );
  if (!saved) throw new ApiError('The server sent a label the page cannot read.', 200, 'bad_response');
  return saved;
}

export async function searchItems(q: string, limit = 50, signal?: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  const body = rec(await getJson(`/api/search?${params.toString()}`, signal));
  return {
    query: str(body.query, q),
    results: (Array.isArray(body.results) ? body.results : []).map((r) => {
      const v = rec(r);
      const item = toItemView(v.item);
      return {
        key: str(v.key, item.key),
        score: numOrNull(v.score) ?? 0,
        snippet: str(v.snippet),
        highlights: (Array.isArray(v.highlights) ? v.highlights : []).flatMap((h) => {
          const r = rec(h);
          const start = numOrNull(r.start);
          const end = numOrNull(r.end);
          return start !== null && end !== null && end > start ? [{ start, end }] : [];
        }),
        published_at: strOrNull(v.published_at) ?? item.published_at,
        language: strOrNull(v.language) ?? item.language,
        item,
      };
    }),
  };
}

export async function fetchStats(signal?: AbortSignal): Promise<Stats> {
  return toStats(await getJson('/api/stats', signal));
}

// ---------------------------------------------------------------------------------------------
// Actors

export interface ActorSummary {
  id: string;
  /** `group`, `person`, `organization`; kept open so an unknown kind still renders. */
  kind: string;
  canonical: string;
  merged_into: string | null;
  /** `list:reference` (`ofac:11462`). */
  designations: string[];
  alias_count: number;
  mention_count: number;
}

export interface ActorPage {
  total: number;
  actors: ActorSummary[];
}

export interface ActorRef {
  id: string;
  canonical: string;
}

export interface AliasView {
  alias: string;
  /** ISO 15924 (`Arab`, `Latn`…) or null. */
  script: string | null;
  /** `primary`, `native`, `romanization`, `acronym`, `kunya`, `aka`… */
  kind: string;
  source: string | null;
  confidence: number;
  /** Readable romanization of an Arabic-script alias. */
  romanized: string | null;
  /** The merged actor this alias came from; null for the actor's own. */
  via: string | null;
}

/** Alias groups in the order the actor page shows them. */
export const ALIAS_SCRIPTS = ['Arab', 'Latn', 'other'] as const;
export type AliasScript = (typeof ALIAS_SCRIPTS)[number];

export interface AffiliationView {
  /** `member_of`: this actor is the person; `has_member`: this actor is the group. */
  relation: 'member_of' | 'has_member';
  actor: ActorRef & { kind: string };
  role: string | null;
  source: string | null;
}

export interface MentioningItem {
  item: ItemView;
  /** The actor's own mentions in the item. */
  mentions: MentionView[];
}

export interface MentioningItems {
  total: number;
  results: MentioningItem[];
}

export interface ActorDetail {
  id: string;
  kind: string;
  canonical: string;
  description: string | null;
  notes: string | null;
  merged_into: ActorRef | null;
  merged_from: ActorRef[];
  designations: { label: string; listed_on: string | null; via: string | null }[];
  aliases: Record<AliasScript, AliasView[]>;
  affiliations: AffiliationView[];
  items: MentioningItems;
}

function actorRef(value: unknown): ActorRef | null {
  const r = rec(value);
  const id = str(r.id);
  return id === '' ? null : { id, canonical: str(r.canonical, id) || id };
}

function toActorSummary(value: unknown): ActorSummary {
  const v = rec(value);
  return {
    id: str(v.id),
    kind: str(v.kind, 'unknown'),
    canonical: str(v.canonical, str(v.id)),
    merged_into: strOrNull(v.merged_into),
    designations: strings(v.designations),
    alias_count: numOrNull(v.alias_count) ?? 0,
    mention_count: numOrNull(v.mention_count) ?? 0,
  };
}

function toAlias(value: unknown): AliasView {
  const v = rec(value);
  const romanized = strOrNull(v.romanized);
  return {
    alias: str(v.alias),
    script: strOrNull(v.script),
    kind: str(v.kind, 'alias'),
    source: strOrNull(v.source),
    confidence: numOrNull(v.confidence) ?? 1,
    romanized: romanized === '' ? null : romanized,
    via: strOrNull(v.via),
  };
}

function toMentioningItems(value: unknown): MentioningItems {
  const v = rec(value);
  const results = (Array.isArray(v.results) ? v.results : []).map((r) => {
    const x = rec(r);
    return { item: toItemView(x.item), mentions: mentions(x.mentions) };
  });
  return { total: numOrNull(v.total) ?? results.length, results };
}

function toActorDetail(value: unknown): ActorDetail {
  const v = rec(value);
  const aliases = rec(v.aliases);
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  return {
    id: str(v.id),
    kind: str(v.kind, 'unknown'),
    canonical: str(v.canonical, str(v.id)),
    description: strOrNull(v.description),
    notes: strOrNull(v.notes),
    merged_into: actorRef(v.merged_into),
    merged_from: list(v.merged_from).flatMap((m) => actorRef(m) ?? []),
    designations: list(v.designations).flatMap((d) => {
      const r = rec(d);
      const label = str(r.label);
      return label === '' ? [] : [{ label, listed_on: strOrNull(r.listed_on), via: strOrNull(r.via) }];
    }),
    aliases: {
      Arab: list(aliases.Arab).map(toAlias),
      Latn: list(aliases.Latn).map(toAlias),
      other: list(aliases.other).map(toAlias),
    },
    affiliations: list(v.affiliations).flatMap((a): AffiliationView[] => {
      const r = rec(a);
      const other = actorRef(r.actor);
      if (other === null) return [];
      return [
        {
          relation: r.relation === 'has_member' ? 'has_member' : 'member_of',
          actor: { ...other, kind: str(rec(r.actor).kind, 'unknown') },
          role: strOrNull(r.role),
          source: strOrNull(r.source),
        },
      ];
    }),
    items: toMentioningItems(v.items),
  };
}

export async function fetchActors(query: { q?: string; limit?: number; offset?: number }, signal?: AbortSignal): Promise<ActorPage> {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  params.set('limit', String(query.limit ?? 50));
  if (query.offset) params.set('offset', String(query.offset));
  const body = rec(await getJson(`/api/actors?${params.toString()}`, signal));
  const actors = (Array.isArray(body.actors) ? body.actors : []).map(toActorSummary).filter((a) => a.id !== '');
  return { total: numOrNull(body.total) ?? actors.length, actors };
}

export async function fetchActor(id: string, signal?: AbortSignal): Promise<ActorDetail> {
  return toActorDetail(await getJson(`/api/actors/${encodeURIComponent(id)}`, signal));
}

export async function fetchActorItems(id: string, page: { limit: number; offset: number }, signal?: AbortSignal): Promise<MentioningItems> {
  const params = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  return toMentioningItems(await getJson(`/api/actors/${encodeURIComponent(id)}/items?${params.toString()}`, signal));
}

// ---------------------------------------------------------------------------------------------
// Events

/** One event in the list: every report of one happening, with the item that posted first. */
export interface EventSummary {
  id: string;
  title: string;
  /** The item that posted first, why the clusterer thinks so and how sure it is (0–1). */
  first: { key: string; published_at: string | null; why: string; confidence: number | null } | null;
  /** Member item keys, by time. */
  members: string[];
  /** Independent sources (copies and forwards of one post count once). */
  sources: number;
  languages: string[];
  actors: { id: string; name: string }[];
  last_seen_at: string | null;
  /** Things an analyst should look at (a copy older than its original…). */
  anomalies: string[];
  /** The member with the highest threat score, when any member is a threat. */
  threat: { key: string; score: number; severity: string } | null;
}

/** One member of an event on its timeline. */
export interface TimelineEntry {
  key: string;
  published_at: string | null;
  platform: string;
  /** Who speaks: `telegram:<channel>`, `x:<handle>`, `rss:<host>`… */
  source: string;
  author: string | null;
  language: string | null;
  /** `origin`, `forward`, `copy`, `translation`, `report`, `related`; kept open. */
  relation: string;
  score: number;
  /** The member it was linked to (its original, the post it reports…). */
  linked_to: string | null;
  why: string | null;
  /** The start of the text (clipped with `…`). */
  text: string;
  threat: { score: number; severity: string; is_threat: boolean } | null;
}

export interface EventDetail extends EventSummary {
  timeline: TimelineEntry[];
}

export interface EventPage {
  total: number;
  events: EventSummary[];
}

function toEventSummary(value: unknown): EventSummary {
  const v = rec(value);
  const first = isRecord(v.first) && str(v.first.key) !== '' ? v.first : null;
  const threat = isRecord(v.threat) ? v.threat : null;
  return {
    id: str(v.id),
    title: str(v.title),
    first: first
      ? { key: str(first.key), published_at: strOrNull(first.published_at), why: str(first.why), confidence: numOrNull(first.confidence) }
      : null,
    members: strings(v.members),
    sources: numOrNull(v.sources) ?? 0,
    languages: strings(v.languages),
    actors: (Array.isArray(v.actors) ? v.actors : []).flatMap((a) => {
      const r = rec(a);
      const id = str(r.id);
      return id === '' ? [] : [{ id, name: str(r.name, id) || id }];
    }),
    last_seen_at: strOrNull(v.last_seen_at),
    anomalies: strings(v.anomalies),
    threat: threat ? { key: str(threat.key), score: numOrNull(threat.score) ?? 0, severity: str(threat.severity, 'none') } : null,
  };
}

function toTimelineEntry(value: unknown): TimelineEntry {
  const v = rec(value);
  const threat = isRecord(v.threat) ? v.threat : null;
  return {
    key: str(v.key),
    published_at: strOrNull(v.published_at),
    platform: str(v.platform),
    source: str(v.source),
    author: strOrNull(v.author),
    language: strOrNull(v.language),
    relation: str(v.relation, 'related') || 'related',
    score: numOrNull(v.score) ?? 0,
    linked_to: strOrNull(v.linked_to),
    why: strOrNull(v.why),
    text: str(v.text),
    threat: threat ? { score: numOrNull(threat.score) ?? 0, severity: str(threat.severity, 'none'), is_threat: threat.is_threat === true } : null,
  };
}

function toEventDetail(value: unknown): EventDetail {
  const v = rec(value);
  return { ...toEventSummary(value), timeline: (Array.isArray(v.timeline) ? v.timeline : []).map(toTimelineEntry).filter((t) => t.key !== '') };
}

/** Merges and splits name the analyst in the `X-Rasad-Analyst` header, percent-encoded. */
function analystHeaders(analyst: string | null): { headers?: Record<string, string> } {
  return analyst ? { headers: { 'X-Rasad-Analyst': encodeURIComponent(analyst) } } : {};
}

export async function fetchEvents(page: { limit: number; offset?: number }, signal?: AbortSignal): Promise<EventPage> {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (page.offset) params.set('offset', String(page.offset));
  const body = rec(await getJson(`/api/events?${params.toString()}`, signal));
  const events = (Array.isArray(body.events) ? body.events : []).map(toEventSummary).filter((e) => e.id !== '');
  return { total: numOrNull(body.total) ?? events.length, events };
}

/** An event by id, or the event of an item (by key). */
export async function fetchEvent(ref: string, signal?: AbortSignal): Promise<EventDetail> {
  return toEventDetail(await getJson(`/api/events/${encodeURIComponent(ref)}`, signal));
}

/** Merges events (ids or item keys) into the first; returns the merged event. */
export async function mergeEvents(refs: string[], reason: string, analyst: string | null, signal?: AbortSignal): Promise<EventDetail> {
  return toEventDetail(await requestJson('/api/events/merge', { method: 'POST', body: { events: refs, reason }, ...analystHeaders(analyst) }, signal));
}

/** Moves items out of an event; returns the new event, or null when they stand alone. */
export async function splitEvent(ref: string, items: string[], reason: string, analyst: string | null, signal?: AbortSignal): Promise<EventDetail | null> {
  const body = rec(
    await requestJson(`/api/events/${encodeURIComponent(ref)}/split`, { method: 'POST', body: { items, reason }, ...analystHeaders(analyst) }, signal),
  );
  return isRecord(body.split_into) ? toEventDetail(body.split_into) : null;
}

// ---------------------------------------------------------------------------------------------
// Sources, the discovery queue, what vanished, and an item's evidence

/** A watched source with its collection health (`rasad sources list --json`). */
export interface WatchedSourceView {
  id: string;
  kind: string;
  handle: string;
  url: string | null;
  title: string | null;
  /** `active`, `paused`, `quarantined`, `gone`; kept open. */
  status: string;
  status_reason: string | null;
  monitored: boolean;
  last_success: string | null;
  last_error: string | null;
  last_error_at: string | null;
  errors_in_a_row: number;
  next_poll: string | null;
  poll_seconds: number | null;
  items: number;
  items_last_day: number;
  audience: number | null;
  gone_at: string | null;
  suspected_at: string | null;
}

/** A channel or account seen in collected items, waiting for an analyst's decision. */
export interface DiscoveryView {
  id: string;
  kind: string;
  handle: string;
  /** `pending`, `promoted`, `dismissed`. */
  status: string;
  depth: number;
  /** `forward`, `mention`, `link`, `quote`, `reply`; kept open. */
  how: string;
  seen_count: number;
  first_seen_at: string | null;
  last_seen_at: string | null;
  via_item_key: string | null;
  via_source: SourceRef | null;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
}

export interface VanishedItemView {
  key: string;
  url: string | null;
  source: SourceRef | null;
  /** Reason code of the verdict (`tg_post_not_found`…). */
  reason: string | null;
  gone_at: string | null;
  published_at: string | null;
  collected_at: string | null;
  text: string;
}

export interface VanishedSourceView extends SourceRef {
  reason: string | null;
  gone_at: string | null;
}

export interface Vanished {
  items: VanishedItemView[];
  sources: VanishedSourceView[];
}

export interface LivenessCheckView {
  checked_at: string;
  /** `live`, `gone`, `throttled`, `unreachable`; kept open. */
  verdict: string;
  reason: string;
  http_status: number | null;
  capture_id: string | null;
}

export interface CaptureView {
  id: string;
  /** `page`, `media`, `article`, `check`; kept open. */
  role: string;
  url: string | null;
  sha256: string;
  size: number | null;
  media_type: string;
  origin: string;
  method: string;
  captured_at: string | null;
  http_status: number | null;
  warc: { file: string; offset: number; length: number | null } | null;
  /** RFC 3161 trusted time, or null when the capture has none. */
  timestamp: { at: string | null; tsa: string | null } | null;
  /** Failed time-stamp requests of a capture still without one: count, next try (null: given up), last error. */
  timestamp_retry: { attempts: number; next_at: string | null; error: string | null } | null;
  phash: string | null;
}

export interface ItemVersionView {
  version: number;
  text: string;
  title: string | null;
  edited_at: string | null;
  seen_at: string | null;
}

export interface EvidenceView {
  key: string;
  liveness: {
    /** `unknown` (imports), `live`, `suspected`, `gone`, `restored`; kept open. */
    state: string;
    reason: string | null;
    checked_at: string | null;
    gone_at: string | null;
    history: LivenessCheckView[];
  };
  captures: CaptureView[];
  versions: ItemVersionView[];
}

function sourceRef(value: unknown): SourceRef | null {
  const r = rec(value);
  const id = str(r.id);
  return id === '' ? null : { id, kind: str(r.kind, 'unknown'), handle: str(r.handle), title: strOrNull(r.title) };
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function toWatchedSource(value: unknown): WatchedSourceView {
  const v = rec(value);
  return {
    id: str(v.id),
    kind: str(v.kind, 'unknown'),
    handle: str(v.handle),
    url: strOrNull(v.url),
    title: strOrNull(v.title),
    status: str(v.status, 'active') || 'active',
    status_reason: strOrNull(v.status_reason),
    monitored: v.monitored !== false,
    last_success: strOrNull(v.last_success),
    last_error: strOrNull(v.last_error),
    last_error_at: strOrNull(v.last_error_at),
    errors_in_a_row: numOrNull(v.errors_in_a_row) ?? 0,
    next_poll: strOrNull(v.next_poll),
    poll_seconds: numOrNull(v.poll_seconds),
    items: numOrNull(v.items) ?? 0,
    items_last_day: numOrNull(v.items_last_day) ?? 0,
    audience: numOrNull(v.audience),
    gone_at: strOrNull(v.gone_at),
    suspected_at: strOrNull(v.suspected_at),
  };
}

function toDiscovery(value: unknown): DiscoveryView {
  const v = rec(value);
  return {
    id: str(v.id),
    kind: str(v.kind, 'unknown'),
    handle: str(v.handle),
    status: str(v.status, 'pending') || 'pending',
    depth: numOrNull(v.depth) ?? 0,
    how: str(v.how, 'seen') || 'seen',
    seen_count: numOrNull(v.seen_count) ?? 1,
    first_seen_at: strOrNull(v.first_seen_at),
    last_seen_at: strOrNull(v.last_seen_at),
    via_item_key: strOrNull(v.via_item_key),
    via_source: sourceRef(v.via_source),
    decided_at: strOrNull(v.decided_at),
    decided_by: strOrNull(v.decided_by),
    reason: strOrNull(v.reason),
  };
}

function toCapture(value: unknown): CaptureView {
  const v = rec(value);
  const warc = isRecord(v.warc) && str(v.warc.file) !== '' && numOrNull(v.warc.offset) !== null ? v.warc : null;
  const stamp = isRecord(v.timestamp) ? v.timestamp : null;
  const retry = isRecord(v.timestamp_retry) ? v.timestamp_retry : null;
  return {
    id: str(v.id),
    role: str(v.role, 'page') || 'page',
    url: strOrNull(v.url),
    sha256: str(v.sha256),
    size: numOrNull(v.size),
    media_type: str(v.media_type, 'application/octet-stream'),
    origin: str(v.origin),
    method: str(v.method),
    captured_at: strOrNull(v.captured_at),
    http_status: numOrNull(v.http_status),
    warc: warc ? { file: str(warc.file), offset: numOrNull(warc.offset) ?? 0, length: numOrNull(warc.length) } : null,
    timestamp: stamp ? { at: strOrNull(stamp.at), tsa: strOrNull(stamp.tsa) } : null,
    timestamp_retry: retry ? { attempts: numOrNull(retry.attempts) ?? 0, next_at: strOrNull(retry.next_at), error: strOrNull(retry.error) } : null,
    phash: strOrNull(v.phash),
  };
}

function toEvidence(value: unknown, key: string): EvidenceView {
  const v = rec(value);
  const l = rec(v.liveness);
  return {
    key: str(v.key, key),
    liveness: {
      state: str(l.state, 'unknown') || 'unknown',
      reason: strOrNull(l.reason),
      checked_at: strOrNull(l.checked_at),
      gone_at: strOrNull(l.gone_at),
      history: list(l.history).flatMap((h): LivenessCheckView[] => {
        const r = rec(h);
        const at = str(r.checked_at);
        return at === ''
          ? []
          : [{ checked_at: at, verdict: str(r.verdict, 'unknown'), reason: str(r.reason), http_status: numOrNull(r.http_status), capture_id: strOrNull(r.capture_id) }];
      }),
    },
    captures: list(v.captures).map(toCapture).filter((c) => c.id !== ''),
    versions: list(v.versions).flatMap((x): ItemVersionView[] => {
      const r = rec(x);
      const version = numOrNull(r.version);
      return version === null ? [] : [{ version, text: str(r.text), title: strOrNull(r.title), edited_at: strOrNull(r.edited_at), seen_at: strOrNull(r.seen_at) }];
    }),
  };
}

/** Watched sources with their health; `all` adds the sources imports created. */
export async function fetchSources(all: boolean, signal?: AbortSignal): Promise<WatchedSourceView[]> {
  const body = rec(await getJson(`/api/sources${all ? '?all=1' : ''}`, signal));
  return list(body.sources).map(toWatchedSource).filter((s) => s.id !== '');
}

export type DiscoveryStatus = 'pending' | 'promoted' | 'dismissed' | 'all';

export async function fetchDiscoveries(status: DiscoveryStatus, signal?: AbortSignal): Promise<DiscoveryView[]> {
  const body = rec(await getJson(`/api/sources/discovered?status=${status}`, signal));
  return list(body.discoveries).map(toDiscovery).filter((d) => d.handle !== '');
}

export async function fetchVanished(limit: number, signal?: AbortSignal): Promise<Vanished> {
  const body = rec(await getJson(`/api/vanished?limit=${limit}`, signal));
  return {
    items: list(body.items).flatMap((x): VanishedItemView[] => {
      const r = rec(x);
      const key = str(r.key);
      return key === ''
        ? []
        : [
            {
              key,
              url: strOrNull(r.url),
              source: sourceRef(r.source),
              reason: strOrNull(r.reason),
              gone_at: strOrNull(r.gone_at),
              published_at: strOrNull(r.published_at),
              collected_at: strOrNull(r.collected_at),
              text: str(r.text),
            },
          ];
    }),
    sources: list(body.sources).flatMap((x): VanishedSourceView[] => {
      const ref = sourceRef(x);
      const r = rec(x);
      return ref === null ? [] : [{ ...ref, reason: strOrNull(r.reason), gone_at: strOrNull(r.gone_at) }];
    }),
  };
}

export async function fetchEvidence(key: string, signal?: AbortSignal): Promise<EvidenceView> {
  return toEvidence(await getJson(`/api/items/${encodeURIComponent(key)}/evidence`, signal), key);
}

/** Where the preserved bytes of a capture are served (sandboxed; each access is logged). */
export function captureContentUrl(id: string): string {
  return `/api/captures/${encodeURIComponent(id)}/content`;
}
