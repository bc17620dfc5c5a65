import {
  DNSNameServersExhausted,
  type HostRoute,
  HostRoutesExhausted,
  InvalidAttribute,
  type Ipv6Mode,
  type SubnetCreateRequest,
  type SubnetUpdateRequest,
} from '@ml2ts/driver-api';
import { type Subnet } from '@ml2ts/store';
import { type AddressRange, toAllocationPool } from './address-range';
import { checkedAllocationPools, refuseGatewayInPools } from './checked-allocation-pools';
import { defaultAllocationPools, defaultGatewayIp } from './default-subnet-addressing';
import { formatIpAddress, type IpAddress, type IpVersion, parseIpAddress } from './ip-address';
import {
  cidrContains,
  cidrOf,
  formatCidr,
  type IpCidr,
  lastAddressValue,
  parseCidr,
  parseIpPrefix,
} from './ip-cidr';
import { isAutoAddressSubnet, subnetAddressingOf } from './subnet-addressing';

/** The configured bounds of a subnet's lists (`DEFAULT.max_dns_nameservers`, ...). */
export interface AddressingLimits {
  readonly maxDnsNameservers: number;
  readonly maxHostRoutes: number;
}

/** A subnet's addressing columns as they are stored: canonical text, lists as JSON. */
export type AddressingColumns = Pick<
  Subnet,
  | 'cidr'
  | 'ipVersion'
  | 'gatewayIp'
  | 'allocationPools'
  | 'dnsNameservers'
  | 'hostRoutes'
  | 'ipv6AddressMode'
  | 'ipv6RaMode'
>;

/** What a subnet update may change of the addressing. */
export type UpdatedAddressingColumns = Pick<
  Subnet,
  'gatewayIp' | 'allocationPools' | 'dnsNameservers' | 'hostRoutes'
>;

/**
 * The addressing of a subnet to create, checked and completed with the defaults: the CIDR
 * (prefix length 0 refused), `ip_version` (that of the CIDR when absent, else equal to it), the
 * gateway (absent: the first address after the network address; see `checkedGateway`), the
 * allocation pools (absent: `defaultAllocationPools`; given: `checkedAllocationPools`; either
 * way without the gateway, 409), DNS servers and host routes (`checkedDnsNameservers`,
 * `checkedHostRoutes`) and the IPv6 modes (`checkIpv6Modes`). The request passed the request
 * rules (valid, canonical addresses and CIDRs). Throws typed 400/409 errors naming the
 * attribute. Pure.
 */
export function checkedCreateAddressing(
  request: SubnetCreateRequest,
  limits: AddressingLimits,
): AddressingColumns {
  const cidr = parseCidr(request.cidr);
  if (cidr === null) throw new InvalidAttribute('cidr', `cidr ${request.cidr} is not a CIDR`);
  if (cidr.prefix === 0) {
    throw new InvalidAttribute(
      'cidr',
      `cidr ${request.cidr}: 0 is not allowed as CIDR prefix length; give a longer prefix`,
    );
  }
  if (request.ip_version !== undefined && request.ip_version !== cidr.version) {
    throw new InvalidAttribute(
      'ip_version',
      `ip_version ${request.ip_version} does not match cidr ${request.cidr}, an IPv${cidr.version} ` +
        `CIDR; give ip_version ${cidr.version} or leave it out`,
    );
  }
  const ipv6AddressMode = request.ipv6_address_mode ?? null;
  const ipv6RaMode = request.ipv6_ra_mode ?? null;
  checkIpv6Modes(cidr, ipv6AddressMode, ipv6RaMode, request.enable_dhcp ?? true);
  const gateway =
    request.gateway_ip === undefined
      ? defaultGatewayIp(cidr)
      : checkedGateway(request.gateway_ip, cidr);
  const dnsNameservers = checkedDnsNameservers(
    request.dns_nameservers ?? [],
    cidr.version,
    'new subnet',
    limits,
  );
  const hostRoutes = checkedHostRoutes(
    request.host_routes ?? [],
    cidr.version,
    'new subnet',
    limits,
  );
  const pools =
    request.allocation_pools === undefined
      ? defaultAllocationPools(cidr, gateway)
      : checkedAllocationPools(request.allocation_pools, cidr);
  refuseGatewayInPools(gateway, pools);
  return {
    cidr: formatCidr(cidr),
    ipVersion: cidr.version,
    gatewayIp: gateway === null ? null : formatIpAddress(gateway),
    allocationPools: poolsJson(pools),
    dnsNameservers: JSON.stringify(dnsNameservers),
    hostRoutes: JSON.stringify(hostRoutes),
    ipv6AddressMode,
    ipv6RaMode,
  };
}

/**
 * The addressing columns an update of `stored` changes (those it does not name keep their
 * stored value), checked with the create rules: a new gateway is checked against the new or
 * stored pools and new pools against the new or stored gateway (409 when the gateway would lie
 * in a pool); `enable_dhcp: false` is refused while the subnet has an IPv6 mode. Addresses
 * ports hold outside new pools stay theirs. Throws typed 400/409 errors naming the attribute.
 * Pure.
 */
export function checkedUpdateAddressing(
  stored: Subnet,
  request: SubnetUpdateRequest,
  limits: AddressingLimits,
): UpdatedAddressingColumns {
  const addressing = subnetAddressingOf(stored);
  const { cidr } = addressing;
  if (
    request.enable_dhcp === false &&
    (stored.ipv6AddressMode !== null || stored.ipv6RaMode !== null)
  ) {
    throw new InvalidAttribute(
      'enable_dhcp',
      `cannot disable enable_dhcp with ipv6 attributes set: subnet ${stored.id} has ` +
        `ipv6_address_mode ${String(stored.ipv6AddressMode)} and ipv6_ra_mode ${String(stored.ipv6RaMode)}`,
    );
  }
  const gateway =
    request.gateway_ip === undefined
      ? addressing.gateway
      : checkedGateway(request.gateway_ip, cidr);
  const pools =
    request.allocation_pools === undefined
      ? addressing.pools
      : checkedAllocationPools(request.allocation_pools, cidr);
  if (request.gateway_ip !== undefined || request.allocation_pools !== undefined) {
    refuseGatewayInPools(gateway, pools);
  }
  return {
    gatewayIp: gateway === null ? null : formatIpAddress(gateway),
    allocationPools:
      request.allocation_pools === undefined ? stored.allocationPools : poolsJson(pools),
    dnsNameservers:
      request.dns_nameservers === undefined
        ? stored.dnsNameservers
        : JSON.stringify(
            checkedDnsNameservers(request.dns_nameservers, cidr.version, stored.id, limits),
          ),
    hostRoutes:
      request.host_routes === undefined
        ? stored.hostRoutes
        : JSON.stringify(checkedHostRoutes(request.host_routes, cidr.version, stored.id, limits)),
  };
}

/**
 * A given gateway checked against the subnet: null stays null (no gateway); an address must be
 * of the CIDR's version, and inside an IPv4 CIDR it may be neither the network nor the
 * broadcast address (400). It may lie outside the CIDR (a gateway on the link, reached through
 * a host route). Pure.
 */
function checkedGateway(gatewayIp: string | null, cidr: IpCidr): IpAddress | null {
  if (gatewayIp === null) return null;
  const gateway = parseIpAddress(gatewayIp);
  if (gateway === null || gateway.version !== cidr.version) {
    throw new InvalidAttribute(
      'gateway_ip',
      `gateway_ip ${gatewayIp} does not match the ip_version ${cidr.version} of subnet ` +
        `${formatCidr(cidr)}; give an IPv${cidr.version} address, or null for no gateway`,
    );
  }
  if (
    cidr.version === 4 &&
    cidrContains(cidr, gateway) &&
    (gateway.value === cidr.network || gateway.value === lastAddressValue(cidr))
  ) {
    throw new InvalidAttribute(
      'gateway_ip',
      `Gateway is not valid on subnet ${formatCidr(cidr)}: ${gatewayIp} is its ` +
        `${gateway.value === cidr.network ? 'network' : 'broadcast'} address; give another ` +
        'address, or null for no gateway',
    );
  }
  return gateway;
}

/**
 * The IPv6 modes checked: none on an IPv4 subnet; equal when both are set; only with DHCP
 * enabled; an autoconfigured subnet (SLAAC, DHCPv6-stateless) needs a /64, as EUI-64 interface
 * ids are 64 bits. Throws 400 naming the attribute. Pure.
 */
function checkIpv6Modes(
  cidr: IpCidr,
  addressMode: Ipv6Mode | null,
  raMode: Ipv6Mode | null,
  enableDhcp: boolean,
): void {
  if (addressMode === null && raMode === null) return;
  if (cidr.version === 4) {
    const attribute = raMode !== null ? 'ipv6_ra_mode' : 'ipv6_address_mode';
    throw new InvalidAttribute(attribute, `${attribute} is not valid when ip_version is 4`);
  }
  if (!enableDhcp) {
    throw new InvalidAttribute(
      'enable_dhcp',
      'ipv6_ra_mode or ipv6_address_mode cannot be set when enable_dhcp is set to False',
    );
  }
  if (addressMode !== null && raMode !== null && addressMode !== raMode) {
    throw new InvalidAttribute(
      'ipv6_address_mode',
      `ipv6_ra_mode set to '${raMode}' with ipv6_address_mode set to '${addressMode}' is not ` +
        'valid. If both attributes are set, they must be the same value',
    );
  }
  const auto = isAutoAddressSubnet({
    ipVersion: 6,
    ipv6AddressMode: addressMode,
    ipv6RaMode: raMode,
  });
  if (auto && cidr.prefix !== 64) {
    throw new InvalidAttribute(
      'cidr',
      `Invalid CIDR ${formatCidr(cidr)} for IPv6 address mode: autoconfigured addresses use the ` +
        'EUI-64 format, which requires the prefix to be /64',
    );
  }
}

/**
 * DNS servers checked: at most `limits.maxDnsNameservers` (400 `DNSNameServersExhausted`
 * naming `subnet`), each of the subnet's IP version. Distinctness was checked by the request
 * rule. Pure.
 */
function checkedDnsNameservers(
  servers: readonly string[],
  version: IpVersion,
  subnet: string,
  limits: AddressingLimits,
): string[] {
  if (servers.length > limits.maxDnsNameservers) {
    throw new DNSNameServersExhausted(subnet, limits.maxDnsNameservers);
  }
  return servers.map((server, index) => {
    const address = parseIpAddress(server);
    if (address === null || address.version !== version) {
      throw new InvalidAttribute(
        `dns_nameservers[${index}]`,
        `dns_nameservers[${index}] ${server} does not match the ip_version ${version}`,
      );
    }
    return formatIpAddress(address);
  });
}

/**
 * Host routes checked: at most `limits.maxHostRoutes` (400 `HostRoutesExhausted` naming
 * `subnet`), destination and next hop of the subnet's IP version, no route twice. Pure.
 */
function checkedHostRoutes(
  routes: readonly HostRoute[],
  version: IpVersion,
  subnet: string,
  limits: AddressingLimits,
): HostRoute[] {
  if (routes.length > limits.maxHostRoutes) {
    throw new HostRoutesExhausted(subnet, limits.maxHostRoutes);
  }
  const seen = new Set<string>();
  return routes.map((route, index) => {
    const destination = parseIpPrefix(route.destination);
    const nexthop = parseIpAddress(route.nexthop);
    if (destination === null || destination.address.version !== version) {
      throw new InvalidAttribute(
        `host_routes[${index}].destination`,
        `host_routes[${index}].destination ${route.destination} does not match the ip_version ${version}`,
      );
    }
    if (nexthop === null || nexthop.version !== version) {
      throw new InvalidAttribute(
        `host_routes[${index}].nexthop`,
        `host_routes[${index}].nexthop ${route.nexthop} does not match the ip_version ${version}`,
      );
    }
    const canonical: HostRoute = {
      destination: formatCidr(cidrOf(destination.address, destination.prefix)),
      nexthop: formatIpAddress(nexthop),
    };
    const key = `${canonical.destination} ${canonical.nexthop}`;
    if (seen.has(key)) {
      throw new InvalidAttribute(
        `host_routes[${index}]`,
        `host_routes[${index}] repeats the route to ${canonical.destination} via ` +
          `${canonical.nexthop}; give each route once`,
      );
    }
    seen.add(key);
    return canonical;
  });
}

function poolsJson(pools: readonly AddressRange[]): string {
  return JSON.stringify(pools.map(toAllocationPool));
}
