import { engineJobOfFloor, type JobKind } from './bench-cases';
import { type BindingMeasurement, type Measurement, type StormMeasurement } from './measurement';
import { type RestRow, summarizeRest } from './rest-summary';
import { median } from './statistics';

/** Medians over the runs of one binding job at one size. */
export interface BindingRow {
  job: JobKind;
  size: number;
  runs: number;
  portsPerSecond: number;
  elapsedMs: number;
  bindP50Ms: number;
  bindP99Ms: number;
  /** Median p50 of the create call before the bind (create-bind flows), else null. */
  createP50Ms: number | null;
  /**
   * Engine rows: how many times the floor's throughput at the same size the engine's is below
   * it (engine time / floor time); null for floor rows and when the floor did not run.
   */
  engineOverFloor: number | null;
  /** The largest peak RSS of the runs, MiB. */
  peakRssMiB: number;
}

/** Medians over the runs of the heartbeat storm with one agent count. */
export interface StormRow {
  agents: number;
  runs: number;
  firstReportsPerSecond: number;
  heartbeatsPerSecond: number;
  aliveAfterLastReportMs: number;
  aliveAfterStartMs: number;
  peakRssMiB: number;
}

/** Throughput at the largest size over throughput at the smallest, per binding job. */
export interface GrowthFigure {
  job: JobKind;
  smallestSize: number;
  largestSize: number;
  ratio: number;
}

/** Everything the table and the results file show. */
export interface BenchSummary {
  bindingRows: BindingRow[];
  stormRows: StormRow[];
  growth: GrowthFigure[];
  /** The REST jobs, with their ratio to the library path. */
  restRows: RestRow[];
}

/**
 * Groups measurements by job and size, takes medians over the runs (peak RSS: the largest), and
 * derives the engine/floor ratios, the cost-growth figures and the REST rows. Rows keep the
 * order in which their job and size first appear. Pure.
 */
export function summarize(measurements: readonly Measurement[]): BenchSummary {
  const bindingGroups = new Map<string, (BindingMeasurement & { maxRssKiB: number })[]>();
  const stormGroups = new Map<number, (StormMeasurement & { maxRssKiB: number })[]>();
  for (const measurement of measurements) {
    if (measurement.kind === 'binding') {
      const key = `${measurement.job}@${measurement.size}`;
      bindingGroups.set(key, [...(bindingGroups.get(key) ?? []), measurement]);
    } else if (measurement.kind === 'storm') {
      stormGroups.set(measurement.size, [
        ...(stormGroups.get(measurement.size) ?? []),
        measurement,
      ]);
    }
  }

  const bindingRows: BindingRow[] = [...bindingGroups.values()].map((runs) => ({
    job: runs[0].job,
    size: runs[0].size,
    runs: runs.length,
    portsPerSecond: median(runs.map((run) => run.portsPerSecond)),
    elapsedMs: median(runs.map((run) => run.elapsedMs)),
    bindP50Ms: median(runs.map((run) => run.bindLatencyMs.p50)),
    bindP99Ms: median(runs.map((run) => run.bindLatencyMs.p99)),
    createP50Ms: runs[0].createLatencyMs
      ? median(runs.map((run) => run.createLatencyMs?.p50 ?? NaN))
      : null,
    engineOverFloor: null,
    peakRssMiB: peakMiB(runs),
  }));
  for (const floor of bindingRows) {
    const engineJob = engineJobOfFloor(floor.job);
    const engine = bindingRows.find((row) => row.job === engineJob && row.size === floor.size);
    if (engine) engine.engineOverFloor = floor.portsPerSecond / engine.portsPerSecond;
  }

  const stormRows: StormRow[] = [...stormGroups.values()].map((runs) => ({
    agents: runs[0].size,
    runs: runs.length,
    firstReportsPerSecond: median(runs.map((run) => run.firstReports.reportsPerSecond)),
    heartbeatsPerSecond: median(runs.map((run) => run.heartbeats.reportsPerSecond)),
    aliveAfterLastReportMs: median(runs.map((run) => run.aliveAfterLastReportMs)),
    aliveAfterStartMs: median(runs.map((run) => run.aliveAfterStartMs)),
    peakRssMiB: peakMiB(runs),
  }));

  return {
    bindingRows,
    stormRows,
    growth: growthFigures(bindingRows),
    restRows: summarizeRest(measurements),
  };
}

function growthFigures(rows: readonly BindingRow[]): GrowthFigure[] {
  const figures: GrowthFigure[] = [];
  for (const job of new Set(rows.map((row) => row.job))) {
    const sized = rows.filter((row) => row.job === job).sort((a, b) => a.size - b.size);
    if (sized.length < 2) continue;
    const smallest = sized[0];
    const largest = sized[sized.length - 1];
    figures.push({
      job,
      smallestSize: smallest.size,
      largestSize: largest.size,
      ratio: largest.portsPerSecond / smallest.portsPerSecond,
    });
  }
  return figures;
}

function peakMiB(runs: readonly { maxRssKiB: number }[]): number {
  return Math.max(...runs.map((run) => run.maxRssKiB)) / 1024;
}
