import { settlesWithin } from './contract-deadline';

describe('settlesWithin', () => {
  it('is true for work that settles in time, sync or async', async () => {
    expect(await settlesWithin(() => 1, 50)).toBe(true);
    expect(await settlesWithin(() => new Promise((resolve) => setTimeout(resolve, 5)), 200)).toBe(
      true,
    );
  });

  it('is false for work that does not settle in time', async () => {
    expect(await settlesWithin(() => new Promise(() => undefined), 20)).toBe(false);
  });

  it('is false for work that holds the thread past the deadline, returning or throwing', async () => {
    const spin = () => {
      const until = Date.now() + 60;
      while (Date.now() < until) {
        // Holding the thread on purpose.
      }
    };
    expect(await settlesWithin(spin, 20)).toBe(false);
    expect(
      await settlesWithin(() => {
        spin();
        throw new Error('late');
      }, 20),
    ).toBe(false);
  });

  it('rejects with what the work threw in time', async () => {
    await expect(
      settlesWithin(() => {
        throw new Error('refused');
      }, 50),
    ).rejects.toThrow('refused');
  });
});
