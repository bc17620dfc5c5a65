import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 503 `ServiceUnavailable`, at start-up (`openStore`): another process held the database's
 * migration lock for longer than `migrationLockTimeoutMs` (it may be migrating a large schema, or
 * be stuck). Nothing was migrated by this process; starting again later is safe.
 */
export class MigrationLockTimeoutError extends Ml2Error {
  /** The database URL with its password replaced by `***`. */
  readonly url: string;

  constructor(url: string, waitedMs: number, cause?: unknown) {
    super(
      'ServiceUnavailable',
      503,
      `Gave up waiting ${waitedMs} ms for the migration lock of ${url}: another ml2ts process ` +
        `is migrating it or holds the lock. Start again once it is done, or raise ` +
        `migrationLockTimeoutMs.`,
      { cause },
    );
    this.name = 'MigrationLockTimeoutError';
    this.url = url;
  }
}
