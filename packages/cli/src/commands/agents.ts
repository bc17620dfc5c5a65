import { type AgentView } from '@ml2ts/driver-api';
import { DEFAULT_DATABASE_PATH } from '@ml2ts/store';
import { type CliIo, ExitCode } from '../cli-io';
import { formatTable } from '../format-table';
import { openEngineForReading } from '../open-engine-for-reading';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';
import { agentsReportCommand, type AgentsReportHooks } from './agents-report';

/** `ml2ts agents --help`. */
export const AGENTS_HELP = `Usage: ml2ts agents [--database URL] [--config FILE] [--json]
       ml2ts agents report FILE --database URL [--every N] [--config FILE]

Lists the agents that reported to the server: host, type, alive or dead, and how long ago the
last heartbeat arrived (on this machine's clock). An agent is dead when its last heartbeat is
older than agent_down_time (75 s unless the configuration says otherwise).

  --database URL    the database (default: the configuration's, ${DEFAULT_DATABASE_PATH}): a
                    SQLite path, postgresql://user:password@host/database or
                    mysql://user:password@host/database; opened read-only, never migrated
  --config FILE     the server's JSON configuration file (for agent_down_time)
  --json            print the agents as JSON

'ml2ts agents report' sends agent states from a JSON file as agents' heartbeats, once or every
N seconds; 'ml2ts agents report --help' says more.
`;

/**
 * `ml2ts agents`: opens the database and lists its agents with their liveness computed now.
 * Returns the exit code (1 when the database cannot be read); throws `UsageError` for a wrong
 * command line. Blocks while the database is read. `ml2ts agents report ...` runs
 * `agentsReportCommand` with the rest of the arguments and `hooks`.
 */
export async function agentsCommand(
  argv: readonly string[],
  io: CliIo,
  hooks: AgentsReportHooks = {},
): Promise<ExitCode> {
  if (argv[0] === 'report') return agentsReportCommand(argv.slice(1), io, hooks);
  const args = parseArguments(argv, { values: ['database', 'config'], flags: ['help', 'json'] });
  if (args.flags.has('help')) {
    io.stdout(AGENTS_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(
      `unknown agents subcommand '${args.positionals[0]}': 'ml2ts agents' lists the agents, ` +
        "'ml2ts agents report FILE' sends agent states",
    );
  }
  try {
    const engine = await openEngineForReading(args.values);
    try {
      const agents = await engine.plugin.agents.list();
      if (args.flags.has('json')) {
        io.stdout(`${JSON.stringify(agents.map(toJson), null, 2)}\n`);
        return ExitCode.OK;
      }
      if (agents.length === 0) {
        io.stdout('No agent has reported to this server.\n');
        return ExitCode.OK;
      }
      const rows = agents.map((agent) => [
        agent.host,
        agent.agentType,
        agent.alive ? 'alive' : 'dead',
        `${formatAge(agent.heartbeatAgeSeconds)} ago`,
        agent.adminStateUp ? 'up' : 'down',
        agent.id,
      ]);
      const table = formatTable(['HOST', 'TYPE', 'STATE', 'HEARTBEAT', 'ADMIN', 'ID'], rows);
      const downTime = engine.configuration.DEFAULT.agent_down_time;
      io.stdout(
        `${table.join('\n')}\n(dead: no heartbeat for more than agent_down_time, ${downTime} s)\n`,
      );
      return ExitCode.OK;
    } finally {
      await engine.close();
    }
  } catch (error) {
    io.stderr(`ml2ts agents: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.FAILURE;
  }
}

/** `42 s`, `5 min`, `3 h`, `2 d`: rounded down, in the largest unit that fits twice. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.max(0, Math.floor(seconds))} s`;
  if (seconds < 7_200) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3_600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

function toJson(agent: AgentView) {
  return {
    id: agent.id,
    host: agent.host,
    agent_type: agent.agentType,
    binary: agent.binary,
    alive: agent.alive,
    heartbeat_age_seconds: agent.heartbeatAgeSeconds,
    heartbeat_timestamp: agent.heartbeatTimestamp.toISOString(),
    started_at: agent.startedAt.toISOString(),
    admin_state_up: agent.adminStateUp,
    configurations: agent.configurations,
  };
}
