import { createDataSource, DEFAULT_DATABASE_PATH } from '@ml2ts/store';
import { type CliIo, ExitCode } from '../cli-io';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

/** `ml2ts migrate --help`. */
export const MIGRATE_HELP = `Usage: ml2ts migrate [--database FILE]

Creates the ml2ts database if it does not exist and applies every pending schema migration,
all in one transaction (a failure leaves the database as it was). Prints what it applied.

  --database FILE   the SQLite database (default ${DEFAULT_DATABASE_PATH})
`;

/**
 * `ml2ts migrate [--database FILE]`: opens the database the way the store does (same data
 * source, same connection settings), runs the pending migrations in one transaction, prints
 * which ones ran, and closes it. Returns the exit code (1 when opening or migrating fails);
 * throws `UsageError` for a wrong command line. Blocks while migrating.
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
  try {
    const dataSource = createDataSource({ database });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'all' });
      if (applied.length === 0) {
        io.stdout(`Database ${database} is up to date: no migration to apply.\n`);
      } else {
        const names = applied.map((migration) => `  ${migration.name}\n`).join('');
        const count = applied.length === 1 ? '1 migration' : `${applied.length} migrations`;
        io.stdout(`Database ${database}: applied ${count}:\n${names}`);
      }
    } finally {
      await dataSource.destroy();
    }
    return ExitCode.OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ml2ts migrate: ${database}: ${message}\n`);
    return ExitCode.FAILURE;
  }
}
