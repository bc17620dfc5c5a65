import { type RestJobKind } from './bench-cases';
import { type Measurement } from './measurement';
import { summarizeRest } from './rest-summary';

function rest(job: RestJobKind, size: number, restRate: number, libraryRate: number, rssMiB = 150) {
  const pass = (rate: number) => ({
    elapsedMs: (size * 1000) / rate,
    portsPerSecond: rate,
    latencyMs: { p50: 1000 / rate, p99: 4000 / rate, max: 1, mean: 1 },
  });
  return {
    kind: 'rest',
    job,
    size,
    clients: job === 'rest-create-with-host-1-client' ? 1 : 16,
    rest: pass(restRate),
    library: pass(libraryRate),
    maxRssKiB: rssMiB * 1024,
  } as Measurement;
}

describe('summarizeRest', () => {
  it('takes medians over the runs, the ratio per run, and the largest peak RSS', () => {
    const rows = summarizeRest([
      rest('rest-create-with-host-16-clients', 1000, 1000, 2000, 140),
      rest('rest-create-with-host-16-clients', 1000, 2000, 2000, 160),
      rest('rest-create-with-host-16-clients', 1000, 1500, 5000, 150),
    ]);
    expect(rows).toEqual([
      {
        job: 'rest-create-with-host-16-clients',
        size: 1000,
        clients: 16,
        runs: 3,
        portsPerSecond: 1500,
        p50Ms: 1000 / 1500,
        p99Ms: 4000 / 1500,
        libraryPortsPerSecond: 2000,
        libraryP50Ms: 0.5,
        // per run: 0.5, 1 and 0.3: the median of the ratios, not the ratio of the medians
        restOverLibrary: 0.5,
        peakRssMiB: 160,
      },
    ]);
  });

  it('keeps one row per job and size in first-seen order, ignoring other measurements', () => {
    const rows = summarizeRest([
      rest('rest-create-with-host-1-client', 10, 100, 200),
      {
        kind: 'binding',
        job: 'create-with-host',
        size: 10,
        elapsedMs: 1,
        portsPerSecond: 1,
        bindLatencyMs: { p50: 1, p99: 1, max: 1, mean: 1 },
        createLatencyMs: null,
        maxRssKiB: 1,
      },
      rest('rest-create-with-host-16-clients', 10, 300, 300),
      rest('rest-create-with-host-1-client', 20, 100, 400),
    ]);
    expect(rows.map((row) => [row.job, row.size, row.clients, row.restOverLibrary])).toEqual([
      ['rest-create-with-host-1-client', 10, 1, 0.5],
      ['rest-create-with-host-16-clients', 10, 16, 1],
      ['rest-create-with-host-1-client', 20, 1, 0.25],
    ]);
  });
});
