import { OPERATIONS_PER_EVENT_LOOP_TURN, turnEventLoopEvery } from './event-loop-turn';

/** True when an immediate queued before `work` ran before `work` resolved. */
async function letImmediatesRun(work: () => Promise<void>): Promise<boolean> {
  let ran = false;
  setImmediate(() => {
    ran = true;
  });
  await work();
  return ran;
}

describe('turnEventLoopEvery', () => {
  it('lets the event loop run at the end of each batch of operations', async () => {
    expect(
      await letImmediatesRun(() => turnEventLoopEvery(OPERATIONS_PER_EVENT_LOOP_TURN - 1)),
    ).toBe(true);
  });

  it('resolves without an event-loop turn inside a batch', async () => {
    expect(await letImmediatesRun(() => turnEventLoopEvery(0))).toBe(false);
    expect(await letImmediatesRun(() => turnEventLoopEvery(OPERATIONS_PER_EVENT_LOOP_TURN))).toBe(
      false,
    );
  });
});
