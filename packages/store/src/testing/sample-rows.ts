import { type EntityManager } from 'typeorm';
import { Network } from '../entities/network';
import { NetworkSegment } from '../entities/network-segment';
import { Port } from '../entities/port';

/**
 * Test support: minimal valid rows for the tables most tests need as parents. Each builder
 * takes overrides for the columns a test cares about. Not exported from the package.
 */
export const CREATED_AT = new Date('2026-03-04T05:06:07.089Z');

export function networkRow(manager: EntityManager, overrides: Partial<Network> = {}): Network {
  return manager.create(Network, { id: 'net-1', mtu: 1500, createdAt: CREATED_AT, ...overrides });
}

export function segmentRow(
  manager: EntityManager,
  overrides: Partial<NetworkSegment> = {},
): NetworkSegment {
  return manager.create(NetworkSegment, {
    id: 'seg-1',
    networkId: 'net-1',
    networkType: 'vlan',
    physicalNetwork: 'physnet1',
    segmentationId: 100,
    ...overrides,
  });
}

export function portRow(manager: EntityManager, overrides: Partial<Port> = {}): Port {
  return manager.create(Port, {
    id: 'port-1',
    networkId: 'net-1',
    macAddress: 'fa:16:3e:00:00:01',
    status: 'DOWN',
    createdAt: CREATED_AT,
    ...overrides,
  });
}
