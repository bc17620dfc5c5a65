import { type RestJobKind } from './bench-cases';
import { type Measurement, type RestMeasurement } from './measurement';
import { median } from './statistics';

/** Medians over the runs of one REST job at one size. */
export interface RestRow {
  job: RestJobKind;
  size: number;
  clients: number;
  runs: number;
  /** Over HTTP. */
  portsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The library path with the same size and concurrency, measured in the same jobs. */
  libraryPortsPerSecond: number;
  libraryP50Ms: number;
  /**
   * REST throughput over the library's, per run (both measured in the same job), median over
   * the runs: 1 means HTTP costs nothing, 0.5 half the library's throughput.
   */
  restOverLibrary: number;
  /** The largest peak RSS of the runs (both passes), MiB. */
  peakRssMiB: number;
}

/**
 * Groups the REST measurements by job and size and takes medians over the runs (peak RSS: the
 * largest); other measurements are ignored. Rows keep the order in which their job and size
 * first appear. Pure.
 */
export function summarizeRest(measurements: readonly Measurement[]): RestRow[] {
  const groups = new Map<string, (RestMeasurement & { maxRssKiB: number })[]>();
  for (const measurement of measurements) {
    if (measurement.kind !== 'rest') continue;
    const key = `${measurement.job}@${measurement.size}`;
    groups.set(key, [...(groups.get(key) ?? []), measurement]);
  }
  return [...groups.values()].map((runs) => ({
    job: runs[0].job,
    size: runs[0].size,
    clients: runs[0].clients,
    runs: runs.length,
    portsPerSecond: median(runs.map((run) => run.rest.portsPerSecond)),
    p50Ms: median(runs.map((run) => run.rest.latencyMs.p50)),
    p99Ms: median(runs.map((run) => run.rest.latencyMs.p99)),
    libraryPortsPerSecond: median(runs.map((run) => run.library.portsPerSecond)),
    libraryP50Ms: median(runs.map((run) => run.library.latencyMs.p50)),
    restOverLibrary: median(
      runs.map((run) => run.rest.portsPerSecond / run.library.portsPerSecond),
    ),
    peakRssMiB: Math.max(...runs.map((run) => run.maxRssKiB)) / 1024,
  }));
}
