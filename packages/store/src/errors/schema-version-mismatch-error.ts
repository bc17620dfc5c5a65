/**
 * Thrown by `openStoreForReading` when the database's schema is not the one this code reads:
 * newer (a later ml2ts migrated it; upgrade ml2ts) or older (run `ml2ts migrate` first). Opening
 * to read never migrates, so nothing was written.
 */
export class SchemaVersionMismatchError extends Error {
  /** The database, as given (passwords removed). */
  readonly database: string;
  /** `newer`: migrations this code does not know; `older`: migrations it has not applied. */
  readonly direction: 'newer' | 'older';
  /** The migrations that differ. */
  readonly migrations: readonly string[];

  constructor(database: string, direction: 'newer' | 'older', migrations: readonly string[]) {
    const action =
      direction === 'newer'
        ? `it was migrated by a newer ml2ts (unknown migrations: ${migrations.join(', ')}); use that version or newer to read it`
        : `its schema is older than this ml2ts (pending migrations: ${migrations.join(', ')}); run \`ml2ts migrate\` on it first`;
    super(`Cannot read ${database}: ${action}. Nothing was written.`);
    this.name = 'SchemaVersionMismatchError';
    this.database = database;
    this.direction = direction;
    this.migrations = migrations;
  }
}
