import { parseBenchArguments, QUICK_DEFAULTS } from './bench-arguments';
import { BenchUsageError } from './bench-usage-error';

describe('parseBenchArguments', () => {
  it('runs every case at the issue sizes, three runs, 10,000 agents by default', () => {
    expect(parseBenchArguments([])).toEqual({
      quick: false,
      help: false,
      cases: [
        'create-bind',
        'create-with-host',
        'rest-create-with-host',
        'heartbeat-storm',
        'floor',
      ],
      runs: 3,
      sizes: [1_000, 10_000, 100_000],
      restSizes: [10_000],
      agents: 10_000,
      database: null,
    });
  });

  it('takes a database URL with --database, refusing one it cannot parse', () => {
    const url = 'postgresql://postgres:pw@127.0.0.1/postgres';
    expect(parseBenchArguments(['--database', url]).database).toBe(url);
    expect(parseBenchArguments(['--database', './bench.sqlite']).database).toBe('./bench.sqlite');
    const attempt = () => parseBenchArguments(['--database', 'oracle://u:secret@h/db']);
    expect(attempt).toThrow(expect.objectContaining({ option: '--database' }));
    expect(attempt).toThrow(/'oracle:\/\/u:\*\*\*@h\/db' is not usable/);
  });

  it('refuses only the floor on a server database: it is SQLite-only', () => {
    const attempt = () =>
      parseBenchArguments(['--cases', 'floor', '--database', 'mysql://root@h/test']);
    expect(attempt).toThrow(expect.objectContaining({ option: '--cases' }));
    expect(parseBenchArguments(['--cases', 'floor', '--database', 'x.sqlite']).cases).toEqual([
      'floor',
    ]);
  });

  it('uses small sizes, 1,000 agents and one run with --quick', () => {
    expect(parseBenchArguments(['--quick'])).toMatchObject({
      quick: true,
      sizes: QUICK_DEFAULTS.sizes,
      restSizes: [1_000],
      runs: 1,
      agents: 1_000,
    });
  });

  it('runs the REST cases at the --sizes given, quick or not', () => {
    expect(parseBenchArguments(['--quick', '--sizes', '500,2000']).restSizes).toEqual([500, 2_000]);
    expect(parseBenchArguments(['--sizes', '300']).restSizes).toEqual([300]);
  });

  it('selects only the REST cases with --cases rest-create-with-host', () => {
    expect(parseBenchArguments(['--cases', 'rest-create-with-host']).cases).toEqual([
      'rest-create-with-host',
    ]);
  });

  it('lets explicit flags win over the quick defaults, wherever they stand', () => {
    expect(parseBenchArguments(['--runs', '5', '--quick', '--agents', '2000'])).toMatchObject({
      quick: true,
      runs: 5,
      agents: 2_000,
      sizes: QUICK_DEFAULTS.sizes,
    });
  });

  it('keeps the canonical case order and drops repeats', () => {
    expect(parseBenchArguments(['--cases', 'floor,create-bind,floor']).cases).toEqual([
      'create-bind',
      'floor',
    ]);
  });

  it('sorts sizes and drops repeats; accepts digit separators', () => {
    expect(parseBenchArguments(['--sizes', '10_000,1000,1000']).sizes).toEqual([1_000, 10_000]);
  });

  it.each([
    [['--cases', 'create-bind,nope'], '--cases'],
    [['--runs', '0'], '--runs'],
    [['--runs', '2.5'], '--runs'],
    [['--sizes', '1000,-5'], '--sizes'],
    [['--agents'], '--agents'],
    [['--runs', '--quick'], '--runs'],
    [['--fast'], 'option'],
  ])('refuses %j with a BenchUsageError naming %s', (args, option) => {
    const attempt = () => parseBenchArguments(args);
    expect(attempt).toThrow(BenchUsageError);
    expect(attempt).toThrow(expect.objectContaining({ option }));
  });
});
