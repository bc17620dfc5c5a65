import { planJobs } from './bench-plan';
import { childArguments, parseChildArguments } from './child-job';
import { BenchUsageError } from './bench-usage-error';

describe('planJobs', () => {
  it('runs every size and run of a binding case, the storm once per run at its agent count', () => {
    const plan = planJobs({
      cases: ['create-bind', 'heartbeat-storm'],
      runs: 2,
      sizes: [10, 20],
      agents: 7,
    });
    expect(plan.map(({ job, size, run }) => `${job}:${size}:${run}`)).toEqual([
      'create-bind:10:1',
      'create-bind:10:2',
      'create-bind:20:1',
      'create-bind:20:2',
      'heartbeat-storm:7:1',
      'heartbeat-storm:7:2',
    ]);
  });

  it('expands the floor into the floor of each binding flow', () => {
    const plan = planJobs({ cases: ['floor'], runs: 1, sizes: [5], agents: 1 });
    expect(plan.map((job) => job.job)).toEqual(['floor-create-bind', 'floor-create-with-host']);
  });

  it('expands the REST case into its 1-client and 16-client jobs, at the REST sizes', () => {
    const plan = planJobs({
      cases: ['create-with-host', 'rest-create-with-host'],
      runs: 1,
      sizes: [1_000, 10_000],
      restSizes: [10_000],
      agents: 1,
    });
    expect(plan.map(({ job, size }) => `${job}:${size}`)).toEqual([
      'create-with-host:1000',
      'create-with-host:10000',
      'rest-create-with-host-1-client:10000',
      'rest-create-with-host-16-clients:10000',
    ]);
  });

  it('runs the REST jobs at the binding sizes when no REST sizes are given', () => {
    const plan = planJobs({ cases: ['rest-create-with-host'], runs: 2, sizes: [7], agents: 1 });
    expect(plan.map(({ job, size, run }) => `${job}:${size}:${run}`)).toEqual([
      'rest-create-with-host-1-client:7:1',
      'rest-create-with-host-1-client:7:2',
      'rest-create-with-host-16-clients:7:1',
      'rest-create-with-host-16-clients:7:2',
    ]);
  });

  it('gives the REST jobs the database, like the engine jobs', () => {
    const database = 'postgresql://postgres@127.0.0.1/postgres';
    const plan = planJobs({
      cases: ['rest-create-with-host'],
      runs: 1,
      sizes: [5],
      agents: 1,
      database,
    });
    expect(plan.every((job) => job.database === database)).toBe(true);
  });

  it('gives the engine jobs the database, and leaves the floor out on a server', () => {
    const database = 'postgresql://postgres@127.0.0.1/postgres';
    const plan = planJobs({
      cases: ['create-bind', 'heartbeat-storm', 'floor'],
      runs: 1,
      sizes: [5],
      agents: 3,
      database,
    });
    expect(plan).toEqual([
      { job: 'create-bind', size: 5, database, run: 1, runs: 1 },
      { job: 'heartbeat-storm', size: 3, database, run: 1, runs: 1 },
    ]);
  });

  it('keeps the floor on its own temporary SQLite file with a SQLite database', () => {
    const plan = planJobs({
      cases: ['create-bind', 'floor'],
      runs: 1,
      sizes: [5],
      agents: 3,
      database: 'sqlite:///bench.sqlite',
    });
    expect(plan.map(({ job, database }) => [job, database ?? null])).toEqual([
      ['create-bind', 'sqlite:///bench.sqlite'],
      ['floor-create-bind', null],
      ['floor-create-with-host', null],
    ]);
  });
});

describe('child arguments', () => {
  it('round-trips a job through the command line of the child', () => {
    const job = { job: 'floor-create-with-host', size: 1234 } as const;
    expect(parseChildArguments(childArguments(job))).toEqual(job);
    const rest = { job: 'rest-create-with-host-16-clients', size: 10 } as const;
    expect(parseChildArguments(childArguments(rest))).toEqual(rest);
  });

  it.each([
    [['--child', 'floor', '--size', '10']],
    [['--child', 'rest-create-with-host', '--size', '10']],
    [['--child', 'create-bind', '--size', '0']],
    [['--child', 'create-bind', '--size', '10', '--extra']],
    [['--child', 'create-bind']],
  ])('refuses %j', (args) => {
    expect(() => parseChildArguments(args)).toThrow(BenchUsageError);
  });
});
