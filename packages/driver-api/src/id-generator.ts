import { randomBytes, randomUUID } from 'node:crypto';

/** Where ids and generated MAC addresses come from. Injected so that tests control both. */
export interface IdGenerator {
  /** A new random UUID (v4). Must not block. */
  uuid(): string;
  /** A new MAC address with Neutron's default base `fa:16:3e`, lower case. Must not block. */
  macAddress(): string;
}

/** The production generator: crypto-random UUIDs and MACs. */
export const randomIdGenerator: IdGenerator = {
  uuid: () => randomUUID(),
  macAddress: () => {
    const tail = randomBytes(3);
    return ['fa', '16', '3e', ...[...tail].map((byte) => byte.toString(16).padStart(2, '0'))].join(
      ':',
    );
  },
};
