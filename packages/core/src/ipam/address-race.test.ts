import { IpAddressInUse, MacAddressInUse } from '@ml2ts/driver-api';
import { AddressRaceLost, claimAddresses, retryLostAddressRaces } from './address-race';

const taken = () => new IpAddressInUse('10.0.0.2', 'net-1');

describe('claimAddresses', () => {
  it('turns a refused address into a lost race only when an address was picked', async () => {
    const refused = () => Promise.reject(taken());
    await expect(claimAddresses(true, refused)).rejects.toBeInstanceOf(AddressRaceLost);
    await expect(claimAddresses(false, refused)).rejects.not.toBeInstanceOf(AddressRaceLost);
    const other = new MacAddressInUse('fa:16:3e:00:00:01', 'net-1');
    await expect(claimAddresses(true, () => Promise.reject(other))).rejects.toBe(other);
    expect(await claimAddresses(true, async () => 'written')).toBe('written');
  });

  it('answers as the IpAddressInUse it carries', () => {
    const lost = new AddressRaceLost(taken());
    expect(lost).toMatchObject({ type: 'IpAddressInUse', httpStatus: 409 });
    expect(lost.message).toContain('10.0.0.2');
  });
});

describe('retryLostAddressRaces', () => {
  it('runs the change again after a lost race, and returns what it gives', async () => {
    let runs = 0;
    const result = await retryLostAddressRaces(async () => {
      runs += 1;
      if (runs < 3) throw new AddressRaceLost(taken());
      return 'created';
    });
    expect(result).toBe('created');
    expect(runs).toBe(3);
  });

  it('gives up after the last attempt with the IpAddressInUse of the last race', async () => {
    let runs = 0;
    const lost = taken();
    const error = await retryLostAddressRaces(async () => {
      runs += 1;
      throw new AddressRaceLost(lost);
    }, 4).catch((caught: unknown) => caught);
    expect(error).toBe(lost);
    expect(runs).toBe(4);
  });

  it('never runs a change again for any other error', async () => {
    let runs = 0;
    const failure = taken();
    await expect(
      retryLostAddressRaces(async () => {
        runs += 1;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(runs).toBe(1);
  });
});
