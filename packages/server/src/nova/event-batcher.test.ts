import { EventBatcher } from './event-batcher';
import { ManualTimers } from './test-support/manual-timers';

function setup(intervalMs = 2_000) {
  const timers = new ManualTimers();
  const batches: string[][] = [];
  let deliver = async (batch: readonly string[]): Promise<void> => {
    batches.push([...batch]);
  };
  const errors: unknown[] = [];
  const batcher = new EventBatcher<string>({
    intervalMs,
    timers,
    deliver: (batch) => deliver(batch),
    onDeliveryError: (error) => errors.push(error),
  });
  return {
    timers,
    batches,
    batcher,
    errors,
    setDeliver: (next: typeof deliver) => (deliver = next),
  };
}

describe('EventBatcher', () => {
  it('sends the first event on the next timer turn, with the events of the same turn', async () => {
    const { timers, batches, batcher } = setup();
    expect(batcher.add('a')).toBe(true);
    batcher.add('b');
    expect(batches).toEqual([]); // add never sends
    await timers.advance(0);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('holds later events for the interval after a send, then sends them together', async () => {
    const { timers, batches, batcher } = setup();
    batcher.add('a');
    await timers.advance(0);
    batcher.add('b');
    await timers.advance(1_000);
    batcher.add('c');
    await timers.advance(999);
    expect(batches).toEqual([['a']]);
    expect(batcher.pendingCount).toBe(2);
    await timers.advance(1);
    expect(batches).toEqual([['a'], ['b', 'c']]);
  });

  it('goes idle after a quiet interval and sends the next event at once', async () => {
    const { timers, batches, batcher } = setup();
    batcher.add('a');
    await timers.advance(0);
    await timers.advance(2_000); // quiet ends, nothing pending
    expect(timers.pendingDelays()).toEqual([]);
    await timers.advance(10_000);
    batcher.add('b');
    expect(timers.pendingDelays()).toEqual([0]);
    await timers.advance(0);
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('sends one batch at a time: events during a slow send wait for it and the interval', async () => {
    const { timers, batches, batcher, setDeliver } = setup(100);
    let finish = (): void => undefined;
    setDeliver(async (batch) => {
      batches.push([...batch]);
      if (batches.length === 1) await new Promise<void>((resolve) => (finish = resolve));
    });
    batcher.add('a');
    await timers.advance(0);
    batcher.add('b');
    await timers.advance(1_000); // the first send is still under way
    expect(batches).toEqual([['a']]);
    finish();
    await timers.advance(99);
    expect(batches).toEqual([['a']]);
    await timers.advance(1);
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('flush sends what is pending now, without waiting for the interval', async () => {
    const { timers, batches, batcher } = setup();
    batcher.add('a');
    await timers.advance(0);
    batcher.add('b');
    await batcher.flush();
    expect(batches).toEqual([['a'], ['b']]);
    await batcher.flush(); // nothing pending: nothing sent
    expect(batches).toHaveLength(2);
  });

  it('close sends what is pending once, leaves no timer and drops later events', async () => {
    const { timers, batches, batcher } = setup();
    batcher.add('a');
    await timers.advance(0);
    batcher.add('b');
    await batcher.close();
    expect(batches).toEqual([['a'], ['b']]);
    expect(timers.pendingDelays()).toEqual([]);
    expect(batcher.add('c')).toBe(false);
    await timers.advance(10_000);
    await batcher.close();
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('reports a rejected delivery and keeps going', async () => {
    const { timers, batches, batcher, errors, setDeliver } = setup(10);
    setDeliver(async () => {
      throw new Error('boom');
    });
    batcher.add('a');
    await timers.advance(0);
    expect(errors).toEqual([new Error('boom')]);
    setDeliver(async (batch) => {
      batches.push([...batch]);
    });
    batcher.add('b');
    await timers.advance(10);
    expect(batches).toEqual([['b']]);
  });

  it('refuses a negative interval', () => {
    expect(() => setup(-1)).toThrow(RangeError);
  });
});
