/** One answer of `rasad actors resolve` (CLI.md), before the CLI renames fields to snake_case. */
export interface ResolveCandidate {
  actorId: string;
  canonical: string;
  /** The registry alias the name matched best. */
  matchedAlias: string;
  /** In [0, 1]; comparable across queries. */
  score: number;
  /** Why this is a match, in words an analyst can check ("same consonant skeleton as …"). */
  why: string;
  /** `list:reference`, e.g. `ofac:11462`. */
  designations: string[];
  /** False for near-misses that only `--all` lists. */
  accepted: boolean;
}

export interface ResolveOptions {
  /** At most this many candidates (default 10). */
  limit?: number;
  /** Also return rejected near-misses (`accepted: false`). */
  all?: boolean;
}

/** Name → actor matching over an in-memory index of the registry, built once. */
export interface ActorResolver {
  resolve(name: string, options?: ResolveOptions): ResolveCandidate[];
  readonly size: { actors: number; aliases: number };
}

/** An actor named in a text (CLI.md `mentions`): UTF-16 offsets into the original text. */
export interface FoundMention {
  actorId: string;
  canonical: string;
  matched: string;
  start: number;
  end: number;
  score: number;
  /** How it was found: `alias` (a whole alias), `partial` (a distinctive part of a name), `context` (short alias backed by context). */
  method: 'alias' | 'partial' | 'context';
  /** The actor's kind (group, person, organization). */
  kind?: string;
}

/** Finds actor mentions in running text over the same registry. */
export interface MentionFinder {
  find(text: string): FoundMention[];
}
