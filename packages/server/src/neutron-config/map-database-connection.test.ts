import { mapDatabaseConnection } from './map-database-connection';

describe('mapDatabaseConnection', () => {
  it.each([
    ['sqlite:////var/lib/neutron/neutron.db', 'sqlite:////var/lib/neutron/neutron.db'],
    ['sqlite:///neutron.db', 'sqlite:///neutron.db'],
    ['sqlite://', 'sqlite://'],
    ['sqlite+pysqlite:///x.db', 'sqlite:///x.db'],
    [
      'mysql+pymysql://neutron:secret@controller/neutron?charset=utf8',
      'mysql://neutron:secret@controller/neutron?charset=utf8',
    ],
    ['MySQL://n@db:3307/neutron', 'mysql://n@db:3307/neutron'],
    ['mariadb+pymysql://n@db/neutron', 'mariadb://n@db/neutron'],
    ['postgresql+psycopg2://n:pw@db:5433/neutron', 'postgresql://n:pw@db:5433/neutron'],
    ['postgres://n@db/neutron', 'postgresql://n@db/neutron'],
    ['./ml2ts.sqlite', './ml2ts.sqlite'],
    [':memory:', ':memory:'],
  ])('maps %s to %s', (connection, url) => {
    expect(mapDatabaseConnection(connection)).toBe(url);
  });

  it('refuses other databases and malformed SQLite URLs, never showing the password', () => {
    expect(() => mapDatabaseConnection('oracle+cx_oracle://u:secret@db/x')).toThrow(
      'the database scheme "oracle+cx_oracle" is not one ml2ts stores in: write sqlite:///path',
    );
    expect(() => mapDatabaseConnection('oracle://u:secret@db/x')).not.toThrow(/secret/);
    expect(() => mapDatabaseConnection('sqlite://host/x.db')).toThrow('a SQLite URL names no host');
    expect(() => mapDatabaseConnection(' ')).toThrow('the database is empty');
  });
});
