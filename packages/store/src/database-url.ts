import { DatabaseUrlError } from './errors/database-url-error';

/** The SQL dialects the store runs on; MariaDB is the `mysql` dialect. */
export type DatabaseDialect = 'sqlite' | 'postgres' | 'mysql';

/** The path that selects a private in-memory SQLite database (gone when it is closed). */
const MEMORY_PATH = ':memory:';

/** A SQLite database: a file path (relative to the working directory, or absolute) or `:memory:`. */
export interface SqliteDatabaseUrl {
  readonly dialect: 'sqlite';
  readonly path: string;
}

/** What every server database URL carries. */
export interface ServerDatabaseUrl {
  /** Host name or address; `localhost` when the URL names none. */
  readonly host: string;
  readonly port: number;
  /** Percent-decoded; undefined when the URL names none (the driver's default applies). */
  readonly user: string | undefined;
  /** Percent-decoded; undefined when the URL has none. Never print it: see `redactDatabaseUrl`. */
  readonly password: string | undefined;
  /** The database (PostgreSQL) or schema (MySQL) name, percent-decoded. */
  readonly database: string;
  /**
   * The query parameters, decoded. The store reads `sslmode` (PostgreSQL: `require`,
   * `verify-ca`, `verify-full` turn TLS on), `host` (PostgreSQL: a Unix socket directory) and
   * `unix_socket` (MySQL); others, such as `charset`, are kept but have no effect.
   */
  readonly parameters: Readonly<Record<string, string>>;
}

/** A PostgreSQL database. */
export interface PostgresDatabaseUrl extends ServerDatabaseUrl {
  readonly dialect: 'postgres';
}

/** A MySQL or MariaDB database. */
export interface MysqlDatabaseUrl extends ServerDatabaseUrl {
  readonly dialect: 'mysql';
  /**
   * `mariadb` for a `mariadb://` URL; undefined for `mysql://`, which serves both (`openStore`
   * asks the server which one it is).
   */
  readonly flavor: 'mysql' | 'mariadb' | undefined;
}

/** A parsed database URL: where the ml2ts database lives. */
export type DatabaseUrl = SqliteDatabaseUrl | PostgresDatabaseUrl | MysqlDatabaseUrl;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** Scheme (lower case) → dialect, with the Python driver suffixes Neutron's configurations use. */
const SCHEMES: Readonly<Record<string, { dialect: DatabaseDialect; flavor?: 'mariadb' }>> = {
  sqlite: { dialect: 'sqlite' },
  'sqlite+pysqlite': { dialect: 'sqlite' },
  postgresql: { dialect: 'postgres' },
  postgres: { dialect: 'postgres' },
  'postgresql+psycopg2': { dialect: 'postgres' },
  'postgresql+psycopg': { dialect: 'postgres' },
  'postgresql+pg8000': { dialect: 'postgres' },
  mysql: { dialect: 'mysql' },
  'mysql+pymysql': { dialect: 'mysql' },
  'mysql+mysqldb': { dialect: 'mysql' },
  'mysql+mysqlconnector': { dialect: 'mysql' },
  mariadb: { dialect: 'mysql', flavor: 'mariadb' },
  'mariadb+pymysql': { dialect: 'mysql', flavor: 'mariadb' },
  'mariadb+mariadbconnector': { dialect: 'mysql', flavor: 'mariadb' },
};

const DEFAULT_PORTS: Readonly<Record<'postgres' | 'mysql', number>> = {
  postgres: 5432,
  mysql: 3306,
};

/**
 * Parses where the ml2ts database lives, in any spelling Neutron's `[database] connection`
 * option uses, or as a bare SQLite path (what the store's `database` option always took):
 *
 * - `sqlite:///relative/path`, `sqlite:////absolute/path`; `sqlite://` and `sqlite:///:memory:`
 *   for a private in-memory database; a bare path such as `./ml2ts.sqlite` or `:memory:`;
 * - `postgresql://user:password@host:port/database` (also `postgres://`,
 *   `postgresql+psycopg2://`);
 * - `mysql://user:password@host:port/database` (also `mysql+pymysql://`, and `mariadb://` for a
 *   server known to be MariaDB).
 *
 * User and password are percent-decoded; the port defaults to the dialect's. Pure; throws
 * `DatabaseUrlError` (naming the URL without its password and the accepted forms) for an unknown
 * scheme, an empty string, a bad port, a server URL without database name or a SQLite URL with a
 * host.
 */
export function parseDatabaseUrl(text: string): DatabaseUrl {
  if (typeof text !== 'string' || text.length === 0) {
    throw new DatabaseUrlError(String(text), 'it is empty');
  }
  const scheme = SCHEME.exec(text);
  if (!scheme) {
    return { dialect: 'sqlite', path: text };
  }
  const known = SCHEMES[scheme[1].toLowerCase()];
  if (!known) {
    throw new DatabaseUrlError(redactDatabaseUrl(text), `unknown scheme "${scheme[1]}"`);
  }
  if (known.dialect === 'sqlite') {
    return parseSqliteUrl(text, text.slice(scheme[0].length));
  }
  return parseServerUrl(text, known.dialect, known.flavor);
}

function parseSqliteUrl(text: string, rest: string): SqliteDatabaseUrl {
  const withoutQuery = rest.split('?')[0];
  if (withoutQuery === '' || withoutQuery === `/${MEMORY_PATH}`) {
    return { dialect: 'sqlite', path: MEMORY_PATH };
  }
  if (!withoutQuery.startsWith('/')) {
    throw new DatabaseUrlError(
      redactDatabaseUrl(text),
      'a SQLite URL has no host: write sqlite:///relative/path or sqlite:////absolute/path',
    );
  }
  const path = withoutQuery.slice(1);
  if (path === '') {
    throw new DatabaseUrlError(redactDatabaseUrl(text), 'it names no file');
  }
  return { dialect: 'sqlite', path };
}

function parseServerUrl(
  text: string,
  dialect: 'postgres' | 'mysql',
  flavor: 'mariadb' | undefined,
): PostgresDatabaseUrl | MysqlDatabaseUrl {
  const redacted = redactDatabaseUrl(text);
  let url: URL;
  try {
    // A scheme WHATWG does not know parses with the generic rules: host, port, userinfo, path.
    // `user:password@/database` (no host, as Neutron writes for a Unix socket) reads as localhost.
    const generic = text
      .replace(SCHEME, 'ml2ts://')
      .replace(/^(ml2ts:\/\/[^/?#]*@)(?=[/?#]|$)/, '$1localhost');
    url = new URL(generic);
  } catch {
    throw new DatabaseUrlError(redacted, 'it is not a well-formed URL (is the port a number?)');
  }
  const database = decode(url.pathname.replace(/^\//, ''), redacted, 'database name');
  if (database === '' || database.includes('/')) {
    throw new DatabaseUrlError(redacted, 'it names no database: add /DATABASE after the host');
  }
  const parameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) parameters[name] = value;
  const common: ServerDatabaseUrl = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: url.port === '' ? DEFAULT_PORTS[dialect] : Number(url.port),
    user: url.username === '' ? undefined : decode(url.username, redacted, 'user name'),
    password: url.password === '' ? undefined : decode(url.password, redacted, 'password'),
    database,
    parameters,
  };
  return dialect === 'postgres'
    ? { dialect, ...common }
    : { dialect, flavor: flavor ?? undefined, ...common };
}

function decode(text: string, redacted: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new DatabaseUrlError(redacted, `its ${what} has a bad percent-escape`);
  }
}

/**
 * `text` with the password of a server URL (and any `password=` query parameter) replaced by
 * `***`, for logs and error messages. Anything else, a bare path included, comes back unchanged.
 * Pure; never throws.
 */
export function redactDatabaseUrl(text: string): string {
  const scheme = SCHEME.exec(text);
  if (!scheme) return text;
  const rest = text.slice(scheme[0].length);
  const queryAt = rest.search(/[?#]/);
  const beforeQuery = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rest.slice(queryAt);
  // The last '@' ends the user information even when an unescaped '@' sits in the password.
  const at = beforeQuery.lastIndexOf('@');
  let authority = beforeQuery;
  if (at >= 0) {
    const userInfo = beforeQuery.slice(0, at);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) {
      authority = `${userInfo.slice(0, colon)}:***${beforeQuery.slice(at)}`;
    }
  }
  const redactedQuery = query.replace(/([?&](?:password|passwd)=)[^&#]*/gi, '$1***');
  return `${scheme[0]}${authority}${redactedQuery}`;
}

/**
 * The URL of a parsed database, in the store's canonical spelling (`sqlite:///path`,
 * `postgresql://...`, `mysql://...` or `mariadb://...`). The password is written as `***` unless
 * `showPassword` is set: only pass that when handing the URL to a program, never to a log. Pure.
 */
export function formatDatabaseUrl(
  url: DatabaseUrl,
  options: { showPassword?: boolean } = {},
): string {
  if (url.dialect === 'sqlite') {
    return url.path === MEMORY_PATH ? 'sqlite://' : `sqlite:///${url.path}`;
  }
  const scheme =
    url.dialect === 'postgres' ? 'postgresql' : url.flavor === 'mariadb' ? 'mariadb' : 'mysql';
  const password =
    url.password === undefined
      ? ''
      : `:${options.showPassword ? encodeURIComponent(url.password) : '***'}`;
  const userInfo = url.user === undefined ? '' : `${encodeURIComponent(url.user)}${password}@`;
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  const query = new URLSearchParams(url.parameters).toString();
  return (
    `${scheme}://${userInfo}${host}:${url.port}/${encodeURIComponent(url.database)}` +
    (query ? `?${query}` : '')
  );
}
