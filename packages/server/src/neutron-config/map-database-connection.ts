import { OptionValueError, type OptionType } from './option-types';

/** The scheme of a URL, up to `://`. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+._-]*):\/\//;

/** Database URL schemes (without their `+driver` part) to ml2ts's spelling. */
const SCHEMES: Readonly<Record<string, string>> = {
  sqlite: 'sqlite',
  postgresql: 'postgresql',
  postgres: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mariadb',
};

/**
 * The database of a `[database] connection` URL in ml2ts's spelling: the Python driver part of
 * the scheme is dropped (`mysql+pymysql://` is `mysql://`, `postgresql+psycopg2://` is
 * `postgresql://`, `postgres://` is `postgresql://`), the rest is kept as written (user,
 * password, host, port, database, query parameters such as `charset`). SQLite URLs keep their
 * path (`sqlite:///relative`, `sqlite:////absolute`; `sqlite://` is an in-memory database). A
 * value without a scheme is taken as a SQLite file path, as ml2ts's own `database` option is.
 *
 * Pure. Throws `OptionValueError` (showing the scheme only, never the password) for an empty
 * value, a scheme ml2ts has no store for, or a SQLite URL with a host.
 */
export function mapDatabaseConnection(connection: string): string {
  const text = connection.trim();
  if (text === '') {
    throw new OptionValueError('the database is empty');
  }
  const scheme = SCHEME.exec(text);
  if (!scheme) return text;
  const base = scheme[1].toLowerCase().split('+')[0];
  const mapped = Object.prototype.hasOwnProperty.call(SCHEMES, base) ? SCHEMES[base] : undefined;
  if (mapped === undefined) {
    throw new OptionValueError(
      `the database scheme "${scheme[1]}" is not one ml2ts stores in: write sqlite:///path, ` +
        'postgresql://user:password@host/database or mysql://user:password@host/database',
    );
  }
  const rest = text.slice(scheme[0].length);
  if (mapped === 'sqlite' && rest !== '' && !rest.startsWith('/')) {
    throw new OptionValueError(
      'a SQLite URL names no host: write sqlite:///relative/path or sqlite:////absolute/path',
    );
  }
  return `${mapped}://${rest}`;
}

/**
 * `[database] connection` and `[ml2ts] database` as an option type (see
 * `mapDatabaseConnection`).
 */
export const databaseConnectionType: OptionType<string> = {
  expected: 'a database URL',
  parse: mapDatabaseConnection,
};
