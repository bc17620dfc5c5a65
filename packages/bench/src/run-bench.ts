import { join } from 'node:path';
import { type BenchOptions } from './bench-arguments';
import { redactDatabaseUrl } from '@ml2ts/store';
import { describeBenchDatabase, FLOOR_SKIPPED_ON_SERVER, isServerDatabase } from './bench-database';
import { REPOSITORY_ROOT } from './bench-engine';
import { planJobs, type PlannedJob } from './bench-plan';
import {
  formatDerivedFigures,
  formatRestTable,
  formatResultsTable,
  formatTargetChecks,
} from './bench-report';
import { summarize } from './bench-summary';
import { checkTargets } from './bench-targets';
import { forkJob } from './fork-job';
import { describeMachine, formatMachine } from './machine-description';
import { type Measurement } from './measurement';
import { type BenchResults, writeResultsFile } from './results-file';
import { describeRevision, formatRevision } from './source-revision';

/** Where the results files go: `.bench/` of the checkout (git-ignored). */
export const RESULTS_DIRECTORY = join(REPOSITORY_ROOT, '.bench');

/**
 * Runs the benchmark: every planned job in a child process of `mainScript`, one after the
 * other, printing progress, then the table, the derived figures and the target checks; stores
 * everything in a results file. With `options.database` the engine jobs run on that database,
 * each in a scratch database of its own, and on a PostgreSQL or MariaDB one the floor is skipped
 * with a line saying why; the database is printed and stored without its password. Takes as
 * long as the measurements (minutes in full mode). Rejects with `BenchChildError` when a job
 * fails: a partial table would mislead.
 */
export async function runBench(
  options: BenchOptions,
  mainScript: string,
  print: (line: string) => void,
): Promise<BenchResults> {
  const startedAt = new Date();
  const started = performance.now();
  const machine = describeMachine();
  const revision = describeRevision(REPOSITORY_ROOT);
  const planned = planJobs(options);
  print(`machine: ${formatMachine(machine)}`);
  print(`source: ${formatRevision(revision)}`);
  const restSizes = options.cases.includes('rest-create-with-host')
    ? ` (REST ${options.restSizes.join(', ')})`
    : '';
  print(
    `mode: ${options.quick ? 'quick' : 'full'}; cases ${options.cases.join(', ')}; sizes ${options.sizes.join(', ')}${restSizes}; ${options.agents} agents; ${options.runs} run(s); ${planned.length} jobs`,
  );
  print(`database: ${describeBenchDatabase(options.database)}`);
  if (options.cases.includes('floor') && isServerDatabase(options.database)) {
    print(FLOOR_SKIPPED_ON_SERVER);
  }

  const measurements: Measurement[] = [];
  for (const job of planned) {
    const measurement = await forkJob(mainScript, job);
    measurements.push(measurement);
    print(progressLine(job, measurement));
  }

  const summary = summarize(measurements);
  const targets = checkTargets(summary);
  const wallSeconds = (performance.now() - started) / 1000;
  if (summary.bindingRows.length > 0 || summary.stormRows.length > 0) {
    print('');
    print(formatResultsTable(summary));
  }
  if (summary.restRows.length > 0) {
    print('');
    print(formatRestTable(summary.restRows));
  }
  const derived = formatDerivedFigures(summary);
  if (derived.length > 0) print('');
  for (const line of derived) print(line);
  print('');
  print(formatTargetChecks(targets));
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    wallSeconds,
    machine,
    revision,
    options: {
      ...options,
      database: options.database === null ? null : redactDatabaseUrl(options.database),
    },
    measurements,
    summary,
    targets,
  };
  const file = writeResultsFile(RESULTS_DIRECTORY, results);
  print('');
  print(`machine: ${formatMachine(machine)}; source: ${formatRevision(revision)}`);
  print(`database: ${describeBenchDatabase(options.database)}`);
  print(`wall time ${wallSeconds.toFixed(1)} s; results in ${file}`);
  return results;
}

function progressLine(job: PlannedJob, measurement: Measurement): string {
  const head = `${job.job} N=${job.size} run ${job.run}/${job.runs}:`;
  const rss = `peak RSS ${(measurement.maxRssKiB / 1024).toFixed(0)} MiB`;
  if (measurement.kind === 'rest') {
    const { rest, library } = measurement;
    return `${head} ${rest.portsPerSecond.toFixed(0)} ports/s over HTTP with ${measurement.clients} client(s), p50 ${rest.latencyMs.p50.toFixed(3)} ms, p99 ${rest.latencyMs.p99.toFixed(3)} ms; library in the same job ${library.portsPerSecond.toFixed(0)} ports/s (REST/library ${(rest.portsPerSecond / library.portsPerSecond).toFixed(2)}), ${rss}`;
  }
  if (measurement.kind === 'binding') {
    return `${head} ${measurement.portsPerSecond.toFixed(0)} ports/s, bind p50 ${measurement.bindLatencyMs.p50.toFixed(3)} ms, p99 ${measurement.bindLatencyMs.p99.toFixed(3)} ms, ${rss}`;
  }
  return `${head} first reports ${measurement.firstReports.reportsPerSecond.toFixed(0)}/s, heartbeats ${measurement.heartbeats.reportsPerSecond.toFixed(0)}/s, all alive ${measurement.aliveAfterLastReportMs.toFixed(0)} ms after the last report, ${rss}`;
}
