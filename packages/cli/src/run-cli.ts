import { type CliIo, ExitCode } from './cli-io';
import { agentCommand } from './commands/agent';
import { agentsCommand } from './commands/agents';
import { demoCommand } from './commands/demo';
import { explainCommand } from './commands/explain';
import { migrateCommand } from './commands/migrate';
import { serverCommand } from './commands/server';
import { simulateCommand } from './commands/simulate';
import { UsageError } from './usage-error';

/** `ml2ts --help`. */
export const MAIN_HELP = `Usage: ml2ts COMMAND [options]

Commands:
  demo [--database URL]        boot VMs on OVS, Linux bridge and SR-IOV hosts, print each NIC's timeline
  explain PORT [--json]        why a port is bound the way it is, or why binding failed
  agents [--json]              the agents, alive or dead, with their heartbeat age
  agents report FILE           send agent states from a JSON file as heartbeats (--every N)
  simulate SCENARIO.json|DIR   run conformance scenarios through the engine, print results as JSON
  migrate [--database URL]     create or upgrade the database schema
  server [--listen HOST:PORT]  serve Neutron's v2.0 REST API (networks, subnets, ports, agents)
  agent --type T --host NAME   run an L2 agent on an in-memory bridge against a server over RabbitMQ

Every command but agent takes --database URL: a SQLite path or sqlite:///path,
postgresql://user:password@host:5432/database, or mysql://user:password@host:3306/database
(also mariadb://). Passwords are never printed.

Run 'ml2ts COMMAND --help' for a command's options.
`;

/** A command: its arguments (after the command name) to an exit code. */
type Command = (argv: readonly string[], io: CliIo) => Promise<ExitCode>;

const COMMANDS: Readonly<Record<string, Command>> = {
  demo: demoCommand,
  explain: explainCommand,
  agents: agentsCommand,
  simulate: simulateCommand,
  migrate: migrateCommand,
  server: (argv, io) => serverCommand(argv, io),
  agent: (argv, io) => agentCommand(argv, io),
};

/**
 * Runs the `ml2ts` command line `argv` (without `node` and the script) and returns the exit
 * code: 0 success, 1 failure of the command, 2 wrong command line (the usage goes to stderr).
 * Never throws: every error ends up on `io.stderr`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return ExitCode.OK;
  }
  if (name === undefined) {
    io.stderr(MAIN_HELP);
    return ExitCode.USAGE;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`ml2ts: unknown command '${name}'\n\n${MAIN_HELP}`);
    return ExitCode.USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ml2ts ${name}: ${error.message}\nRun 'ml2ts ${name} --help' for usage.\n`);
      return ExitCode.USAGE;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`ml2ts ${name}: ${message}\n`);
    return ExitCode.FAILURE;
  }
}
