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
  });

  it.each([
    [['--child', 'floor', '--size', '10']],
    [['--child', 'create-bind', '--size', '0']],
    [['--child', 'create-bind', '--size', '10', '--extra']],
    [['--child', 'create-bind']],
  ])('refuses %j', (args) => {
    expect(() => parseChildArguments(args)).toThrow(BenchUsageError);
  });
});
