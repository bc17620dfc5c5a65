import { ManualScheduler } from './manual-scheduler';

describe('ManualScheduler', () => {
  it('runs due timers in due order, ties in the order they were set, at their due time', async () => {
    const scheduler = new ManualScheduler(0);
    const runs: string[] = [];
    const record = (name: string) => () => {
      runs.push(`${name}@${scheduler.now().getTime()}`);
    };
    scheduler.setTimer(20, record('c'));
    scheduler.setTimer(10, record('a'));
    scheduler.setTimer(10, record('b'));
    scheduler.setTimer(31, record('late'));
    expect(scheduler.pendingDelays()).toEqual([10, 10, 20, 31]);

    await scheduler.advance(30);
    expect(runs).toEqual(['a@10', 'b@10', 'c@20']);
    expect(scheduler.now().getTime()).toBe(30);
    expect(scheduler.pendingTimers).toBe(1);
  });

  it('awaits each task and runs timers that tasks set within the window', async () => {
    const scheduler = new ManualScheduler(0);
    const runs: number[] = [];
    const tick = async () => {
      await Promise.resolve();
      runs.push(scheduler.now().getTime());
      scheduler.setTimer(5, tick);
    };
    scheduler.setTimer(0, tick);
    await scheduler.runDue();
    expect(runs).toEqual([0]);
    await scheduler.advance(12);
    expect(runs).toEqual([0, 5, 10]);
  });

  it('does not run cancelled timers and refuses negative delays', async () => {
    const scheduler = new ManualScheduler(new Date(1000));
    let ran = false;
    const timer = scheduler.setTimer(1, () => {
      ran = true;
    });
    timer.cancel();
    timer.cancel();
    await scheduler.advance(5);
    expect(ran).toBe(false);
    expect(scheduler.now().getTime()).toBe(1005);
    expect(() => scheduler.setTimer(-1, () => undefined)).toThrow(RangeError);
    await expect(scheduler.advance(-1)).rejects.toThrow(RangeError);
  });
});
