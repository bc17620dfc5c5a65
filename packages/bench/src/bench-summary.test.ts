import { type JobKind, type RestJobKind } from './bench-cases';
import { summarize } from './bench-summary';
import { checkTargets } from './bench-targets';
import { type Measurement } from './measurement';

function binding(job: JobKind, size: number, portsPerSecond: number, maxRssKiB = 102_400) {
  const latency = { p50: 1000 / portsPerSecond, p99: 2000 / portsPerSecond, max: 1, mean: 1 };
  return {
    kind: 'binding',
    job,
    size,
    elapsedMs: (size * 1000) / portsPerSecond,
    portsPerSecond,
    bindLatencyMs: latency,
    createLatencyMs: job.endsWith('create-bind') ? latency : null,
    maxRssKiB,
  } as Measurement;
}

function storm(agents: number, firstRate: number, heartbeatRate: number, aliveMs: number) {
  return {
    kind: 'storm',
    job: 'heartbeat-storm',
    size: agents,
    firstReports: { elapsedMs: (agents * 1000) / firstRate, reportsPerSecond: firstRate },
    heartbeats: { elapsedMs: (agents * 1000) / heartbeatRate, reportsPerSecond: heartbeatRate },
    aliveAfterLastReportMs: aliveMs,
    aliveAfterStartMs: aliveMs + 100,
    maxRssKiB: 204_800,
  } as Measurement;
}

function rest(job: RestJobKind, size: number, restRate: number, libraryRate: number, p50 = 1) {
  const pass = (rate: number) => ({
    elapsedMs: (size * 1000) / rate,
    portsPerSecond: rate,
    latencyMs: { p50, p99: p50 * 4, max: p50 * 10, mean: p50 },
  });
  return {
    kind: 'rest',
    job,
    size,
    clients: job === 'rest-create-with-host-1-client' ? 1 : 16,
    rest: pass(restRate),
    library: pass(libraryRate),
    maxRssKiB: 153_600,
  } as Measurement;
}

describe('summarize', () => {
  it('takes the median of the runs and the largest peak RSS', () => {
    const summary = summarize([
      binding('create-bind', 1000, 100, 100 * 1024),
      binding('create-bind', 1000, 300, 120 * 1024),
      binding('create-bind', 1000, 200, 110 * 1024),
    ]);
    expect(summary.bindingRows).toHaveLength(1);
    expect(summary.bindingRows[0]).toMatchObject({
      job: 'create-bind',
      size: 1000,
      runs: 3,
      portsPerSecond: 200,
      bindP50Ms: 5,
      peakRssMiB: 120,
      engineOverFloor: null,
    });
  });

  it('divides the floor throughput by the engine one at the same size only', () => {
    const summary = summarize([
      binding('create-bind', 1000, 200),
      binding('create-bind', 10000, 100),
      binding('create-with-host', 1000, 400),
      binding('floor-create-bind', 1000, 2000),
      binding('floor-create-with-host', 1000, 1000),
    ]);
    const row = (job: string, size: number) =>
      summary.bindingRows.find((candidate) => candidate.job === job && candidate.size === size);
    expect(row('create-bind', 1000)?.engineOverFloor).toBe(10);
    expect(row('create-with-host', 1000)?.engineOverFloor).toBe(2.5);
    expect(row('create-bind', 10000)?.engineOverFloor).toBeNull();
    expect(row('floor-create-bind', 1000)?.engineOverFloor).toBeNull();
  });

  it('gives the cost growth as throughput at the largest size over the smallest', () => {
    const summary = summarize([
      binding('create-bind', 100000, 90),
      binding('create-bind', 1000, 100),
      binding('create-bind', 10000, 95),
      binding('create-with-host', 1000, 100),
    ]);
    expect(summary.growth).toEqual([
      { job: 'create-bind', smallestSize: 1000, largestSize: 100000, ratio: 0.9 },
    ]);
  });

  it('summarizes the storm rounds per agent count', () => {
    const summary = summarize([storm(10000, 40000, 60000, 300), storm(10000, 20000, 80000, 500)]);
    expect(summary.stormRows).toEqual([
      {
        agents: 10000,
        runs: 2,
        firstReportsPerSecond: 30000,
        heartbeatsPerSecond: 70000,
        aliveAfterLastReportMs: 400,
        aliveAfterStartMs: 500,
        peakRssMiB: 200,
      },
    ]);
  });
});

describe('checkTargets', () => {
  it('checks the binding targets at the target size and marks misses', () => {
    const checks = checkTargets(
      summarize([
        binding('create-bind', 1000, 6000),
        binding('create-bind', 100000, 5000, 310 * 1024),
        binding('floor-create-bind', 100000, 20000),
      ]),
    );
    expect(checks).toEqual([
      expect.objectContaining({
        subject: 'create-bind ports/s at N=100000',
        met: true,
        atTargetScale: true,
      }),
      expect.objectContaining({ subject: 'create-bind engine/floor at N=100000', met: false }),
      expect.objectContaining({ measured: '0.83', met: false }),
      expect.objectContaining({ subject: 'create-bind peak RSS at N=100000', met: false }),
    ]);
  });

  it('checks the storm at the largest agent count, marking a smaller one', () => {
    const checks = checkTargets(summarize([storm(1000, 60000, 40000, 1200)]));
    expect(checks.map((check) => [check.met, check.atTargetScale])).toEqual([
      [true, false],
      [false, false],
      [false, false],
    ]);
  });

  it('checks the REST targets: 16-client throughput and 1-client median latency', () => {
    const checks = checkTargets(
      summarize([
        rest('rest-create-with-host-16-clients', 10_000, 2_500, 3_000),
        rest('rest-create-with-host-1-client', 10_000, 400, 1_000, 6),
        rest('rest-create-with-host-1-client', 1_000, 500, 1_000, 1),
      ]),
    );
    expect(checks).toEqual([
      {
        subject: 'REST create-with-host ports/s, 16 clients, N=10000',
        target: '>= 2000',
        measured: '2500',
        met: true,
        atTargetScale: true,
      },
      {
        subject: 'REST create-with-host p50, 1 client, N=10000',
        target: '< 5 ms',
        measured: '6.00 ms',
        met: false,
        atTargetScale: true,
      },
    ]);
  });
});
