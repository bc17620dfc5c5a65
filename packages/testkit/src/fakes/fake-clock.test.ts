import { FIXTURE_NOW } from '../fixtures/fixture-now';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('starts at FIXTURE_NOW and moves only when told', () => {
    const clock = new FakeClock();
    expect(clock.now()).toEqual(FIXTURE_NOW);
    expect(clock.now()).toEqual(FIXTURE_NOW);
    clock.advance(75.5);
    expect(clock.now().getTime() - FIXTURE_NOW.getTime()).toBe(75_500);
    clock.set(new Date('2030-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('hands out copies that callers cannot use to move it', () => {
    const clock = new FakeClock(new Date(0));
    clock.now().setTime(123456);
    expect(clock.now().getTime()).toBe(0);
  });
});
