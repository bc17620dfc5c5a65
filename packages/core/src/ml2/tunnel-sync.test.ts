import { silentLogger } from '@ml2ts/driver-api';
import { isUniqueViolation } from '@ml2ts/store';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { syncTunnelEndpoint, tunnelSyncSettings } from './tunnel-sync';

/** What SQLite throws for a duplicate key. */
function duplicateKey(): Error {
  return Object.assign(new Error('UNIQUE constraint failed: ml2_vxlan_endpoints.ip_address'), {
    code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  });
}

/** Repositories whose transactions fail with `failures` in turn, then run on an empty table. */
function repositoriesFailing(failures: Error[]): Repositories & { runs: number } {
  const unit = {
    tunnelEndpoints: {
      findByAddress: async () => null,
      findByHost: async () => null,
      insert: async () => undefined,
      list: async () => [{ ipAddress: '192.0.2.1', host: 'compute-1', udpPort: 4789 }],
    },
  } as unknown as UnitOfWork;
  const repositories = {
    runs: 0,
    transaction: async <T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> => {
      repositories.runs += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return work(unit);
    },
    read: async () => {
      throw new Error('not used');
    },
  };
  return repositories;
}

const announcement = {
  type: 'vxlan',
  ipAddress: '192.0.2.1',
  host: 'compute-1',
  udpPort: 4789,
} as const;

describe('syncTunnelEndpoint', () => {
  it('runs its unit again when a concurrent sync wrote the same key first', async () => {
    expect(isUniqueViolation(duplicateKey())).toBe(true);
    const repositories = repositoriesFailing([duplicateKey(), duplicateKey()]);

    const outcome = await syncTunnelEndpoint(repositories, announcement, silentLogger);

    expect(repositories.runs).toBe(3);
    expect(outcome).toEqual({
      endpoints: [{ ipAddress: '192.0.2.1', host: 'compute-1', udpPort: 4789 }],
      isNew: true,
      replaced: null,
    });
  });

  it('gives up after three runs, and never retries other errors', async () => {
    const stubborn = repositoriesFailing([duplicateKey(), duplicateKey(), duplicateKey()]);
    await expect(syncTunnelEndpoint(stubborn, announcement, silentLogger)).rejects.toThrow(
      /UNIQUE constraint failed/,
    );
    expect(stubborn.runs).toBe(3);

    const broken = repositoriesFailing([new Error('disk on fire')]);
    await expect(syncTunnelEndpoint(broken, announcement, silentLogger)).rejects.toThrow(
      'disk on fire',
    );
    expect(broken.runs).toBe(1);
  });
});

describe('tunnelSyncSettings', () => {
  it('keeps the loaded tunnel types, in type_drivers order', () => {
    expect(tunnelSyncSettings(['local', 'geneve', 'vlan', 'vxlan', 'flat'], 4)).toEqual({
      tunnelTypes: ['geneve', 'vxlan'],
      overlayIpVersion: 4,
    });
  });
});
