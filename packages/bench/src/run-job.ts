import { type JobKind } from './bench-cases';
import { measureEngineBinding } from './cases/engine-binding-case';
import { measureFloorBinding } from './cases/floor-binding-case';
import { measureHeartbeatStorm } from './cases/heartbeat-storm-case';
import { type BindingMeasurement, type Measurement, type StormMeasurement } from './measurement';
import { withScratchDatabase, withTemporaryDatabase } from './temporary-database';

/**
 * Runs one job in this process and adds the process's peak RSS so far. `size` is the port count,
 * or the agent count of the storm. An engine job runs on a scratch database of its own made from
 * `database` (`--database`) when it is given, otherwise, like the floor always, on a fresh
 * temporary SQLite file; either is deleted afterwards. Meant to run in a child process of its
 * own, so the peak RSS is the job's. Rejects with what the measurement threw, or with the
 * store's error when the scratch database cannot be made.
 */
export async function runJob(job: JobKind, size: number, database?: string): Promise<Measurement> {
  let measurement: BindingMeasurement | StormMeasurement;
  switch (job) {
    case 'floor-create-bind':
    case 'floor-create-with-host':
      measurement = await withTemporaryDatabase((path) => measureFloorBinding(job, size, path));
      break;
    default:
      measurement =
        database === undefined
          ? await withTemporaryDatabase((path) => measureEngineJob(job, size, path))
          : await withScratchDatabase(database, (url) => measureEngineJob(job, size, url));
  }
  return { ...measurement, maxRssKiB: process.resourceUsage().maxRSS };
}

/** One engine job on the database `database` (a URL or a SQLite path). */
function measureEngineJob(
  job: 'create-bind' | 'create-with-host' | 'heartbeat-storm',
  size: number,
  database: string,
): Promise<BindingMeasurement | StormMeasurement> {
  return job === 'heartbeat-storm'
    ? measureHeartbeatStorm(size, database)
    : measureEngineBinding(job, size, database);
}
