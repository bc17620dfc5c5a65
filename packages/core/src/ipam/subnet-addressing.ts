import { type AllocationPool, type HostRoute, Ipv6Mode, IPV6_MODES } from '@ml2ts/driver-api';
import { type Subnet } from '@ml2ts/store';
import { type AddressRange, fromAllocationPool } from './address-range';
import { type IpAddress, parseIpAddress } from './ip-address';
import { type IpCidr, parseCidr } from './ip-cidr';

/** What address management reads of a stored subnet. */
export interface SubnetAddressing {
  readonly id: string;
  readonly networkId: string;
  readonly cidr: IpCidr;
  /** Null: no gateway. */
  readonly gateway: IpAddress | null;
  /** The allocation pools, in stored order. */
  readonly pools: readonly AddressRange[];
  /** An IPv6 subnet whose ports get their EUI-64 address (see `isAutoAddressSubnet`). */
  readonly autoAddress: boolean;
}

/**
 * A stored subnet's addressing, parsed. Throws `RangeError` for a row whose CIDR does not parse
 * (ml2ts never writes one); entries of its lists that do not parse are skipped. Pure.
 */
export function subnetAddressingOf(row: Subnet): SubnetAddressing {
  const cidr = parseCidr(row.cidr);
  if (cidr === null) throw new RangeError(`subnet ${row.id} has the unreadable CIDR ${row.cidr}`);
  const gateway = row.gatewayIp === null ? null : parseIpAddress(row.gatewayIp);
  return {
    id: row.id,
    networkId: row.networkId,
    cidr,
    gateway,
    pools: storedAllocationPools(row)
      .map(fromAllocationPool)
      .filter((range): range is AddressRange => range !== null && range.version === cidr.version),
    autoAddress: isAutoAddressSubnet(row),
  };
}

/**
 * True for an IPv6 subnet whose addresses are autoconfigured: `slaac` or `dhcpv6-stateless` as
 * its address mode, or as its router advertisement mode. Each port on such a subnet gets its
 * EUI-64 address, never one from the pools. Pure.
 */
export function isAutoAddressSubnet(
  row: Pick<Subnet, 'ipVersion' | 'ipv6AddressMode' | 'ipv6RaMode'>,
): boolean {
  const auto: readonly (string | null)[] = [Ipv6Mode.SLAAC, Ipv6Mode.DHCPV6_STATELESS];
  return (
    row.ipVersion === 6 && (auto.includes(row.ipv6AddressMode) || auto.includes(row.ipv6RaMode))
  );
}

/** The stored `allocation_pools` (`[]` for anything but a list of `{start, end}`). Pure. */
export function storedAllocationPools(row: Pick<Subnet, 'allocationPools'>): AllocationPool[] {
  return parseList(row.allocationPools).filter(
    (entry): entry is AllocationPool =>
      isRecord(entry) && typeof entry.start === 'string' && typeof entry.end === 'string',
  );
}

/** The stored `dns_nameservers` (`[]` for anything but a list of strings). Pure. */
export function storedDnsNameservers(row: Pick<Subnet, 'dnsNameservers'>): string[] {
  return parseList(row.dnsNameservers).filter(
    (entry): entry is string => typeof entry === 'string',
  );
}

/** The stored `host_routes` (`[]` for anything but a list of `{destination, nexthop}`). Pure. */
export function storedHostRoutes(row: Pick<Subnet, 'hostRoutes'>): HostRoute[] {
  return parseList(row.hostRoutes).filter(
    (entry): entry is HostRoute =>
      isRecord(entry) && typeof entry.destination === 'string' && typeof entry.nexthop === 'string',
  );
}

/** A stored IPv6 mode, or null for null and anything that is not one. Pure. */
export function storedIpv6Mode(value: string | null): Ipv6Mode | null {
  return (IPV6_MODES as readonly (string | null)[]).includes(value) ? (value as Ipv6Mode) : null;
}

function parseList(text: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
