import { rmSync } from 'node:fs';
import { IN_MEMORY_DATABASE, parseDatabaseUrl } from '@ml2ts/store';
import { type CliIo, ExitCode } from '../cli-io';
import { checkDemoDatabaseIsEmpty } from '../demo/check-demo-database';
import { runDemo } from '../demo/run-demo';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

/** Where the demo keeps its database unless told otherwise. */
export const DEMO_DATABASE = './ml2ts-demo.sqlite';

/** `ml2ts demo --help`. */
export const DEMO_HELP = `Usage: ml2ts demo [--database URL] [--keep]

Tells the story of a VM's network card on a real engine: three compute hosts come online (Open
vSwitch with iptables_hybrid, Linux bridge, SR-IOV), a VLAN and a VXLAN network are created,
five VMs boot through the compute side, and each port's timeline is printed with timings
(created DOWN, bound, plugged, seen by the agent, ACTIVE, vif-plugged). Then a VM is sent to a
host whose agent is dead, and the reason binding failed is printed from the binding trace.

  --database URL    the database, left behind for 'ml2ts agents' and 'ml2ts explain':
                    a SQLite file (default ${DEMO_DATABASE}), deleted first unless --keep;
                    or an existing PostgreSQL or MariaDB database
                    (postgresql://user:password@host/database, mysql://...), used as given:
                    the demo never deletes from a server database, so it refuses one that
                    is not empty unless --keep (ml2ts's schema without rows counts as empty)
  --keep            keep the database's earlier contents instead of starting fresh
`;

/**
 * `ml2ts demo [--database URL] [--keep]`: unless `--keep`, deletes a SQLite database file (and
 * its WAL files), or refuses a PostgreSQL or MariaDB database that is not empty
 * (`DemoDatabaseNotEmptyError`); then runs the demo, writing to `io.stdout`. Returns 0 when the
 * story went as told, 1 when the database was refused or a step failed (the error goes to
 * stderr, passwords redacted); throws `UsageError` for a wrong command line. Takes about a
 * second of real time (more on a server).
 */
export async function demoCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseArguments(argv, { values: ['database'], flags: ['help', 'keep'] });
  if (args.flags.has('help')) {
    io.stdout(DEMO_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(`demo takes no arguments (got '${args.positionals[0]}')`);
  }
  const database = args.values.database ?? DEMO_DATABASE;
  const keep = args.flags.has('keep');
  try {
    const url = parseDatabaseUrl(database);
    if (!keep && url.dialect === 'sqlite' && url.path !== IN_MEMORY_DATABASE) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${url.path}${suffix}`, { force: true });
    } else if (!keep && url.dialect !== 'sqlite') {
      await checkDemoDatabaseIsEmpty(database);
    }
    await runDemo({ database, fresh: !keep, write: io.stdout });
    return ExitCode.OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ml2ts demo: ${message}\n`);
    return ExitCode.FAILURE;
  }
}
