import { rmSync } from 'node:fs';
import { type CliIo, ExitCode } from '../cli-io';
import { runDemo } from '../demo/run-demo';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

/** Where the demo keeps its database unless told otherwise. */
export const DEMO_DATABASE = './ml2ts-demo.sqlite';

/** `ml2ts demo --help`. */
export const DEMO_HELP = `Usage: ml2ts demo [--database FILE] [--keep]

Tells the story of a VM's network card on a real engine: three compute hosts come online (Open
vSwitch with iptables_hybrid, Linux bridge, SR-IOV), a VLAN and a VXLAN network are created,
five VMs boot through the compute side, and each port's timeline is printed with timings
(created DOWN, bound, plugged, seen by the agent, ACTIVE, vif-plugged). Then a VM is sent to a
host whose agent is dead, and the reason binding failed is printed from the binding trace.

  --database FILE   the SQLite database (default ${DEMO_DATABASE}); left behind for
                    'ml2ts agents' and 'ml2ts explain'
  --keep            keep the database's earlier contents instead of starting fresh
`;

/**
 * `ml2ts demo [--database FILE] [--keep]`: deletes the database file (and its WAL files) unless
 * `--keep`, then runs the demo, writing to `io.stdout`. Returns 0 when the story went as
 * told, 1 when a step failed (the error goes to stderr); throws `UsageError` for a wrong command
 * line. Takes about a second of real time.
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
  if (!keep) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  }
  try {
    await runDemo({ database, fresh: !keep, write: io.stdout });
    return ExitCode.OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ml2ts demo: ${message}\n`);
    return ExitCode.FAILURE;
  }
}
