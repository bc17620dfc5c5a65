import {
  createDataSource,
  DatabaseConnectionError,
  DEFAULT_CONNECT_TIMEOUT_MS,
  describeConnectionFailure,
  detectMysqlFlavor,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from '@ml2ts/store';

/** The store's TypeORM data source. */
export type StoreDataSource = ReturnType<typeof createDataSource>;

/**
 * Opens the store's data source for the database `--database` names (a URL or a SQLite path),
 * as `openStore` opens it but without migrating: a MySQL URL is first asked whether its server
 * is MariaDB. The caller destroys the data source. Rejects with `DatabaseUrlError` for an
 * unusable URL, `DatabaseConnectionError` (naming the database without its password) when a
 * server cannot be reached, refuses the login or has no such database, and with the driver's
 * error when a SQLite file cannot be opened.
 */
export async function openDataSource(database: string): Promise<StoreDataSource> {
  let url = parseDatabaseUrl(database);
  const shown = redactDatabaseUrl(database);
  if (url.dialect === 'mysql' && url.flavor === undefined) {
    try {
      url = { ...url, flavor: await detectMysqlFlavor(url, DEFAULT_CONNECT_TIMEOUT_MS) };
    } catch (error) {
      throw new DatabaseConnectionError(shown, describeConnectionFailure(error), error);
    }
  }
  const dataSource = createDataSource({ url });
  try {
    await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    if (url.dialect === 'sqlite') throw error;
    throw new DatabaseConnectionError(shown, describeConnectionFailure(error), error);
  }
  return dataSource;
}
