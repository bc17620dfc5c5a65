import { withDeadline } from './with-deadline';

const never = () => new Promise<never>(() => undefined);
const after = <T>(milliseconds: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), milliseconds));

describe('withDeadline', () => {
  it('passes on the value of work that settles in time', async () => {
    await expect(withDeadline(() => after(1, 'done'), 1000)).resolves.toEqual({
      timedOut: false,
      value: 'done',
    });
  });

  it('answers a plain value at once, without a timer', async () => {
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    try {
      await expect(withDeadline(() => 7, 1000)).resolves.toEqual({ timedOut: false, value: 7 });
      expect(setTimeoutSpy).not.toHaveBeenCalled();
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });

  it('rejects with what work throws, synchronously or by rejecting', async () => {
    await expect(
      withDeadline(() => {
        throw new Error('sync');
      }, 1000),
    ).rejects.toThrow('sync');
    await expect(withDeadline(() => Promise.reject(new Error('async')), 1000)).rejects.toThrow(
      'async',
    );
  });

  it('gives up on work that never settles once the deadline passes', async () => {
    const started = Date.now();
    await expect(withDeadline(never, 20)).resolves.toEqual({ timedOut: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('swallows a rejection that comes after the deadline', async () => {
    const late = after(40, null).then(() => {
      throw new Error('too late');
    });
    await expect(withDeadline(() => late, 10)).resolves.toEqual({ timedOut: true });
    await expect(late).rejects.toThrow('too late');
  });

  it('clears its timer when work settles and never holds the process open', async () => {
    const timers: NodeJS.Timeout[] = [];
    const realSetTimeout = global.setTimeout;
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout').mockImplementation(((
      callback: () => void,
      milliseconds: number,
    ) => {
      const timer = realSetTimeout(callback, milliseconds);
      timers.push(timer);
      return timer;
    }) as typeof setTimeout);
    const clearTimeoutSpy = jest.spyOn(global, 'clearTimeout');
    try {
      await withDeadline(() => Promise.resolve(1), 60_000);
      expect(timers).toHaveLength(1);
      expect(timers[0].hasRef()).toBe(false);
      expect(clearTimeoutSpy).toHaveBeenCalledWith(timers[0]);
    } finally {
      setTimeoutSpy.mockRestore();
      clearTimeoutSpy.mockRestore();
    }
  });
});
