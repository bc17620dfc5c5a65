import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchOptions } from './bench-arguments';
import { type BenchSummary } from './bench-summary';
import { type TargetCheck } from './bench-targets';
import { type MachineDescription } from './machine-description';
import { type Measurement } from './measurement';
import { type SourceRevision } from './source-revision';

/** Everything one `npm run bench` measured, as stored in `.bench/results-<timestamp>.json`. */
export interface BenchResults {
  startedAt: string;
  wallSeconds: number;
  machine: MachineDescription;
  /** The commit measured, null outside a git checkout. */
  revision: SourceRevision | null;
  /** The options, `database` without its password. */
  options: BenchOptions;
  /** Every run of every job, unaggregated. */
  measurements: Measurement[];
  summary: BenchSummary;
  targets: TargetCheck[];
}

/**
 * Writes `results` to `<directory>/results-<startedAt, file-name safe>.json`, creating the
 * directory, and returns the file's path. Blocks (synchronous file write); throws the file
 * system's error.
 */
export function writeResultsFile(directory: string, results: BenchResults): string {
  mkdirSync(directory, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const path = join(directory, `results-${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
