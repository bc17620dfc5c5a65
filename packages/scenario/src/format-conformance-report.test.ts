import { formatConformanceReport } from './format-conformance-report';

const report = {
  scenarios: [
    { name: 'matches', differences: [] },
    {
      name: 'differs',
      differences: ['final.ports.p1.status: expected "ACTIVE", got "DOWN"', 'steps: a', 'steps: b'],
    },
  ],
  passed: 1,
  failed: 1,
};

describe('formatConformanceReport', () => {
  it('lists each scenario, the differences of failing ones, and ends with the summary', () => {
    expect(formatConformanceReport(report)).toBe(
      [
        'ok    matches',
        'FAIL  differs',
        '      final.ports.p1.status: expected "ACTIVE", got "DOWN"',
        '      steps: a',
        '      steps: b',
        '1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('shows only the first differences of a scenario and says how many more there are', () => {
    expect(formatConformanceReport(report, { maxDifferences: 1 })).toContain(
      '      final.ports.p1.status: expected "ACTIVE", got "DOWN"\n      … 2 more\n',
    );
  });

  it('prints only the summary when quiet', () => {
    expect(formatConformanceReport(report, { quiet: true })).toBe('1 passed, 1 failed\n');
  });
});
