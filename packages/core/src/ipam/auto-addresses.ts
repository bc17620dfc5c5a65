import { type FixedIpResource } from '@ml2ts/driver-api';
import { type Port, type Subnet } from '@ml2ts/store';
import { type UnitOfWork } from '../repositories/unit-of-work';
import { eui64Address } from './eui64-address';
import { formatIpAddress } from './ip-address';
import { ROUTER_INTERFACE_OWNERS, ROUTER_INTERFACE_OWNERS_SNAT } from './router-port-owners';
import { subnetAddressingOf } from './subnet-addressing';

/**
 * A new autoconfigured IPv6 subnet's EUI-64 address for every port of its network but router
 * interfaces (which get no autoconfigured addresses), written with each port (its revision
 * moves; `updated_at` = `now`). A port whose address another port holds is left without one.
 * Inside the subnet create's transaction; returns the ids of the ports that got an address.
 */
export async function addAutoAddresses(
  unit: UnitOfWork,
  subnet: Subnet,
  now: Date,
): Promise<string[]> {
  const { cidr } = subnetAddressingOf(subnet);
  const portIds = await unit.ports.listIds({ networkId: subnet.networkId });
  const updated: string[] = [];
  for (const portId of portIds) {
    const found = await unit.ports.findWithBinding(portId);
    if (!found || ROUTER_INTERFACE_OWNERS_SNAT.includes(found.port.deviceOwner)) continue;
    const address = formatIpAddress(eui64Address(cidr, found.port.macAddress));
    if (await unit.ports.fixedIpInUse(subnet.networkId, subnet.id, address)) continue;
    await rewrite(
      unit,
      found.port,
      [...fixedIpsOf(found.port.fixedIps), { ip_address: address, subnet_id: subnet.id }],
      now,
    );
    updated.push(portId);
  }
  return updated;
}

/**
 * Before an autoconfigured IPv6 subnet is deleted: the addresses ports hold on it are taken
 * from them (written with each port; its revision moves), except router interfaces', which
 * keep the subnet in use. Inside the subnet delete's transaction; returns the ids of the ports
 * that lost an address.
 */
export async function releaseAutoAddresses(
  unit: UnitOfWork,
  subnet: Subnet,
  now: Date,
): Promise<string[]> {
  const updated: string[] = [];
  for (const portId of await unit.subnets.holderPortIds(subnet.id)) {
    const found = await unit.ports.findWithBinding(portId);
    if (!found || ROUTER_INTERFACE_OWNERS.includes(found.port.deviceOwner)) continue;
    const kept = fixedIpsOf(found.port.fixedIps).filter((ip) => ip.subnet_id !== subnet.id);
    await rewrite(unit, found.port, kept, now);
    updated.push(portId);
  }
  return updated;
}

async function rewrite(
  unit: UnitOfWork,
  port: Port,
  fixedIps: readonly FixedIpResource[],
  now: Date,
): Promise<void> {
  port.fixedIps = JSON.stringify(
    fixedIps.map((ip) => ({ ip_address: ip.ip_address, subnet_id: ip.subnet_id })),
  );
  port.updatedAt = now;
  await unit.ports.updatePort(port);
  await unit.ports.replaceFixedIps(port);
}

function fixedIpsOf(stored: string): FixedIpResource[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed as FixedIpResource[]) : [];
  } catch {
    return [];
  }
}
