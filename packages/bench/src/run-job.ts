import { type JobKind } from './bench-cases';
import { measureEngineBinding } from './cases/engine-binding-case';
import { measureFloorBinding } from './cases/floor-binding-case';
import { measureHeartbeatStorm } from './cases/heartbeat-storm-case';
import { measureRestBinding, type WithDatabase } from './cases/rest-binding-case';
import {
  type BindingMeasurement,
  type Measurement,
  type RestMeasurement,
  type StormMeasurement,
} from './measurement';
import { withScratchDatabase, withTemporaryDatabase } from './temporary-database';

/**
 * Runs one job in this process and adds the process's peak RSS so far. `size` is the port count,
 * or the agent count of the storm. An engine job runs on a scratch database of its own made from
 * `database` (`--database`) when it is given, otherwise, like the floor always, on a fresh
 * temporary SQLite file; either is deleted afterwards. A REST job gets two such databases, one
 * per pass. Meant to run in a child process of its own, so the peak RSS is the job's. Rejects with what the measurement threw, or with the
 * store's error when the scratch database cannot be made.
 */
export async function runJob(job: JobKind, size: number, database?: string): Promise<Measurement> {
  let measurement: BindingMeasurement | StormMeasurement | RestMeasurement;
  const withDatabase: WithDatabase = (work) =>
    database === undefined ? withTemporaryDatabase(work) : withScratchDatabase(database, work);
  switch (job) {
    case 'rest-create-with-host-1-client':
    case 'rest-create-with-host-16-clients':
      measurement = await measureRestBinding(job, size, withDatabase);
      break;
    case 'floor-create-bind':
    case 'floor-create-with-host':
      measurement = await withTemporaryDatabase((path) => measureFloorBinding(job, size, path));
      break;
    default:
      measurement = await withDatabase((path) => measureEngineJob(job, size, path));
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
