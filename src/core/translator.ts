/** Engines Rasad can translate through (`none`: no engine; glossary and romanization only). */
export const translationEngines = ['none', 'openai-compatible', 'libretranslate', 'deepl', 'onnx-local'] as const;
export type TranslationEngine = (typeof translationEngines)[number];

/** One text to translate, with ISO 639-1 codes (`source` may be `auto` when unknown). */
export interface TranslationRequest {
  text: string;
  source: string;
  target: string;
}

/** A translation with its provenance. */
export interface Translation {
  text: string;
  engine: TranslationEngine;
  model: string | null;
  /** The source language the engine reported, when it reports one. */
  detectedSource: string | null;
}

/** Why an engine call failed; `retryable` failures are retried later with backoff, never fatal to ingestion. */
export type TranslationFailureKind = 'timeout' | 'rate_limited' | 'server' | 'bad_response' | 'network' | 'auth' | 'unsupported' | 'config';

/** A failed engine call, classified so the caller can decide to retry. */
export class TranslationError extends Error {
  constructor(
    readonly kind: TranslationFailureKind,
    message: string,
    readonly details: { status?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'TranslationError';
  }

  /** Timeouts, 429, 5xx, network errors and garbage answers may succeed later. */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'bad_response';
  }
}

/** The translation port: one adapter per engine, all I/O inside. */
export interface Translator {
  readonly engine: TranslationEngine;
  readonly model: string | null;
  translate(request: TranslationRequest, signal?: AbortSignal): Promise<Translation>;
}
