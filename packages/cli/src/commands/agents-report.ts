import { setTimeout as delay } from 'node:timers/promises';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import { createEngine, type Engine } from '@ml2ts/core';
import { Ml2Error } from '@ml2ts/driver-api';
import { type CliIo, ExitCode } from '../cli-io';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';
import { AgentsReportError } from './agents-report-error';
import { readAgentReportFile } from './agents-report-file';

/** The longest `--every` interval, in seconds: what a timer can wait (about 24.8 days). */
const MAX_INTERVAL_SECONDS = 2_147_483;

/** The signals that end `--every`. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** `ml2ts agents report --help`. */
export const AGENTS_REPORT_HELP = `Usage: ml2ts agents report FILE --database URL [--every N] [--config FILE]

Sends the agent states of FILE through the server's report_state handling, as L2 agents'
heartbeats do, into the database: an agent not known yet is registered, a known one gets a
fresh heartbeat. Prints one line per report: agent type, host and the answer (new, alive or
revived).

FILE is a JSON list of agent_state objects as agents send them ({"agent_type": ...,
"binary": ..., "host": ..., "topic": ..., "configurations": {...}, "start_flag": true}), or an
object whose "agents" key holds that list.

  --database URL    the server's database (required): a SQLite path,
                    postgresql://user:password@host/database or
                    mysql://user:password@host/database; created or migrated when needed
  --every N         report again every N seconds (fractions allowed) until SIGINT (Ctrl-C) or
                    SIGTERM; start_flag is sent with the first round only, as agents do
  --config FILE     the server's JSON configuration file (agent_down_time, enable_new_agents,
                    and the mechanism drivers that bind again the failed ports of an agent that
                    comes back to life)

Exit status: 0 when every report was sent; 1 when the database or the configuration fails; 2
for a wrong command line, an unusable FILE, or an agent state the server refuses (the entries
before it were reported, none after it).
`;

/** What a caller (a test) can add to `agentsReportCommand`. */
export interface AgentsReportHooks {
  /** Ends `--every` like SIGINT does: the round under way finishes, no other starts. */
  readonly signal?: AbortSignal;
}

/**
 * `ml2ts agents report FILE --database URL [--every N] [--config FILE]`: reads FILE (see
 * `readAgentReportFile`), starts the engine on the database (schema migrated; no background
 * rebinding) and sends each agent state through `rpc.reportState`, once, or every N seconds
 * until SIGINT, SIGTERM or `hooks.signal`. Writes one line per report to stdout.
 *
 * Returns the exit code: 0 done, 1 when the configuration or the database fails (message on
 * stderr). Throws `UsageError` for a wrong command line and `AgentsReportError` (a `UsageError`)
 * for an unusable FILE or an agent state the engine refuses, before anything is sent for a bad
 * FILE.
 */
export async function agentsReportCommand(
  argv: readonly string[],
  io: CliIo,
  hooks: AgentsReportHooks = {},
): Promise<ExitCode> {
  const args = parseArguments(argv, {
    values: ['database', 'every', 'config'],
    flags: ['help'],
  });
  if (args.flags.has('help')) {
    io.stdout(AGENTS_REPORT_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length !== 1) {
    throw new UsageError(
      `agents report takes one FILE, a JSON list of agent states (got ${args.positionals.length})`,
    );
  }
  const database = args.values.database;
  if (database === undefined) {
    throw new UsageError(
      'agents report needs --database URL: the database of the server the agents report to',
    );
  }
  const every = args.values.every === undefined ? undefined : parseInterval(args.values.every);
  const file = args.positionals[0];
  const agents = readAgentReportFile(file);

  let engine: Engine;
  try {
    engine = await createEngine({
      configFile: args.values.config,
      database,
      rebindInterruptedPorts: false,
    });
  } catch (error) {
    return failure(io, error);
  }
  try {
    if (every === undefined) await reportRound(engine, file, agents, true, io);
    else await reportEvery(engine, file, agents, every, io, hooks.signal);
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return failure(io, error);
  } finally {
    await engine.close();
  }
}

/** Sends every agent state once, in file order; `first` keeps `start_flag`, later rounds drop it. */
async function reportRound(
  engine: Engine,
  file: string,
  agents: readonly AgentStateReport[],
  first: boolean,
  io: CliIo,
): Promise<void> {
  for (const [index, agent] of agents.entries()) {
    let state = agent;
    if (!first) {
      const { start_flag: _startFlag, ...rest } = agent;
      state = rest;
    }
    let result: string | null;
    try {
      result = await engine.plugin.rpc.reportState(state);
    } catch (error) {
      if (!(error instanceof Ml2Error) || error.httpStatus !== 400) throw error;
      const before =
        index === 0 ? '' : ` (the ${index} before it ${index === 1 ? 'was' : 'were'} reported)`;
      throw new AgentsReportError(
        file,
        index + 1,
        `the server refuses the ${agent.agent_type} on ${agent.host}: ${error.message} Fix ` +
          `the entry and report again${before}.`,
        { cause: error },
      );
    }
    io.stdout(`${agent.agent_type} on ${agent.host}: ${result ?? 'ignored (stale)'}\n`);
  }
}

/**
 * Reports a round, waits `seconds`, and again, until SIGINT, SIGTERM or `signal`; the round
 * under way when it comes finishes first. The signal handlers are removed on return.
 */
async function reportEvery(
  engine: Engine,
  file: string,
  agents: readonly AgentStateReport[],
  seconds: number,
  io: CliIo,
  signal: AbortSignal | undefined,
): Promise<void> {
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  for (const name of STOP_SIGNALS) process.on(name, stop);
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  try {
    let first = true;
    do {
      await reportRound(engine, file, agents, first, io);
      first = false;
      try {
        await delay(seconds * 1000, undefined, { signal: stopping.signal });
      } catch {
        // Aborted: stop after the round that ran.
      }
    } while (!stopping.signal.aborted);
  } finally {
    for (const name of STOP_SIGNALS) process.off(name, stop);
    signal?.removeEventListener('abort', stop);
  }
}

/** `--every N`: seconds > 0 (fractions allowed), at most what a timer can wait. */
function parseInterval(text: string): number {
  const seconds = /^\d+(\.\d*)?$|^\.\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(seconds > 0) || seconds > MAX_INTERVAL_SECONDS) {
    throw new UsageError(
      `--every needs a number of seconds > 0 and <= ${MAX_INTERVAL_SECONDS}, such as 5 or ` +
        `0.5 (got '${text}')`,
    );
  }
  return seconds;
}

/** Prints `error` as `ml2ts agents report: ...` and answers exit code 1. */
function failure(io: CliIo, error: unknown): ExitCode {
  io.stderr(`ml2ts agents report: ${error instanceof Error ? error.message : String(error)}\n`);
  return ExitCode.FAILURE;
}
