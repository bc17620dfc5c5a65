import { IpAddressInUse, Ml2Error } from '@ml2ts/driver-api';

/** How many times a port write that lost an address race is tried in all. */
export const ADDRESS_RACE_ATTEMPTS = 10;

/**
 * A port write found an address it had chosen from the pools already taken: another writer
 * claimed it between the choice and the write (the `ipallocations` unique key refused it). The
 * transaction must end (the failed statement may have aborted it) and the whole change may be
 * tried again, in a new transaction that sees the winner's address and chooses another. Carries
 * the `IpAddressInUse` (409) the write raised, and answers as it would if it ever escaped.
 */
export class AddressRaceLost extends Ml2Error {
  constructor(readonly lost: IpAddressInUse) {
    super(lost.type, lost.httpStatus, lost.message, { cause: lost });
  }
}

/**
 * Runs `write` (the statements that store a port's addresses); when `picked` (an address was
 * chosen from the pools) and the database refused an address as taken, throws `AddressRaceLost`
 * instead of the `IpAddressInUse`, so that `retryLostAddressRaces` tries the change again. Any
 * other outcome is `write`'s.
 */
export async function claimAddresses<T>(picked: boolean, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (picked && error instanceof IpAddressInUse) throw new AddressRaceLost(error);
    throw error;
  }
}

/**
 * Runs `change` (a whole unit of work) until it does not lose an address race, at most
 * `attempts` times; after the last lost race, throws the `IpAddressInUse` (409) of that race.
 * Every other outcome of `change` is returned or thrown as is.
 */
export async function retryLostAddressRaces<T>(
  change: () => Promise<T>,
  attempts = ADDRESS_RACE_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof AddressRaceLost)) throw error;
      if (attempt >= attempts) throw error.lost;
    }
  }
}
