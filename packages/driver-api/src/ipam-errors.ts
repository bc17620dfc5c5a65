import { BadRequest, Conflict } from './errors';

/**
 * Errors of subnet addressing and IP address management, with Neutron's type names and HTTP
 * statuses. Every one is thrown before anything is written.
 */

/** One `allocation_pools` entry as a message shows it. */
function poolText(pool: { start: string; end: string }): string {
  return `${pool.start}-${pool.end}`;
}

/**
 * 400: an allocation pool is malformed: its start lies after its end, or its addresses are not
 * of the subnet's IP version.
 */
export class InvalidAllocationPool extends BadRequest {
  constructor(pool: { start: string; end: string }, reason: string) {
    super(
      'subnet',
      `the allocation pool ${poolText(pool)} is not valid: ${reason}`,
      'InvalidAllocationPool',
    );
  }
}

/** 400: an allocation pool reaches outside the subnet's usable addresses. */
export class OutOfBoundsAllocationPool extends BadRequest {
  constructor(pool: { start: string; end: string }, cidr: string, usable: string) {
    super(
      'subnet',
      `the allocation pool ${poolText(pool)} spans beyond the subnet cidr ${cidr}; pools must ` +
        `lie within ${usable}`,
      'OutOfBoundsAllocationPool',
    );
  }
}

/** 409: two allocation pools of one subnet share addresses. */
export class OverlappingAllocationPools extends Conflict {
  constructor(
    first: { start: string; end: string },
    second: { start: string; end: string },
    cidr: string,
  ) {
    super(
      'OverlappingAllocationPools',
      `Found overlapping allocation pools: ${poolText(first)} ${poolText(second)} for subnet ` +
        `${cidr}; give pools that do not share addresses.`,
    );
  }
}

/** 409: the gateway address lies inside an allocation pool. */
export class GatewayConflictWithAllocationPools extends Conflict {
  constructor(gatewayIp: string, pool: { start: string; end: string }) {
    super(
      'GatewayConflictWithAllocationPools',
      `Gateway ip ${gatewayIp} conflicts with allocation pool ${poolText(pool)}; leave the ` +
        'gateway out of the pools, or pick another gateway_ip.',
    );
  }
}

/** 400: a subnet would have more DNS name servers than `DEFAULT.max_dns_nameservers` allows. */
export class DNSNameServersExhausted extends BadRequest {
  constructor(subnet: string, limit: number) {
    super(
      'subnet',
      `unable to complete operation for ${subnet}: the number of DNS nameservers exceeds the ` +
        `limit ${limit}`,
      'DNSNameServersExhausted',
    );
  }
}

/** 400: a subnet would have more host routes than `DEFAULT.max_subnet_host_routes` allows. */
export class HostRoutesExhausted extends BadRequest {
  constructor(subnet: string, limit: number) {
    super(
      'subnet',
      `unable to complete operation for ${subnet}: the number of host routes exceeds the ` +
        `limit ${limit}`,
      'HostRoutesExhausted',
    );
  }
}

/** 400: a fixed IP gives an address but no subnet, and no subnet of the network holds it. */
export class InvalidIpForNetwork extends BadRequest {
  constructor(ipAddress: string, networkId: string) {
    super(
      'port',
      `IP address ${ipAddress} is not a valid IP for any of the subnets on network ` +
        `${networkId}; give an address of one of its subnets`,
      'InvalidIpForNetwork',
    );
  }
}

/**
 * 400: a fixed IP names an address on an IPv6 subnet whose addresses are autoconfigured (SLAAC
 * or DHCPv6-stateless): the port's address there is derived from its MAC address.
 */
export class AllocationOnAutoAddressSubnet extends BadRequest {
  constructor(ipAddress: string, subnetId: string) {
    super(
      'port',
      `IPv6 address ${ipAddress} cannot be directly assigned to a port on subnet ${subnetId} ` +
        'as the subnet is configured for automatic addresses; give only its subnet_id',
      'AllocationOnAutoAddressSubnet',
    );
  }
}

/**
 * 409: no free address is left where a port asked for one: in the allocation pools of the
 * subnet it named, or of every subnet of the network that could give one.
 */
export class IpAddressGenerationFailure extends Conflict {
  /** `subnetId` null: no subnet of the network had a free address. */
  constructor(networkId: string, subnetId: string | null = null) {
    super(
      'IpAddressGenerationFailure',
      (subnetId === null
        ? `No more IP addresses available on network ${networkId}.`
        : `No more IP addresses available for subnet ${subnetId} of network ${networkId}.`) +
        ' Delete ports that no longer need their addresses, or widen the allocation pools.',
    );
  }
}
