import { type JobKind } from './bench-cases';
import { measureEngineBinding } from './cases/engine-binding-case';
import { measureFloorBinding } from './cases/floor-binding-case';
import { measureHeartbeatStorm } from './cases/heartbeat-storm-case';
import { type BindingMeasurement, type Measurement, type StormMeasurement } from './measurement';
import { withTemporaryDatabase } from './temporary-database';

/**
 * Runs one job in this process on a fresh temporary SQLite file (deleted afterwards) and adds
 * the process's peak RSS so far. `size` is the port count, or the agent count of the storm.
 * Meant to run in a child process of its own, so the peak RSS is the job's. Rejects with what
 * the measurement threw.
 */
export async function runJob(job: JobKind, size: number): Promise<Measurement> {
  const measurement = await withTemporaryDatabase<BindingMeasurement | StormMeasurement>((path) => {
    switch (job) {
      case 'create-bind':
      case 'create-with-host':
        return measureEngineBinding(job, size, path);
      case 'floor-create-bind':
      case 'floor-create-with-host':
        return measureFloorBinding(job, size, path);
      case 'heartbeat-storm':
        return measureHeartbeatStorm(size, path);
    }
  });
  return { ...measurement, maxRssKiB: process.resourceUsage().maxRSS };
}
