import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 503 `ServiceUnavailable`, at start-up (`openStore`): the database could not be opened: the
 * server is unreachable, refused the login, or has no such database (or a SQLite file cannot be
 * opened). Names the database by its URL without password; the driver's error is the `cause`.
 * Whatever had been opened is closed again before this is thrown.
 */
export class DatabaseConnectionError extends Ml2Error {
  /** The database URL with its password replaced by `***`. */
  readonly url: string;

  constructor(url: string, detail: string, cause: unknown) {
    super('ServiceUnavailable', 503, `Cannot open database ${url}: ${detail}.`, { cause });
    this.name = 'DatabaseConnectionError';
    this.url = url;
  }
}
