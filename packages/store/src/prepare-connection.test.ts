import { DatabaseSetupError } from './errors/database-setup-error';
import { prepareConnection } from './prepare-connection';

/** A connection that records pragmas and answers `journal_mode` with a fixed mode. */
function fakeConnection(journalModeAnswer: string) {
  const pragmas: string[] = [];
  const connection = {
    pragma: jest.fn((source: string) => {
      pragmas.push(source);
      return source.startsWith('journal_mode') ? journalModeAnswer : undefined;
    }),
    close: jest.fn(),
  };
  return { connection, pragmas };
}

describe('prepareConnection', () => {
  it('turns on WAL, foreign keys, the busy timeout and NORMAL sync for a file', () => {
    const { connection, pragmas } = fakeConnection('wal');

    prepareConnection(connection as never, { database: '/var/lib/ml2ts.sqlite', busyTimeoutMs: 7 });

    expect(pragmas).toEqual([
      'busy_timeout = 7',
      'foreign_keys = ON',
      'journal_mode = WAL',
      'synchronous = NORMAL',
    ]);
    expect(connection.close).not.toHaveBeenCalled();
  });

  it('does not ask for WAL on an in-memory database', () => {
    const { connection, pragmas } = fakeConnection('memory');

    prepareConnection(connection as never, { database: ':memory:', busyTimeoutMs: 7 });

    expect(pragmas).not.toContain('journal_mode = WAL');
    expect(pragmas).toContain('synchronous = NORMAL');
  });

  it('closes the connection and throws DatabaseSetupError when SQLite keeps another journal', () => {
    const { connection, pragmas } = fakeConnection('delete');

    const attempt = () =>
      prepareConnection(connection as never, { database: '/mnt/nfs/db.sqlite', busyTimeoutMs: 7 });

    expect(attempt).toThrow(DatabaseSetupError);
    expect(attempt).toThrow(/"\/mnt\/nfs\/db.sqlite".*journal_mode stayed "delete"/);
    expect(connection.close).toHaveBeenCalledTimes(2);
    expect(pragmas).not.toContain('synchronous = NORMAL');
  });
});
