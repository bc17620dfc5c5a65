import { DEFAULT_DATABASE_PATH } from '@ml2ts/store';
import { explainTrace, type Ml2Plugin } from '@ml2ts/core';
import { type CliIo, ExitCode } from '../cli-io';
import { openEngineForReading } from '../open-engine-for-reading';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

/** `ml2ts explain --help`. */
export const EXPLAIN_HELP = `Usage: ml2ts explain PORT [--database URL] [--config FILE] [--json]

Prints why a port is bound the way it is, or why it failed to bind: the stored trace of its
last binding run, per level and driver, with each driver's reason in a sentence that says what
to change. PORT is a port id or an unambiguous start of one.

  --database URL    the database (default: the configuration's, ${DEFAULT_DATABASE_PATH}): a
                    SQLite path, postgresql://user:password@host/database or
                    mysql://user:password@host/database; opened read-only, never migrated
  --config FILE     the server's JSON configuration file
  --json            print the raw trace as JSON (null when the port has none)

Exit status: 0 when the port was found, 1 when it was not (or the database cannot be read),
2 for a wrong command line.
`;

/**
 * `ml2ts explain PORT`: opens the database, finds the port (by id or unique id prefix) and
 * writes its binding trace, explained or as JSON. Returns the exit code; throws `UsageError`
 * for a wrong command line. Blocks while the database is read.
 */
export async function explainCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseArguments(argv, { values: ['database', 'config'], flags: ['help', 'json'] });
  if (args.flags.has('help')) {
    io.stdout(EXPLAIN_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length !== 1) throw new UsageError('explain takes one port id');
  try {
    const engine = await openEngineForReading(args.values);
    try {
      const portId = await findPort(engine.plugin, args.positionals[0]);
      const trace = await engine.plugin.explainBinding(portId);
      if (args.flags.has('json')) {
        io.stdout(`${JSON.stringify(trace, null, 2)}\n`);
        return ExitCode.OK;
      }
      const port = await engine.plugin.getPort(portId);
      const host = port['binding:host_id'] === '' ? 'no host' : `host ${port['binding:host_id']}`;
      const lines = [
        `Port ${port.id}: ${port.status}, ${host}, vif_type ${port['binding:vif_type']}`,
      ];
      if (!trace) {
        lines.push('It has no binding trace: it was never bound (it never had a binding:host_id).');
      } else {
        const attempts = trace.attempts.length;
        lines.push(
          `Last binding run ${trace.startedAt}: ${trace.outcome}${attempts > 1 ? ` after ${attempts} attempts` : ''}.`,
          ...explainTrace(trace),
        );
      }
      io.stdout(`${lines.join('\n')}\n`);
      return ExitCode.OK;
    } finally {
      await engine.close();
    }
  } catch (error) {
    io.stderr(`ml2ts explain: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.FAILURE;
  }
}

/** The id of the port `text` names: its full id, or the one id that starts with it. */
async function findPort(plugin: Ml2Plugin, text: string): Promise<string> {
  const ids = (await plugin.listPorts()).map((port) => port.id);
  if (ids.includes(text)) return text;
  const matches = ids.filter((id) => id.startsWith(text.toLowerCase()));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new Error(`no port ${text} in the database`);
  throw new Error(`'${text}' starts ${matches.length} port ids: ${matches.join(', ')}`);
}
