/** Where in an input a problem was found: file, 1-based line, and field when known. */
export interface Location {
  file?: string;
  line?: number;
  field?: string;
}

/** Base of every expected failure; `code` is stable and the HTTP layer maps it to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: 'validation' | 'not_found' | 'conflict' | 'parse' | 'config' | 'unsupported',
    message: string,
    readonly location: Location = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** One line naming file, line and field where known: `file:12: field: message`. */
  oneLine(): string {
    const where = [this.location.file, this.location.line].filter((p) => p !== undefined).join(':');
    const field = this.location.field ? `${this.location.field}: ` : '';
    return `${where ? `${where}: ` : ''}${field}${this.message}`.replace(/\s*\n\s*/g, ' ');
  }
}

/** Input that does not have the shape we need. */
export class ValidationError extends DomainError {
  constructor(message: string, location: Location = {}) {
    super('validation', message, location);
  }
}

/** A file or record that cannot be parsed at all (truncated JSON, binary junk, wrong format). */
export class ParseError extends DomainError {
  constructor(message: string, location: Location = {}) {
    super('parse', message, location);
  }
}

/** A record looked up by id or key that does not exist. */
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** Configuration (environment, flags) that cannot be used; lists every problem. */
export class ConfigError extends DomainError {
  constructor(readonly problems: string[]) {
    super('config', `invalid configuration: ${problems.join('; ')}`);
  }
}
