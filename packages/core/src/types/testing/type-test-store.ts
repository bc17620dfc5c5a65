import { openStore, type Store } from '@ml2ts/store';
import { type UnitOfWork } from '../../repositories/unit-of-work';

/**
 * Test-only: a fresh in-memory ml2ts database with the migrated schema. Close it after use; run
 * the code under test in its units of work with `repositoriesOver(store)`.
 */
export function openTestStore(): Promise<Store> {
  return openStore({ database: ':memory:' });
}

/** Test-only: inserts a network row (segments need one for their foreign key). */
export async function insertNetwork(unit: UnitOfWork, id: string): Promise<void> {
  await unit.networks.insert({
    id,
    projectId: 'project',
    name: id,
    mtu: 1500,
    adminStateUp: true,
    routerExternal: false,
    vlanTransparent: false,
    createdAt: new Date(0),
    description: '',
    shared: false,
    availabilityZoneHints: '[]',
    revisionNumber: 0,
    updatedAt: new Date(0),
  });
}
