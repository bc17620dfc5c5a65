import { formatDatabaseUrl, parseDatabaseUrl, redactDatabaseUrl } from './database-url';
import { DatabaseUrlError } from './errors/database-url-error';
import { StoreOptionError } from './errors/store-option-error';

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:///ml2ts.sqlite', 'ml2ts.sqlite'],
    ['sqlite:///var/lib/ml2ts.sqlite', 'var/lib/ml2ts.sqlite'],
    ['sqlite:////var/lib/ml2ts.sqlite', '/var/lib/ml2ts.sqlite'],
    ['sqlite:////tmp/x.db?timeout=5', '/tmp/x.db'],
    ['SQLite:///x.db', 'x.db'],
    ['sqlite://', ':memory:'],
    ['sqlite:///:memory:', ':memory:'],
    ['./ml2ts.sqlite', './ml2ts.sqlite'],
    ['/var/lib/neutron/ml2ts.sqlite', '/var/lib/neutron/ml2ts.sqlite'],
    [':memory:', ':memory:'],
  ])('reads %s as the SQLite path %s', (text, path) => {
    expect(parseDatabaseUrl(text)).toEqual({ dialect: 'sqlite', path });
  });

  it.each(['postgresql', 'postgres', 'postgresql+psycopg2', 'POSTGRESQL'])(
    'reads a %s:// URL as PostgreSQL, percent-decoding user and password',
    (scheme) => {
      expect(
        parseDatabaseUrl(`${scheme}://neutron:p%40ss%3Aw%2Frd@db.example:6432/neutron`),
      ).toEqual({
        dialect: 'postgres',
        host: 'db.example',
        port: 6432,
        user: 'neutron',
        password: 'p@ss:w/rd',
        database: 'neutron',
        parameters: {},
      });
    },
  );

  it.each([
    ['mysql', undefined],
    ['mysql+pymysql', undefined],
    ['mariadb', 'mariadb'],
  ])(
    'reads a %s:// URL as MySQL (flavor %s), with the default port and its parameters',
    (scheme, flavor) => {
      expect(parseDatabaseUrl(`${scheme}://root:secret@10.0.0.5/neutron?charset=utf8`)).toEqual({
        dialect: 'mysql',
        flavor,
        host: '10.0.0.5',
        port: 3306,
        user: 'root',
        password: 'secret',
        database: 'neutron',
        parameters: { charset: 'utf8' },
      });
    },
  );

  it('takes a password with an unescaped @, no user at all, an IPv6 host and no host', () => {
    expect(parseDatabaseUrl('postgresql://u:a@b@h/d')).toMatchObject({
      user: 'u',
      password: 'a@b',
    });
    expect(parseDatabaseUrl('postgresql://h:5433/d')).toMatchObject({
      user: undefined,
      password: undefined,
      port: 5433,
    });
    expect(parseDatabaseUrl('postgresql://u@[::1]:5432/d')).toMatchObject({ host: '::1' });
    expect(
      parseDatabaseUrl('mysql+pymysql://u:p@/neutron?unix_socket=/run/mysqld.sock'),
    ).toMatchObject({ host: 'localhost', parameters: { unix_socket: '/run/mysqld.sock' } });
  });

  it.each([
    ['', /is empty/],
    ['oracle://scott:tiger@h/orcl', /unknown scheme "oracle"/],
    ['postgresql://u:p@h:notaport/d', /not a well-formed URL/],
    ['postgresql://u:p@h:5432/', /names no database/],
    ['mysql://u:p@h', /names no database/],
    ['sqlite://host/file.db', /has no host/],
  ])('refuses %j with a DatabaseUrlError saying %s', (text, problem) => {
    const attempt = () => parseDatabaseUrl(text);

    expect(attempt).toThrow(DatabaseUrlError);
    expect(attempt).toThrow(problem);
    expect(attempt).toThrow(
      /Accepted forms: sqlite:\/\/\/relative\/path.*postgresql:\/\/.*mysql:\/\//,
    );
  });

  it('names a refused URL without its password, as a StoreOptionError for the option url', () => {
    let error: unknown;
    try {
      parseDatabaseUrl('oracle://scott:tiger@h/orcl');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(StoreOptionError);
    expect(error).toMatchObject({
      option: 'url',
      code: 'ML2TS_BAD_DATABASE_URL',
      value: 'oracle://scott:***@h/orcl',
    });
    expect((error as Error).message).toContain('"oracle://scott:***@h/orcl"');
    expect((error as Error).message).not.toContain('tiger');
  });
});

describe('redactDatabaseUrl', () => {
  it.each([
    ['postgresql://neutron:s3cret@h:5432/db', 'postgresql://neutron:***@h:5432/db'],
    ['mysql+pymysql://root:p@ss@h/db?charset=utf8', 'mysql+pymysql://root:***@h/db?charset=utf8'],
    ['mysql://root@h/db', 'mysql://root@h/db'],
    ['mysql://h/db?user=u&password=x&ssl=1', 'mysql://h/db?user=u&password=***&ssl=1'],
    ['sqlite:////var/lib/x.sqlite', 'sqlite:////var/lib/x.sqlite'],
    ['./ml2ts.sqlite', './ml2ts.sqlite'],
  ])('turns %s into %s', (text, redacted) => {
    expect(redactDatabaseUrl(text)).toBe(redacted);
  });
});

describe('formatDatabaseUrl', () => {
  it('writes the canonical URL, password hidden unless asked for, and parses back the same', () => {
    const parsed = parseDatabaseUrl('postgres://u%20ser:p%40ss@db:6432/neutron?sslmode=require');

    expect(formatDatabaseUrl(parsed)).toBe(
      'postgresql://u%20ser:***@db:6432/neutron?sslmode=require',
    );
    const shown = formatDatabaseUrl(parsed, { showPassword: true });
    expect(shown).toBe('postgresql://u%20ser:p%40ss@db:6432/neutron?sslmode=require');
    expect(parseDatabaseUrl(shown)).toEqual(parsed);
  });

  it.each([
    ['sqlite://', 'sqlite://'],
    ['sqlite:////abs/x.db', 'sqlite:////abs/x.db'],
    ['rel/x.db', 'sqlite:///rel/x.db'],
    ['mariadb://root@h/t', 'mariadb://root@h:3306/t'],
    ['mysql://root@[::1]/t', 'mysql://root@[::1]:3306/t'],
  ])('writes %s as %s', (text, formatted) => {
    expect(formatDatabaseUrl(parseDatabaseUrl(text))).toBe(formatted);
  });
});
