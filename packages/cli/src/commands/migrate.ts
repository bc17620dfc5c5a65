import { DEFAULT_DATABASE_PATH, redactDatabaseUrl, runMigrationsUnderLock } from '@ml2ts/store';
import { type CliIo, ExitCode } from '../cli-io';
import { openDataSource } from '../open-data-source';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

/** `ml2ts migrate --help`. */
export const MIGRATE_HELP = `Usage: ml2ts migrate [--database URL]

Applies every pending schema migration to the ml2ts database and prints what it applied. A
SQLite file is created if it does not exist; a PostgreSQL or MariaDB database must exist (an
empty one is fine). Migrations run under a database-wide lock, so servers starting at the same
time wait instead of migrating twice. On SQLite and PostgreSQL they run in one transaction (a
failure leaves the database as it was); MariaDB commits each schema change as it goes.

  --database URL    the database (default ${DEFAULT_DATABASE_PATH}): a SQLite path or
                    sqlite:///path, postgresql://user:password@host:5432/database, or
                    mysql://user:password@host:3306/database (also mariadb://); passwords
                    are never printed
`;

/**
 * `ml2ts migrate [--database URL]`: opens the database the way the store does (same data
 * source, same connection settings), runs the pending migrations under the store's migration
 * lock, prints which ones ran (naming the database without its password), and closes it.
 * Returns the exit code (1 when opening or migrating fails); throws `UsageError` for a wrong
 * command line. Blocks while it waits for the lock and migrates.
 */
export async function migrateCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseArguments(argv, { values: ['database'], flags: ['help'] });
  if (args.flags.has('help')) {
    io.stdout(MIGRATE_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(`migrate takes no arguments (got '${args.positionals[0]}')`);
  }
  const database = args.values.database ?? DEFAULT_DATABASE_PATH;
  const shown = redactDatabaseUrl(database);
  try {
    const dataSource = await openDataSource(database);
    try {
      const applied = await runMigrationsUnderLock(dataSource, { redactedUrl: shown });
      if (applied.length === 0) {
        io.stdout(`Database ${shown} is up to date: no migration to apply.\n`);
      } else {
        const names = applied.map((name) => `  ${name}\n`).join('');
        const count = applied.length === 1 ? '1 migration' : `${applied.length} migrations`;
        io.stdout(`Database ${shown}: applied ${count}:\n${names}`);
      }
    } finally {
      await dataSource.destroy();
    }
    return ExitCode.OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = message.includes(shown) ? '' : `${shown}: `;
    io.stderr(`ml2ts migrate: ${prefix}${message}\n`);
    return ExitCode.FAILURE;
  }
}
