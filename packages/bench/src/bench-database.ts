import { parseDatabaseUrl, redactDatabaseUrl } from '@ml2ts/store';

/**
 * The environment variable through which the benchmark hands `--database` to a job's child
 * process: not on its command line, where other users of the machine could read the password.
 */
export const BENCH_DATABASE_VARIABLE = 'ML2TS_BENCH_DATABASE';

/** The prefix of the scratch databases the engine jobs run in on `--database`. */
export const BENCH_SCRATCH_PREFIX = 'ml2ts_bench';

/** Why the floor does not run with a PostgreSQL or MariaDB `--database`. */
export const FLOOR_SKIPPED_ON_SERVER =
  'floor skipped: it writes with raw better-sqlite3 statements, a SQLite-only figure that says ' +
  'nothing about this server (run without --database for it)';

/** True when `database` (a `--database` value, null when none) is a PostgreSQL or MySQL one. */
export function isServerDatabase(database: string | null | undefined): boolean {
  return (
    database !== null && database !== undefined && parseDatabaseUrl(database).dialect !== 'sqlite'
  );
}

/** Where the engine jobs run, for the lines above the table; never shows a password. Pure. */
export function describeBenchDatabase(database: string | null): string {
  if (database === null) return 'temporary SQLite files (one per job)';
  return `${redactDatabaseUrl(database)} (each job in a scratch database of its own, dropped afterwards)`;
}
