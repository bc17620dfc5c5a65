import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@ml2ts/migrations';
import { DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_DATABASE_PATH } from './data-source-factory';
import { ENTITIES } from './entities';
import { checkRecordedMigrations } from './check-recorded-migrations';
import { DatabaseNotFoundError } from './errors/database-not-found-error';
import { NotAnMl2tsDatabaseError } from './errors/not-an-ml2ts-database-error';
import { IN_MEMORY_DATABASE } from './prepare-connection';
import { SqliteStore } from './sqlite-store';

/** Where the database to read is. */
export interface OpenStoreForReadingOptions {
  /** The SQLite file. Default `./ml2ts.sqlite`. */
  database?: string;
  /** Milliseconds a read waits for a writer's lock. Default 5000. */
  busyTimeoutMs?: number;
}

/** The table in which the schema's applied migrations are recorded. */
const MIGRATIONS_TABLE = 'migrations';

/**
 * Opens an existing ml2ts database to read it, for tools that inspect a database a server may be
 * using (`ml2ts agents`, `ml2ts explain`). Unlike `openStore` it never writes: no migration, no
 * journal-mode or other persistent setting, no file created. The SQLite file is opened read-only,
 * so it works on a file the user may not write, and the file's bytes stay as they were (a
 * database in write-ahead-log mode still gets its `-shm`/`-wal` companions, as any reader does).
 *
 * Before returning, it checks that the database is an ml2ts database whose schema is exactly the
 * one this code reads. Rejects, after closing what it opened, with `DatabaseNotFoundError` (no
 * such file), `NotAnMl2tsDatabaseError` (a file of another application, or an empty one),
 * `SchemaVersionMismatchError` (migrated by a newer ml2ts, or not yet by this one), or the
 * driver's error when the file cannot be read at all. A unit of work that writes through the
 * returned store fails: the connection is read-only.
 */
export async function openStoreForReading(
  options: OpenStoreForReadingOptions = {},
): Promise<SqliteStore> {
  const database = options.database ?? DEFAULT_DATABASE_PATH;
  if (database === IN_MEMORY_DATABASE || !existsSync(database)) {
    throw new DatabaseNotFoundError(database);
  }
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database,
    readonly: true,
    fileMustExist: true,
    timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    entities: [...ENTITIES],
    synchronize: false,
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    await checkSchema(dataSource, database);
    return new SqliteStore(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** Refuses a database whose recorded migrations are not exactly the code's. */
async function checkSchema(dataSource: DataSource, database: string): Promise<void> {
  const tables = (await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`,
    [MIGRATIONS_TABLE],
  )) as unknown[];
  if (tables.length === 0) {
    throw new NotAnMl2tsDatabaseError(database, 'it has no record of ml2ts schema migrations');
  }
  const recorded = (
    (await dataSource.query(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`)) as {
      name: string;
    }[]
  ).map((row) => row.name);
  checkRecordedMigrations(
    database,
    recorded,
    MIGRATIONS.map((migration) => migration.name),
  );
}
