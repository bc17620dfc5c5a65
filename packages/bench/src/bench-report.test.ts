import { formatRestTable } from './bench-report';

describe('formatRestTable', () => {
  it('shows each REST row with its library figures and ratio', () => {
    const table = formatRestTable([
      {
        job: 'rest-create-with-host-16-clients',
        size: 10_000,
        clients: 16,
        runs: 1,
        portsPerSecond: 2_345.4,
        p50Ms: 6.5,
        p99Ms: 20.25,
        libraryPortsPerSecond: 3_000,
        libraryP50Ms: 5.1,
        restOverLibrary: 0.7818,
        peakRssMiB: 180.2,
      },
    ]);
    const [header, , row] = table.split('\n');
    expect(header).toMatch(/case.*clients.*ports\/s.*library ports\/s.*REST\/library/);
    expect(row.trim().split(/\s{2,}/)).toEqual([
      'rest-create-with-host-16-clients',
      '10000',
      '16',
      '1',
      '2345',
      '6.500',
      '20.250',
      '3000',
      '5.100',
      '0.78',
      '180',
    ]);
  });
});
