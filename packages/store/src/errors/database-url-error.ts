import { StoreOptionError } from './store-option-error';

/** The database URL forms the store accepts, for error messages and help texts. */
export const ACCEPTED_DATABASE_URLS =
  'sqlite:///relative/path, sqlite:////absolute/path, sqlite:// or sqlite:///:memory: (in memory), ' +
  'a bare file path or :memory:, postgresql://user:password@host:port/database (also postgres:// ' +
  'and postgresql+psycopg2://), mysql://user:password@host:port/database (also mysql+pymysql:// ' +
  'and mariadb://)';

/**
 * Thrown synchronously by `parseDatabaseUrl` (and so by `createDataSource`, and as a rejection by
 * `openStore`) for a database URL the store cannot use: an unknown scheme, a server URL without
 * host or database, a port that is not a number. The message names the URL without its
 * password and lists the accepted forms. A `StoreOptionError` for the option `url`.
 */
export class DatabaseUrlError extends StoreOptionError {
  /** Stable code for programs: `ML2TS_BAD_DATABASE_URL`. */
  readonly code = 'ML2TS_BAD_DATABASE_URL';
  /** What is wrong with it, in words. */
  readonly problem: string;

  constructor(redactedUrl: string, problem: string) {
    super('url', redactedUrl, ACCEPTED_DATABASE_URLS);
    this.message =
      `Invalid database URL ${JSON.stringify(redactedUrl)}: ${problem}. ` +
      `Accepted forms: ${ACCEPTED_DATABASE_URLS}.`;
    this.name = 'DatabaseUrlError';
    this.problem = problem;
  }
}
