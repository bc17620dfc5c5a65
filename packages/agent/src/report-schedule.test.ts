import { ConfigurationError } from '@ml2ts/driver-api';
import { ReportSchedule } from './report-schedule';

const lowest = { nextInt: () => 0 };
const highest = { nextInt: (bound: number) => bound - 1 };

describe('ReportSchedule', () => {
  it('defaults to 30 s ± 3 s after an initial delay of up to 11.25 s (75 s down time)', () => {
    const schedule = new ReportSchedule();
    expect(schedule.intervalMs).toBe(30_000);
    expect(schedule.initialDelayMaxMs).toBe(11_250);
    expect(schedule.jitterMaxMs).toBe(3_000);
    expect(schedule.initialDelay(lowest)).toBe(0);
    expect(schedule.initialDelay(highest)).toBe(11_250);
    expect(schedule.nextInterval(lowest)).toBe(27_000);
    expect(schedule.nextInterval(highest)).toBe(33_000);
  });

  it('keeps the longest gap between reports well inside agent_down_time', () => {
    for (const [reportInterval, agentDownTime] of [
      [30, 75],
      [10, 30],
      [60, 75],
      [5, 300],
    ]) {
      const schedule = new ReportSchedule({ reportInterval, agentDownTime });
      const margin = (agentDownTime - reportInterval) * 1000;
      expect(schedule.intervalMs + schedule.jitterMaxMs).toBeLessThanOrEqual(
        reportInterval * 1000 + margin / 4,
      );
      expect(schedule.initialDelayMaxMs).toBeLessThanOrEqual(margin / 4);
      expect(schedule.jitterMaxMs).toBeLessThanOrEqual(schedule.intervalMs / 2);
    }
  });

  it('has no jitter when agent_down_time leaves no margin, and refuses explicit jitter then', () => {
    const schedule = new ReportSchedule({ reportInterval: 75, agentDownTime: 75 });
    expect([schedule.initialDelayMaxMs, schedule.jitterMaxMs]).toEqual([0, 0]);
    expect(
      () => new ReportSchedule({ reportInterval: 75, agentDownTime: 75, reportJitterMax: 1 }),
    ).toThrow(ConfigurationError);
  });

  it('accepts explicit bounds up to a quarter of the margin and refuses more', () => {
    const schedule = new ReportSchedule({ initialReportDelayMax: 11.25, reportJitterMax: 0 });
    expect([schedule.initialDelayMaxMs, schedule.jitterMaxMs]).toEqual([11_250, 0]);
    expect(() => new ReportSchedule({ initialReportDelayMax: 11.3 })).toThrow(
      /initialReportDelayMax/,
    );
    expect(() => new ReportSchedule({ reportJitterMax: 12 })).toThrow(/reportJitterMax/);
    expect(
      () => new ReportSchedule({ reportInterval: 10, agentDownTime: 200, reportJitterMax: 6 }),
    ).toThrow(/half of reportInterval/);
    expect(() => new ReportSchedule({ reportInterval: -1 })).toThrow(/reportInterval/);
    expect(() => new ReportSchedule({ agentDownTime: 0 })).toThrow(/agentDownTime/);
  });

  it('is disabled when report_interval is 0', () => {
    expect(new ReportSchedule({ reportInterval: 0 }).enabled).toBe(false);
    expect(new ReportSchedule().enabled).toBe(true);
  });
});
