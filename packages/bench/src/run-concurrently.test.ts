import { runConcurrently } from './run-concurrently';

/** Resolves after the current macrotask, so that callers really overlap. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runConcurrently', () => {
  it('calls every index once, never more than `concurrency` at a time', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const latenciesMs = new Float64Array(50).fill(-1);
    const elapsedMs = await runConcurrently({
      count: 50,
      concurrency: 4,
      latenciesMs,
      operation: async (index) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await tick();
        seen.push(index);
        inFlight -= 1;
      },
    });
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(mostInFlight).toBe(4);
    expect([...latenciesMs].every((latency) => latency >= 0)).toBe(true);
    expect(elapsedMs).toBeGreaterThan(0);
  });

  it('runs `before` ahead of each call', async () => {
    const order: string[] = [];
    await runConcurrently({
      count: 2,
      concurrency: 1,
      latenciesMs: new Float64Array(2),
      before: async () => {
        order.push('before');
      },
      operation: async (index) => {
        order.push(`call ${index}`);
      },
    });
    expect(order).toEqual(['before', 'call 0', 'before', 'call 1']);
  });

  it('stops taking indexes after a failure, waits for the calls in flight, then rejects', async () => {
    const settled: number[] = [];
    const attempt = runConcurrently({
      count: 100,
      concurrency: 3,
      latenciesMs: new Float64Array(100),
      operation: async (index) => {
        await tick();
        if (index === 4) throw new Error('call 4 failed');
        settled.push(index);
      },
    });
    await expect(attempt).rejects.toThrow('call 4 failed');
    expect(settled.length).toBeLessThan(10);
    const afterRejection = settled.length;
    await tick();
    expect(settled.length).toBe(afterRejection);
  });

  it.each([
    [{ count: 0, concurrency: 1, slots: 1 }],
    [{ count: 2, concurrency: 0, slots: 2 }],
    [{ count: 3, concurrency: 1, slots: 2 }],
  ])('refuses %j', async ({ count, concurrency, slots }) => {
    await expect(
      runConcurrently({
        count,
        concurrency,
        latenciesMs: new Float64Array(slots),
        operation: async () => undefined,
      }),
    ).rejects.toThrow(RangeError);
  });
});
