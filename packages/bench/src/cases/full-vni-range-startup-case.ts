// Run by hand, after `npm run build`:
//   node --expose-gc packages/bench/dist/cases/full-vni-range-startup-case.js [networks]
// Not part of `npm run bench`: it measures start-up once, not a throughput.
import 'reflect-metadata';
import { createEngine, type Engine } from '@ml2ts/core';
import { withTemporaryDatabase } from '../temporary-database';

/** The whole 24-bit VNI space: what a deployment with `vni_ranges = 1:16777215` configures. */
export const FULL_VNI_RANGE = '1:16777215';

/** The small range the reference start uses (the benchmark engine's). */
const REFERENCE_VNI_RANGE = '1:1000';

/** Tenant networks created between the first start and the restart, by default. */
const DEFAULT_NETWORKS = 1000;

/** What `measureFullVniRangeStartup` saw. Times in ms, memory in MiB. */
export interface FullVniRangeStartup {
  /** Start of an engine with `vni_ranges = 1:1000` on a fresh database (modules warm). */
  readonly referenceStartMs: number;
  /** Start of an engine with the full VNI range on a fresh database. */
  readonly fullRangeStartMs: number;
  /** Resident set size right before the full-range start, after a GC when exposed. */
  readonly rssBeforeMiB: number;
  /** Resident set size once the full-range engine is started. */
  readonly rssAfterStartMiB: number;
  /** `rssAfterStartMiB - rssBeforeMiB`. */
  readonly extraRssMiB: number;
  /** Growth of the process's peak RSS over the full-range start. */
  readonly extraPeakRssMiB: number;
  /** Tenant networks created on the full range, and their mean creation time. */
  readonly networks: number;
  readonly meanNetworkCreateMs: number;
  /** Restart on the same database with `networks` VNIs allocated. */
  readonly restartMs: number;
  /** Rows in `ml2_vxlan_allocations` after the restart (allocated VNIs only). */
  readonly allocationRows: number;
}

/**
 * Measures the start-up cost of the full VNI range in this process: a reference start with a
 * small range first (so module loading and JIT warm-up are not counted), then a start with
 * `vni_ranges = 1:16777215` on a fresh temporary SQLite file, `networks` tenant networks on
 * it, and a restart on the same file. Engines have no mechanism driver. May block (SQLite is
 * synchronous); throws what `createEngine` or `createNetwork` throw.
 */
export async function measureFullVniRangeStartup(
  networks = DEFAULT_NETWORKS,
): Promise<FullVniRangeStartup> {
  const reference = await withTemporaryDatabase(async (path) => {
    const started = performance.now();
    const engine = await startEngine(path, REFERENCE_VNI_RANGE);
    const elapsed = performance.now() - started;
    await engine.close();
    return elapsed;
  });
  return withTemporaryDatabase(async (path) => {
    collectGarbage();
    const rssBefore = process.memoryUsage().rss;
    const peakBefore = process.resourceUsage().maxRSS;
    const started = performance.now();
    const engine = await startEngine(path, FULL_VNI_RANGE);
    const fullRangeStartMs = performance.now() - started;
    const rssAfter = process.memoryUsage().rss;
    const peakAfter = process.resourceUsage().maxRSS;

    const creating = performance.now();
    for (let index = 0; index < networks; index++) {
      await engine.plugin.createNetwork({ name: `tenant-${index}` });
    }
    const meanNetworkCreateMs = (performance.now() - creating) / Math.max(networks, 1);
    await engine.close();

    const restarting = performance.now();
    const restarted = await startEngine(path, FULL_VNI_RANGE);
    const restartMs = performance.now() - restarting;
    const allocationRows = await restarted.store.read(
      async (manager) =>
        (
          (await manager.query('SELECT COUNT(*) AS n FROM ml2_vxlan_allocations')) as Array<{
            n: number;
          }>
        )[0].n,
    );
    await restarted.close();
    return {
      referenceStartMs: reference,
      fullRangeStartMs,
      rssBeforeMiB: mebibytes(rssBefore),
      rssAfterStartMiB: mebibytes(rssAfter),
      extraRssMiB: mebibytes(rssAfter - rssBefore),
      extraPeakRssMiB: (peakAfter - peakBefore) / 1024,
      networks,
      meanNetworkCreateMs,
      restartMs,
      allocationRows,
    };
  });
}

/** An engine over `path` with tenant VXLAN networks on `vniRange`, no mechanism driver. */
function startEngine(path: string, vniRange: string): Promise<Engine> {
  return createEngine({
    database: path,
    rebindInterruptedPorts: false,
    overrides: {
      ml2: { mechanism_drivers: [], tenant_network_types: ['vxlan'] },
      ml2_type_vxlan: { vni_ranges: [vniRange] },
    },
  });
}

/** Runs a full GC when node was started with `--expose-gc`; otherwise does nothing. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function mebibytes(bytes: number): number {
  return bytes / (1024 * 1024);
}

if (require.main === module) {
  const networks = process.argv[2] === undefined ? DEFAULT_NETWORKS : Number(process.argv[2]);
  if (!Number.isSafeInteger(networks) || networks < 0) {
    console.error(`networks must be a whole number >= 0, not ${process.argv[2]}`);
    process.exitCode = 2;
  } else {
    measureFullVniRangeStartup(networks).then(
      (result) => {
        for (const [name, value] of Object.entries(result)) {
          console.log(`${name.padEnd(22)} ${Number.isInteger(value) ? value : value.toFixed(1)}`);
        }
      },
      (error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        process.exitCode = 1;
      },
    );
  }
}
