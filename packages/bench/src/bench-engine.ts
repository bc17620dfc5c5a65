import 'reflect-metadata';
import { resolve } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '@ml2ts/core';

/** The repository checkout this package lives in (`packages/bench/{src,dist}` → root). */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The tenant VNI range of the benchmark engine: every measurement creates at most a few networks,
 * so a thousand VNIs never run out, and the allocation table stays small.
 */
export const BENCH_VNI_RANGE = '1:1000';

/**
 * The engine the binding, heartbeat and REST cases measure: the `openvswitch` driver found by
 * name in the repository's node_modules, tenant networks VXLAN, on `database` (a SQLite file in
 * WAL mode, or a PostgreSQL/MariaDB URL; migrated on open). Pure.
 */
export function benchEngineOptions(database: string): EngineOptions {
  return {
    database,
    pluginSearchPaths: [resolve(REPOSITORY_ROOT, 'node_modules')],
    overrides: {
      ml2: { mechanism_drivers: ['openvswitch'], tenant_network_types: ['vxlan'] },
      ml2_type_vxlan: { vni_ranges: [BENCH_VNI_RANGE] },
    },
  };
}

/**
 * Starts the engine of `benchEngineOptions` on `database`. Silent logger, system clock, random
 * ids. May block (migrations); throws what `createEngine` throws for a broken setup.
 */
export function startBenchEngine(database: string): Promise<Engine> {
  return createEngine(benchEngineOptions(database));
}
