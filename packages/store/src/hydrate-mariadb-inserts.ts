import { type DataSource } from 'typeorm';

/**
 * Makes inserts on a MariaDB data source leave the entity with hydrated values. On MariaDB 10.5+
 * TypeORM reads the columns the database filled in through `INSERT ... RETURNING` and copies them
 * into the entity raw, so a boolean column with a default comes back as `0` instead of `false`.
 * Telling TypeORM that inserts have no RETURNING makes it read those columns back with a SELECT,
 * through its normal hydration, as it does on MySQL. Deletes keep RETURNING.
 *
 * Call on a `mariadb` data source before it is used; other data sources are left alone.
 */
export function hydrateMariaDbInserts(dataSource: DataSource): void {
  if (dataSource.options.type !== 'mariadb') return;
  const driver = dataSource.driver;
  const isReturningSqlSupported = driver.isReturningSqlSupported.bind(driver);
  driver.isReturningSqlSupported = (returningType) =>
    returningType === 'insert' ? false : isReturningSqlSupported(returningType);
}
