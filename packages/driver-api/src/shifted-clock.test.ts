import { ShiftedClock } from './shifted-clock';

describe('ShiftedClock', () => {
  const base = { now: () => new Date(Date.UTC(2026, 0, 1, 12)) };

  it('reads the base clock plus its offset', () => {
    const clock = new ShiftedClock(base);
    expect(clock.now().toISOString()).toBe('2026-01-01T12:00:00.000Z');
    clock.shift(90);
    clock.shift(-30);
    expect(clock.offsetSeconds).toBe(60);
    expect(clock.now().toISOString()).toBe('2026-01-01T12:01:00.000Z');
  });

  it('runs work in the past and comes back, also when the work fails', async () => {
    const clock = new ShiftedClock(base);
    const seen = await clock.inThePast(300, async () => clock.now().toISOString());
    expect(seen).toBe('2026-01-01T11:55:00.000Z');
    await expect(
      clock.inThePast(10, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(clock.offsetSeconds).toBe(0);
  });
});
