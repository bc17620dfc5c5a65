import { type JobKind, type RestJobKind } from './bench-cases';
import { type BenchSummary, type BindingRow } from './bench-summary';
import { type RestRow } from './rest-summary';

/** The targets. Benchmarks, not tests: a miss is reported, never thrown. */
export const TARGETS = {
  /** Size the binding targets are stated at. */
  size: 100_000,
  portsPerSecond: 5_000,
  engineOverFloor: 3,
  growthRatio: 0.9,
  /** Agents the storm targets are stated for. */
  agents: 10_000,
  reportsPerSecond: 50_000,
  aliveAfterLastReportMs: 1_000,
  peakRssMiB: 300,
  /** Size the REST targets are stated at. */
  restSize: 10_000,
  /** Ports created with host over HTTP per second, 16 keep-alive clients. */
  restPortsPerSecond: 2_000,
  /** Median latency of a create with host over HTTP, one client, below this. */
  restP50Ms: 5,
} as const;

/** One target against what was measured. */
export interface TargetCheck {
  /** What is measured, with the size it was measured at. */
  subject: string;
  /** The target, e.g. `>= 5000`. */
  target: string;
  /** The measured figure, formatted. */
  measured: string;
  met: boolean;
  /** False when the figure comes from a smaller size or agent count than the target's. */
  atTargetScale: boolean;
}

/**
 * Checks the summary against `TARGETS`. A binding target is checked at the largest size that
 * ran (`atTargetScale` says whether that is the target's size); targets whose case did not run
 * are left out. Pure.
 */
export function checkTargets(summary: BenchSummary): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const createBind = largest(summary.bindingRows, 'create-bind');
  if (createBind) {
    const atScale = createBind.size >= TARGETS.size;
    checks.push({
      subject: `create-bind ports/s at N=${createBind.size}`,
      target: `>= ${TARGETS.portsPerSecond}`,
      measured: createBind.portsPerSecond.toFixed(0),
      met: createBind.portsPerSecond >= TARGETS.portsPerSecond,
      atTargetScale: atScale,
    });
    if (createBind.engineOverFloor !== null) {
      checks.push({
        subject: `create-bind engine/floor at N=${createBind.size}`,
        target: `<= ${TARGETS.engineOverFloor}x`,
        measured: `${createBind.engineOverFloor.toFixed(1)}x`,
        met: createBind.engineOverFloor <= TARGETS.engineOverFloor,
        atTargetScale: atScale,
      });
    }
  }
  const growth = summary.growth.find((figure) => figure.job === 'create-bind');
  if (growth) {
    checks.push({
      subject: `create-bind throughput N=${growth.largestSize} / N=${growth.smallestSize}`,
      target: `>= ${TARGETS.growthRatio}`,
      measured: growth.ratio.toFixed(2),
      met: growth.ratio >= TARGETS.growthRatio,
      atTargetScale: growth.largestSize >= TARGETS.size,
    });
  }
  const storm = [...summary.stormRows].sort((a, b) => b.agents - a.agents)[0];
  if (storm) {
    const atScale = storm.agents >= TARGETS.agents;
    for (const [round, rate] of [
      ['first reports', storm.firstReportsPerSecond],
      ['heartbeats', storm.heartbeatsPerSecond],
    ] as const) {
      checks.push({
        subject: `storm ${round}/s, ${storm.agents} agents`,
        target: `>= ${TARGETS.reportsPerSecond}`,
        measured: rate.toFixed(0),
        met: rate >= TARGETS.reportsPerSecond,
        atTargetScale: atScale,
      });
    }
    checks.push({
      subject: `storm all alive after the last report, ${storm.agents} agents`,
      target: `<= ${TARGETS.aliveAfterLastReportMs} ms`,
      measured: `${storm.aliveAfterLastReportMs.toFixed(0)} ms`,
      met: storm.aliveAfterLastReportMs <= TARGETS.aliveAfterLastReportMs,
      atTargetScale: atScale,
    });
  }
  for (const job of ['create-bind', 'create-with-host'] as const) {
    const row = largest(summary.bindingRows, job);
    if (!row) continue;
    checks.push({
      subject: `${job} peak RSS at N=${row.size}`,
      target: `< ${TARGETS.peakRssMiB} MiB`,
      measured: `${row.peakRssMiB.toFixed(0)} MiB`,
      met: row.peakRssMiB < TARGETS.peakRssMiB,
      atTargetScale: row.size >= TARGETS.size,
    });
  }
  checks.push(...checkRestTargets(summary.restRows));
  return checks;
}

/** The REST targets, each at the largest size its job ran at. */
function checkRestTargets(rows: readonly RestRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const concurrent = largestRest(rows, 'rest-create-with-host-16-clients');
  if (concurrent) {
    checks.push({
      subject: `REST create-with-host ports/s, 16 clients, N=${concurrent.size}`,
      target: `>= ${TARGETS.restPortsPerSecond}`,
      measured: concurrent.portsPerSecond.toFixed(0),
      met: concurrent.portsPerSecond >= TARGETS.restPortsPerSecond,
      atTargetScale: concurrent.size >= TARGETS.restSize,
    });
  }
  const single = largestRest(rows, 'rest-create-with-host-1-client');
  if (single) {
    checks.push({
      subject: `REST create-with-host p50, 1 client, N=${single.size}`,
      target: `< ${TARGETS.restP50Ms} ms`,
      measured: `${single.p50Ms.toFixed(2)} ms`,
      met: single.p50Ms < TARGETS.restP50Ms,
      atTargetScale: single.size >= TARGETS.restSize,
    });
  }
  return checks;
}

function largestRest(rows: readonly RestRow[], job: RestJobKind): RestRow | undefined {
  return rows.filter((row) => row.job === job).sort((a, b) => b.size - a.size)[0];
}

function largest(rows: readonly BindingRow[], job: JobKind): BindingRow | undefined {
  return rows.filter((row) => row.job === job).sort((a, b) => b.size - a.size)[0];
}
