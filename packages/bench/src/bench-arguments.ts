import { DatabaseUrlError, parseDatabaseUrl, redactDatabaseUrl } from '@ml2ts/store';
import { BENCH_CASES, type BenchCase, isBenchCase } from './bench-cases';
import { isServerDatabase } from './bench-database';
import { BenchUsageError } from './bench-usage-error';

/** What one `npm run bench` measures. */
export interface BenchOptions {
  /** `--quick`: small sizes, one run. */
  quick: boolean;
  /** The cases to run, in the canonical order. */
  cases: BenchCase[];
  /** Runs per case and size; the table shows their medians. */
  runs: number;
  /** Port counts of the binding cases and the floor. */
  sizes: number[];
  /** Port counts of the REST cases: `--sizes` when given, else one size (10,000; quick 1,000). */
  restSizes: number[];
  /** Agents of the heartbeat storm. */
  agents: number;
  /**
   * `--database URL`: the database the engine cases run on, each job in a scratch database of
   * its own (`createScratchDatabase`); null: a temporary SQLite file per job. Password included:
   * redact it before printing or storing.
   */
  database: string | null;
  /** `--help`: print the usage and measure nothing. */
  help: boolean;
}

/** Sizes, runs and agents of the full benchmark (the figures). */
export const FULL_DEFAULTS = {
  sizes: [1_000, 10_000, 100_000],
  restSizes: [10_000],
  runs: 3,
  agents: 10_000,
};
/** Sizes, runs and agents of `--quick`. */
export const QUICK_DEFAULTS = {
  sizes: [1_000, 10_000],
  restSizes: [1_000],
  runs: 1,
  agents: 1_000,
};

/** The usage text of `npm run bench -- --help`. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --quick            sizes 1000,10000 (REST cases 1000), 1000 agents, 1 run
  --cases a,b        some of: ${BENCH_CASES.join(', ')} (default: all)
  --runs N           runs per case and size, medians reported (default 3; quick 1)
  --sizes a,b        port counts of the binding cases and the floor (default 1000,10000,100000)
                     and of the REST cases (default 10000; quick 1000)
  --agents N         agents of the heartbeat storm (default 10000; quick 1000)
  --database URL     run the engine cases on this database instead of temporary SQLite files:
                     postgresql://user:password@host/database or mysql://user:password@host/db;
                     each job gets a scratch database of its own there (the user must be allowed
                     to create databases), dropped afterwards; the floor (raw better-sqlite3) is
                     skipped on a server, with a line saying so
  --help             this text`;

/**
 * Parses the command line of `npm run bench` (without `node` and the script). Explicit flags win
 * over `--quick`'s defaults. Throws `BenchUsageError` for an unknown flag or an unusable value.
 */
export function parseBenchArguments(args: readonly string[]): BenchOptions {
  let quick = false;
  let help = false;
  let cases: BenchCase[] | undefined;
  let runs: number | undefined;
  let sizes: number[] | undefined;
  let agents: number | undefined;
  let database: string | null = null;
  for (let index = 0; index < args.length; index++) {
    const flag = args[index];
    const value = () => {
      const next = args[index + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new BenchUsageError(flag, undefined, valueDescription(flag));
      }
      index += 1;
      return next;
    };
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--help':
        help = true;
        break;
      case '--cases':
        cases = parseCases(value());
        break;
      case '--runs':
        runs = parsePositiveInteger(flag, value());
        break;
      case '--sizes':
        sizes = parseSizes(value());
        break;
      case '--agents':
        agents = parsePositiveInteger(flag, value());
        break;
      case '--database':
        database = parseDatabase(value());
        break;
      default:
        throw new BenchUsageError(
          'option',
          flag,
          'one of --quick, --cases, --runs, --sizes, --agents, --database, --help',
        );
    }
  }
  const selected = cases ?? [...BENCH_CASES];
  if (isServerDatabase(database) && selected.every((name) => name === 'floor')) {
    throw new BenchUsageError(
      '--cases',
      selected.join(','),
      'with a PostgreSQL or MariaDB --database, at least one engine case (the floor is SQLite-only)',
    );
  }
  const defaults = quick ? QUICK_DEFAULTS : FULL_DEFAULTS;
  return {
    quick,
    help,
    cases: selected,
    runs: runs ?? defaults.runs,
    sizes: sizes ?? [...defaults.sizes],
    restSizes: sizes ?? [...defaults.restSizes],
    agents: agents ?? defaults.agents,
    database,
  };
}

/** A `--database` value that parses as a database URL, as given. */
function parseDatabase(text: string): string {
  try {
    parseDatabaseUrl(text);
    return text;
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    throw new BenchUsageError(
      '--database',
      redactDatabaseUrl(text),
      valueDescription('--database'),
    );
  }
}

function valueDescription(flag: string): string {
  switch (flag) {
    case '--cases':
      return `a comma-separated list of ${BENCH_CASES.join(', ')}`;
    case '--sizes':
      return 'a comma-separated list of positive integers';
    case '--database':
      return 'a SQLite path, postgresql://user@host/database or mysql://user@host/database';
    default:
      return 'a positive integer';
  }
}

function parseCases(text: string): BenchCase[] {
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!isBenchCase(name)) throw new BenchUsageError('--cases', text, valueDescription('--cases'));
  }
  // The canonical order, each case once: the floor runs after the flows it is compared with.
  return BENCH_CASES.filter((known) => names.includes(known));
}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((item) => parsePositiveInteger('--sizes', item.trim(), text));
  return [...new Set(sizes)].sort((left, right) => left - right);
}

function parsePositiveInteger(flag: string, text: string, whole = text): number {
  const value = /^[1-9][0-9_]*$/.test(text) ? Number(text.replaceAll('_', '')) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new BenchUsageError(flag, whole, valueDescription(flag));
  }
  return value;
}
