import { Network, openStore, type Store } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';

/** Test-only: a fresh in-memory ml2ts database with the migrated schema. Close it after use. */
export function openTestStore(): Promise<Store> {
  return openStore({ database: ':memory:' });
}

/** Test-only: inserts a network row (segments need one for their foreign key). */
export async function insertNetwork(manager: EntityManager, id: string): Promise<void> {
  await manager.insert(Network, {
    id,
    projectId: 'project',
    name: id,
    mtu: 1500,
    adminStateUp: true,
    routerExternal: false,
    vlanTransparent: false,
    createdAt: new Date(0),
  });
}
