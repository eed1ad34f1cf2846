import type { Generated } from 'kysely';

/**
 * Table types as Kysely sees them through CamelCasePlugin (columns are snake_case in SQL).
 * JSON columns are `unknown`: text on SQLite, parsed jsonb on PostgreSQL (see json.ts).
 */
export interface SourcesTable {
  id: string;
  kind: string;
  handle: string;
  url: string | null;
  title: string | null;
  language: string | null;
  reliability: string | null;
  tags: unknown;
  cursor: unknown;
  pollIntervalSeconds: number | null;
  status: string;
  discoveredFrom: string | null;
  createdAt: string;
  updatedAt: string;
  /** 1 when `rasad sources add` watches it; sources created by imports are 0. */
  monitored: Generated<number>;
  externalId: string | null;
  description: string | null;
  audience: number | null;
  followLinks: Generated<number>;
  discoveryDepth: Generated<number>;
  nextPollAt: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  errorCount: Generated<number>;
  statusReason: string | null;
  goneChecks: Generated<number>;
  suspectedAt: string | null;
  goneAt: string | null;
}

export interface CapturesTable {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  storageKey: string;
  origin: string;
  method: string;
  capturedAt: string;
  warcRef: string | null;
  timestampToken: string | null;
  sourceId: string | null;
  httpStatus: number | null;
  warcFile: string | null;
  warcOffset: number | null;
  warcLength: number | null;
  timestampAt: string | null;
  timestampTsa: string | null;
  phash: string | null;
  meta: Generated<unknown>;
  timestampAttempts: Generated<number>;
  timestampNextAt: string | null;
  timestampError: string | null;
}

export interface ItemsTable {
  seq: Generated<number>;
  id: string;
  key: string;
  sourceId: string;
  platform: string;
  nativeId: string;
  kind: string;
  url: string | null;
  title: string | null;
  authorName: string | null;
  authorHandle: string | null;
  authorId: string | null;
  publishedAt: string | null;
  editedAt: string | null;
  collectedAt: string;
  text: string;
  normalized: string;
  searchText: string;
  stemText: string;
  spellingText: string;
  normalizeVersion: number;
  langHint: string | null;
  language: string | null;
  languageConfidence: number | null;
  script: string | null;
  forwardedFrom: unknown;
  replyTo: string | null;
  quotes: string | null;
  reposts: string | null;
  media: unknown;
  links: unknown;
  hashtags: unknown;
  metrics: unknown;
  extra: unknown;
  captureId: string | null;
  locator: string | null;
  liveness: Generated<string>;
  livenessReason: string | null;
  livenessCheckedAt: string | null;
  goneChecks: Generated<number>;
  suspectedAt: string | null;
  goneAt: string | null;
  nextCheckAt: string | null;
}

export interface ItemCapturesTable {
  itemId: string;
  captureId: string;
  /** page (the capture the item was read from), media, article, check */
  role: string;
  url: string | null;
  createdAt: string;
}

export interface ItemVersionsTable {
  itemId: string;
  version: number;
  text: string;
  title: string | null;
  editedAt: string | null;
  seenAt: string;
  captureId: string | null;
}

export interface SourceDiscoveriesTable {
  id: string;
  kind: string;
  handle: string;
  status: Generated<string>;
  depth: number;
  how: string;
  viaSourceId: string | null;
  viaItemKey: string | null;
  seenCount: Generated<number>;
  firstSeenAt: string;
  lastSeenAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface LivenessChecksTable {
  id: string;
  subjectType: string;
  subjectId: string;
  checkedAt: string;
  verdict: string;
  reason: string;
  httpStatus: number | null;
  captureId: string | null;
}

export interface CustodyLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string;
  actor: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

export interface StageResultsTable {
  itemId: string;
  stage: string;
  version: number;
  output: unknown;
  createdAt: string;
}

export interface ActorsTable {
  id: string;
  kind: string;
  canonicalName: string;
  description: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  mergedInto: Generated<string | null>;
}

export interface ActorMergeDismissalsTable {
  actorA: string;
  actorB: string;
  reason: string | null;
  createdAt: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface ActorAliasesTable {
  id: string;
  actorId: string;
  alias: string;
  normalized: string;
  script: string | null;
  kind: string;
  source: string | null;
  confidence: number;
  createdAt: string;
}

export interface ActorDesignationsTable {
  actorId: string;
  list: string;
  reference: string;
  listedOn: string | null;
}

export interface MentionsTable {
  id: string;
  itemId: string;
  actorId: string;
  matchedText: string;
  spanStart: number;
  spanEnd: number;
  score: number;
  method: string;
  stageVersion: string;
}

export interface ThreatAssessmentsTable {
  itemId: string;
  score: number;
  severity: string;
  isThreat: number | boolean;
  stance: string;
  categories: unknown;
  targets: unknown;
  reported: unknown;
  reasons: unknown;
  stageVersion: string;
  createdAt: string;
}

export interface ThreatLabelsTable {
  id: string;
  itemId: string;
  verdict: string;
  isThreat: number | boolean;
  stance: string;
  categories: unknown;
  severity: string | null;
  targets: unknown;
  reason: string;
  analyst: string;
  assessed: unknown;
  stageVersion: string | null;
  createdAt: string;
}

export interface EventsTable {
  id: string;
  title: string;
  firstItemId: string | null;
  firstSeenAt: string | null;
  firstWhy: string | null;
  confidence: number | null;
  corroboration: number;
  stageVersion: string;
  createdAt: string;
  updatedAt: string;
  anomalies: unknown;
  memberCount: number;
  lastSeenAt: string | null;
}

export interface EventMembersTable {
  eventId: string;
  itemId: string;
  relation: string;
  score: number;
  addedAt: string;
  linkedTo: string | null;
  why: string | null;
}

export interface EventDecisionsTable {
  id: string;
  kind: string;
  itemKeys: unknown;
  reason: string;
  analyst: string;
  createdAt: string;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string | null;
  role: string;
  passwordHash: string | null;
  createdAt: string;
}

export interface TranslationsTable {
  id: string;
  textSha256: string;
  sourceLang: string;
  targetLang: string;
  engine: string;
  model: string;
  translatedText: string;
  detectedSource: string | null;
  createdAt: string;
}

export interface ItemTranslationsTable {
  itemId: string;
  targetLang: string;
  translationId: string;
  createdAt: string;
}

export interface TranslationQueueTable {
  itemId: string;
  targetLang: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  details: unknown;
}

export interface ActorAffiliationsTable {
  personId: string;
  groupId: string;
  role: string | null;
  source: string | null;
}

/** An item a watched source found that is filed under another source (a search result). */
export interface SourceHitsTable {
  sourceId: string;
  itemId: string;
  foundAt: string;
}

export interface Database {
  sources: SourcesTable;
  captures: CapturesTable;
  items: ItemsTable;
  stageResults: StageResultsTable;
  actors: ActorsTable;
  actorAliases: ActorAliasesTable;
  actorDesignations: ActorDesignationsTable;
  mentions: MentionsTable;
  threatAssessments: ThreatAssessmentsTable;
  threatLabels: ThreatLabelsTable;
  events: EventsTable;
  eventMembers: EventMembersTable;
  eventDecisions: EventDecisionsTable;
  users: UsersTable;
  translations: TranslationsTable;
  itemTranslations: ItemTranslationsTable;
  translationQueue: TranslationQueueTable;
  actorAffiliations: ActorAffiliationsTable;
  actorMergeDismissals: ActorMergeDismissalsTable;
  auditLog: AuditLogTable;
  itemCaptures: ItemCapturesTable;
  itemVersions: ItemVersionsTable;
  sourceDiscoveries: SourceDiscoveriesTable;
  livenessChecks: LivenessChecksTable;
  custodyLog: CustodyLogTable;
  sourceHits: SourceHitsTable;
}
