import { type Logger, ReportStateResult } from '@ml2ts/driver-api';
import { type AgentServerApi, type ReportStateRequest } from '@ml2ts/agent-rpc';
import { type RandomSource } from '@ml2ts/driver-api';
import { type AgentEvent } from './agent-event';
import { ManualScheduler } from './manual-scheduler';
import { ReportSchedule, type ReportTiming } from './report-schedule';
import { StateReporter, type StateReporterParts } from './state-reporter';

interface Sent {
  at: number;
  request: ReportStateRequest;
}

/** A server that records reports and answers from a script (an Error is thrown). */
function scriptedServer(answers: Array<ReportStateResult | Error> = []) {
  const sent: Sent[] = [];
  let scheduler: ManualScheduler;
  const server = {
    reportState: async (request: ReportStateRequest) => {
      sent.push({ at: scheduler.now().getTime(), request: structuredClone(request) });
      const answer = answers.shift() ?? ReportStateResult.ALIVE;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as AgentServerApi;
  return { sent, server, bind: (clock: ManualScheduler) => (scheduler = clock) };
}

/** A seeded linear congruential generator, for repeatable "random" jitter. */
function seededRandom(seed: number): RandomSource {
  let state = seed;
  return {
    nextInt: (bound) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % bound;
    },
  };
}

function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function reporter(
  server: ReturnType<typeof scriptedServer>,
  overrides: Partial<StateReporterParts> & { timing?: ReportTiming } = {},
) {
  const scheduler = new ManualScheduler(Date.parse('2026-01-01T00:00:00Z'));
  server.bind(scheduler);
  const events: AgentEvent[] = [];
  let revivals = 0;
  let uuid = 0;
  const instance = new StateReporter({
    server: server.server,
    schedule: new ReportSchedule(
      overrides.timing ?? { initialReportDelayMax: 0, reportJitterMax: 0 },
    ),
    scheduler,
    random: { nextInt: () => 0 },
    ids: { uuid: () => `uuid-${++uuid}`, macAddress: () => 'fa:16:3e:00:00:01' },
    logger: recordingLogger([]),
    observer: (event) => events.push(event),
    mode: 'call',
    state: () => ({
      agent_type: 'Open vSwitch agent',
      binary: 'neutron-openvswitch-agent',
      host: 'compute1',
      topic: 'N/A',
      configurations: { devices: 0 },
    }),
    resourceVersions: { Port: '1.0' },
    isStarted: () => true,
    onRevived: () => (revivals += 1),
    ...overrides,
  });
  return { instance, scheduler, events, revivals: () => revivals };
}

describe('StateReporter', () => {
  it('reports at once with start_flag and resource_versions, then every interval without', async () => {
    const server = scriptedServer([ReportStateResult.NEW]);
    const { instance, scheduler } = reporter(server);
    instance.start();
    await scheduler.runDue();
    await scheduler.advance(60_000);

    expect(server.sent.map((report) => report.at - Date.parse('2026-01-01T00:00:00Z'))).toEqual([
      0, 30_000, 60_000,
    ]);
    const [first, second, third] = server.sent.map((report) => report.request);
    expect(first).toEqual({
      agent_state: {
        agent_type: 'Open vSwitch agent',
        binary: 'neutron-openvswitch-agent',
        host: 'compute1',
        topic: 'N/A',
        configurations: { devices: 0 },
        uuid: 'uuid-1',
        start_flag: true,
        resource_versions: { Port: '1.0' },
      },
      time: '2026-01-01T00:00:00.000000',
    });
    expect(second.agent_state).not.toHaveProperty('start_flag');
    expect(second.agent_state).not.toHaveProperty('resource_versions');
    expect(second.agent_state.uuid).toBe('uuid-2');
    expect(third.time).toBe('2026-01-01T00:01:00.000000');
    expect(instance.sendsStartFlag).toBe(false);
  });

  it('keeps start_flag and resource_versions until a report succeeds, and logs the recovery', async () => {
    const lines: string[] = [];
    const server = scriptedServer([new Error('server unreachable'), ReportStateResult.NEW]);
    const { instance, scheduler, events } = reporter(server, { logger: recordingLogger(lines) });
    instance.start();
    await scheduler.runDue();
    await scheduler.advance(30_000);
    await scheduler.advance(30_000);

    const flags = server.sent.map((report) => [
      report.request.agent_state.start_flag === true,
      report.request.agent_state.resource_versions !== undefined,
    ]);
    expect(flags).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
    expect(lines).toEqual([
      'error: Failed reporting state!',
      'info: Successfully reported state after a previous failure.',
    ]);
    expect(events.map((event) => event.type)).toEqual(['reportFailed', 'reported', 'reported']);
  });

  it('keeps start_flag until the agent considers itself started', async () => {
    let started = false;
    const server = scriptedServer();
    const { instance, scheduler } = reporter(server, { isStarted: () => started });
    instance.start();
    await scheduler.runDue();
    await scheduler.advance(30_000);
    started = true;
    await scheduler.advance(30_000);
    await scheduler.advance(30_000);
    expect(server.sent.map((report) => report.request.agent_state.start_flag === true)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(server.sent.map((report) => 'resource_versions' in report.request.agent_state)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('asks for a full resync when the server answers revived (call mode only)', async () => {
    const called = reporter(scriptedServer([ReportStateResult.NEW, ReportStateResult.REVIVED]));
    called.instance.start();
    await called.scheduler.advance(30_000);
    expect(called.revivals()).toBe(1);

    const cast = reporter(scriptedServer([ReportStateResult.NEW, ReportStateResult.REVIVED]), {
      mode: 'cast',
    });
    cast.instance.start();
    await cast.scheduler.advance(30_000);
    expect(cast.revivals()).toBe(0);
    expect(cast.events).toContainEqual(expect.objectContaining({ type: 'reported', status: null }));
  });

  it('spreads reports: a random first delay and intervals within ± the jitter bound', async () => {
    const server = scriptedServer();
    const { instance, scheduler } = reporter(server, {
      timing: {},
      random: seededRandom(7),
    });
    const start = scheduler.now().getTime();
    instance.start();
    await scheduler.advance(3_600_000);

    const times = server.sent.map((report) => report.at);
    expect(times[0] - start).toBeGreaterThanOrEqual(0);
    expect(times[0] - start).toBeLessThanOrEqual(11_250);
    const gaps = times.slice(1).map((time, index) => time - times[index]);
    expect(gaps.length).toBeGreaterThan(100);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(27_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(33_000);
    expect(new Set(gaps).size).toBeGreaterThan(10);
  });

  it('puts agents that start together out of phase', async () => {
    const firsts: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const server = scriptedServer();
      const { instance, scheduler } = reporter(server, { timing: {}, random: seededRandom(seed) });
      instance.start();
      await scheduler.advance(12_000);
      firsts.push(server.sent[0].at);
    }
    expect(new Set(firsts).size).toBe(5);
  });

  it('sends nothing when report_interval is 0, and nothing more once stopped', async () => {
    const silent = scriptedServer();
    const disabled = reporter(silent, { timing: { reportInterval: 0 } });
    disabled.instance.start();
    await disabled.scheduler.advance(600_000);
    expect(silent.sent).toEqual([]);

    const server = scriptedServer();
    const { instance, scheduler } = reporter(server);
    instance.start();
    await scheduler.runDue();
    await instance.stop();
    await scheduler.advance(120_000);
    expect(server.sent).toHaveLength(1);
    expect(await instance.reportNow()).toEqual({ sent: true, status: ReportStateResult.ALIVE });
  });
});
