import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { createDataSource } from './data-source-factory';
import { type DatabaseUrl, formatDatabaseUrl } from './database-url';
import { Network } from './entities/network';
import { DatabaseConnectionError } from './errors/database-connection-error';
import { StoreOptionError } from './errors/store-option-error';
import { openStore } from './open-store';
import { createScratchDatabase } from './scratch-database';
import { ScratchDatabaseError } from './scratch-database-error';
import { describeEachDatabase, POSTGRESQL, type TestDatabase } from './test-support/database-kinds';
import { tableNames } from './test-support/schema-inspection';
import { networkRow } from './testing/sample-rows';

/** Whether the database `url` names exists: on its server, or as a file. */
async function databaseExists(url: DatabaseUrl): Promise<boolean> {
  if (url.dialect === 'sqlite') return existsSync(dirname(url.path));
  if (url.dialect === 'postgres') {
    const client = new pg.Client({ ...connection(url), database: 'postgres' });
    await client.connect();
    try {
      const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        url.database,
      ]);
      return result.rowCount === 1;
    } finally {
      await client.end();
    }
  }
  const mysql = await createConnection(connection(url));
  try {
    const [rows] = await mysql.query('SHOW DATABASES LIKE ?', [url.database]);
    return (rows as unknown[]).length === 1;
  } finally {
    await mysql.end();
  }
}

function connection(url: Exclude<DatabaseUrl, { dialect: 'sqlite' }>) {
  return { host: url.host, port: url.port, user: url.user, password: url.password };
}

/** The tables of the database at `url`. */
async function tablesOf(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  try {
    return await tableNames(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('createScratchDatabase', () => {
  it('refuses a prefix that is not a plain lower-case name', async () => {
    for (const prefix of ['', 'Upper', '1st', 'semi;colon', 'a'.repeat(55)]) {
      await expect(createScratchDatabase('sqlite:///x.sqlite', prefix)).rejects.toBeInstanceOf(
        StoreOptionError,
      );
    }
  });

  it.each([
    ['PostgreSQL', 'postgresql://postgres:secret-pw@127.0.0.1:1/postgres'],
    ['MariaDB', 'mysql://root:secret-pw@127.0.0.1:1/test'],
  ])(
    'rejects with DatabaseConnectionError, password redacted, when %s does not answer',
    async (_product, url) => {
      const creating = createScratchDatabase(url, 'ml2ts_t_scratch');
      await expect(creating).rejects.toBeInstanceOf(DatabaseConnectionError);
      await expect(creating).rejects.toThrow(/did not answer/);
      await creating.catch((error: Error) => {
        expect(error.message).toContain(':***@127.0.0.1:1/');
        expect(error.message).not.toContain('secret-pw');
      });
    },
  );

  it('gives an in-memory database for an in-memory URL', async () => {
    const scratch = await createScratchDatabase(':memory:', 'ml2ts_t_scratch');
    expect(scratch.url).toBe('sqlite://');
    await scratch.drop();
  });
});

describeEachDatabase('createScratchDatabase on $label', (kind) => {
  let server: TestDatabase;

  beforeEach(async () => {
    server = await kind.create();
  });

  afterEach(async () => {
    await server.remove();
  });

  it('makes fresh databases a store can use, and drop() removes them', async () => {
    const [first, second] = await Promise.all([
      createScratchDatabase(server.url, 'ml2ts_t_scratch'),
      createScratchDatabase(server.parsed, 'ml2ts_t_scratch'),
    ]);
    try {
      expect(first.parsed.dialect).toBe(kind.dialect);
      if (first.parsed.dialect === 'sqlite') {
        if (server.parsed.dialect === 'sqlite' && server.parsed.path === ':memory:') {
          // Every open of an in-memory URL is a database of its own.
          expect([first.url, second.url]).toEqual(['sqlite://', 'sqlite://']);
        } else {
          expect(first.url).not.toBe(second.url);
          expect(first.parsed.path).toMatch(/ml2ts_t_scratch-[^/]+\/ml2ts_t_scratch\.sqlite$/);
          expect(first.url).toBe(formatDatabaseUrl(first.parsed));
        }
      } else {
        expect(first.url).not.toBe(second.url);
        expect(first.parsed.database).toMatch(/^ml2ts_t_scratch_[0-9a-f]{8}$/);
        expect(await databaseExists(first.parsed)).toBe(true);
      }
      const store = await openStore({ url: first.url });
      try {
        await store.transaction(async (manager) => {
          await manager.save(networkRow(manager, { id: 'net-a', name: 'a' }));
        });
        expect(await store.read((manager) => manager.count(Network))).toBe(1);
      } finally {
        await store.close();
      }
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
    if (first.parsed.dialect !== 'sqlite' || first.parsed.path !== ':memory:') {
      expect(await databaseExists(first.parsed)).toBe(false);
    }
    await first.drop();
  });

  if (kind.dialect !== 'sqlite') {
    it('writes nothing into the database of the URL it is given', async () => {
      const scratch = await createScratchDatabase(server.url, 'ml2ts_t_scratch');
      await scratch.drop();
      expect(await tablesOf(server.url)).toEqual([]);
    });

    it('keeps the server URL scheme, and names MariaDB as such', async () => {
      const scratch = await createScratchDatabase(server.url, 'ml2ts_t_scratch');
      try {
        const scheme = kind.dialect === 'postgres' ? 'postgresql' : 'mariadb';
        expect(scratch.url.startsWith(`${scheme}://`)).toBe(true);
      } finally {
        await scratch.drop();
      }
    });
  }

  if (kind === POSTGRESQL) {
    it('rejects with ScratchDatabaseError when the user may not create databases', async () => {
      const role = `ml2ts_t_role_${randomBytes(4).toString('hex')}`;
      const admin = server.parsed as Exclude<DatabaseUrl, { dialect: 'sqlite' }>;
      const client = new pg.Client({ ...connection(admin), database: admin.database });
      await client.connect();
      try {
        await client.query(`CREATE ROLE "${role}" LOGIN NOCREATEDB`);
        const url = formatDatabaseUrl({ ...admin, user: role, password: 'pw' } as DatabaseUrl, {
          showPassword: true,
        });
        const creating = createScratchDatabase(url, 'ml2ts_t_scratch');
        await expect(creating).rejects.toBeInstanceOf(ScratchDatabaseError);
        await expect(creating).rejects.toThrow(
          new RegExp(
            `^Cannot create scratch database ml2ts_t_scratch_[0-9a-f]{8} on postgresql://${role}:\\*\\*\\*@.*CREATEDB`,
          ),
        );
      } finally {
        await client.query(`DROP ROLE IF EXISTS "${role}"`);
        await client.end();
      }
    });
  }
});
