import { type Ml2Plugin } from '@ml2ts/core';
import { ReportStateResult } from '@ml2ts/driver-api';
import { BenchCheckError } from '../bench-check-error';
import { startBenchEngine } from '../bench-engine';
import { type StormMeasurement, type StormRound } from '../measurement';
import { agentTimestamp, computeHostName, ovsAgentReport } from '../ovs-agent-report';
import { ratePerSecond } from '../statistics';

/** How long the storm waits for every agent to be listed alive before it gives up. */
const ALIVE_DEADLINE_MS = 60_000;

/**
 * Measures a heartbeat storm on a fresh engine over `database` (a SQLite file or a server URL,
 * empty): `agents` OVS agents (one per host, in host order) send their first report
 * (`start_flag`) all at once; then `agents.list` is polled until every agent is alive; then
 * every agent sends one heartbeat, again all at once.
 * The reports are built before the clock starts (they arrive built over the wire too).
 *
 * Every first report must register a new agent and every heartbeat find it alive, and all must
 * be alive within `ALIVE_DEADLINE_MS`; otherwise `BenchCheckError`. Closes the engine.
 */
export async function measureHeartbeatStorm(
  agents: number,
  database: string,
): Promise<StormMeasurement> {
  const engine = await startBenchEngine(database);
  try {
    const plugin = engine.plugin;
    const hosts = Array.from({ length: agents }, (_, index) => computeHostName(index + 1));

    const stormStarted = performance.now();
    const firstReports = await reportRound(plugin, hosts, true, ReportStateResult.NEW);
    const lastReportAt = stormStarted + firstReports.elapsedMs;
    await waitUntilAllAlive(plugin, agents);
    const aliveAt = performance.now();

    const heartbeats = await reportRound(plugin, hosts, false, ReportStateResult.ALIVE);
    return {
      kind: 'storm',
      job: 'heartbeat-storm',
      size: agents,
      firstReports,
      aliveAfterLastReportMs: aliveAt - lastReportAt,
      aliveAfterStartMs: aliveAt - stormStarted,
      heartbeats,
    };
  } finally {
    await engine.close();
  }
}

/** One report per host, all fired at once; checks every answer is `expected`. */
async function reportRound(
  plugin: Ml2Plugin,
  hosts: readonly string[],
  startFlag: boolean,
  expected: ReportStateResult,
): Promise<StormRound> {
  const time = agentTimestamp();
  const reports = hosts.map((host, index) => ovsAgentReport(host, index + 1, startFlag));
  const started = performance.now();
  const results = await Promise.all(reports.map((report) => plugin.rpc.reportState(report, time)));
  const elapsedMs = performance.now() - started;
  const unexpected = results.findIndex((result) => result !== expected);
  if (unexpected !== -1) {
    throw new BenchCheckError(
      `the report of ${hosts[unexpected]} answered '${String(results[unexpected])}', not '${expected}'`,
    );
  }
  return { elapsedMs, reportsPerSecond: ratePerSecond(hosts.length, elapsedMs) };
}

async function waitUntilAllAlive(plugin: Ml2Plugin, agents: number): Promise<void> {
  const deadline = performance.now() + ALIVE_DEADLINE_MS;
  for (;;) {
    const alive = (await plugin.agents.list()).filter((agent) => agent.alive).length;
    if (alive >= agents) return;
    if (performance.now() > deadline) {
      throw new BenchCheckError(
        `${alive} of ${agents} agents alive ${ALIVE_DEADLINE_MS} ms after the storm`,
      );
    }
  }
}
