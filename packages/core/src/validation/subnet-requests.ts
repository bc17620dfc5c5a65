import {
  type AllocationPool,
  AttributeLimits,
  type HostRoute,
  IPV6_MODES,
  type SubnetCreateRequest,
  type SubnetUpdateRequest,
} from '@ml2ts/driver-api';
import { ipAddressRule, ipCidrRule } from './address-rules';
import { listRule } from './collection-rules';
import {
  descriptionRule,
  mergeProjectId,
  nameRule,
  projectIdRule,
  tagsRule,
} from './common-attributes';
import { idRule } from './format-rules';
import { objectRule } from './object-rule';
import { invalidValue, type Rule } from './rule';
import { booleanRule, enumRule, nullable } from './scalar-rules';

/** `ip_version`: 4 or 6; the plugin checks it against the CIDR. */
const ipVersionRule = enumRule([4, 6]);

/** `ipv6_address_mode` and `ipv6_ra_mode`: one of the IPv6 modes, or null. */
const ipv6ModeRule = nullable(enumRule(IPV6_MODES));

/** `subnetpool_id`: ml2ts keeps no subnet pools, so only null is accepted. */
const subnetpoolIdRule: Rule<null> = {
  expected: 'null (ml2ts keeps no subnet pools: give a cidr)',
  check(value, path) {
    if (value !== null) throw invalidValue(path, this.expected, value);
    return null;
  },
};

/** `service_types`: ml2ts keeps none, so only the empty list is accepted. */
const serviceTypesRule: Rule<string[]> = {
  expected: 'an empty list (ml2ts keeps no subnet service types)',
  check(value, path) {
    if (!Array.isArray(value) || value.length > 0) throw invalidValue(path, this.expected, value);
    return [];
  },
};

const allocationPoolsRule = listRule(
  objectRule<AllocationPool>({
    resource: 'allocation pool',
    fields: { start: ipAddressRule, end: ipAddressRule },
    required: ['start', 'end'],
  }),
  AttributeLimits.MAX_LIST_ENTRIES,
);

const hostRoutesRule = listRule(
  objectRule<HostRoute>({
    resource: 'host route',
    fields: { destination: ipCidrRule, nexthop: ipAddressRule },
    required: ['destination', 'nexthop'],
  }),
  AttributeLimits.MAX_LIST_ENTRIES,
);

const dnsNameserversRule = listRule(ipAddressRule, AttributeLimits.MAX_LIST_ENTRIES, {
  unique: true,
});

/**
 * The argument of `createSubnet` (see `SubnetCreateRequest`): `network_id` and `cidr` are
 * required; addresses and CIDRs come back canonical; `tenant_id` is folded into `project_id`.
 * Rules between attributes (IP versions, pools, gateway, limits) are the plugin's.
 */
export const subnetCreateRule: Rule<SubnetCreateRequest> = objectRule<SubnetCreateRequest>({
  resource: 'subnet',
  fields: {
    network_id: idRule,
    cidr: ipCidrRule,
    ip_version: ipVersionRule,
    name: nameRule,
    enable_dhcp: booleanRule,
    segment_id: nullable(idRule),
    description: descriptionRule,
    project_id: projectIdRule,
    tenant_id: projectIdRule,
    gateway_ip: nullable(ipAddressRule),
    allocation_pools: allocationPoolsRule,
    dns_nameservers: dnsNameserversRule,
    host_routes: hostRoutesRule,
    ipv6_address_mode: ipv6ModeRule,
    ipv6_ra_mode: ipv6ModeRule,
    subnetpool_id: subnetpoolIdRule,
    service_types: serviceTypesRule,
    tags: tagsRule,
  },
  required: ['network_id', 'cidr'],
  readOnly: ['id'],
  refine: mergeProjectId,
});

/**
 * The request of `updateSubnet` (see `SubnetUpdateRequest`). The attributes fixed at create are
 * checked for type here and compared with the stored values by the plugin.
 */
export const subnetUpdateRule: Rule<SubnetUpdateRequest> = objectRule<SubnetUpdateRequest>({
  resource: 'subnet',
  fields: {
    enable_dhcp: booleanRule,
    cidr: ipCidrRule,
    network_id: idRule,
    ip_version: ipVersionRule,
    segment_id: nullable(idRule),
    name: nameRule,
    description: descriptionRule,
    gateway_ip: nullable(ipAddressRule),
    allocation_pools: allocationPoolsRule,
    dns_nameservers: dnsNameserversRule,
    host_routes: hostRoutesRule,
    ipv6_address_mode: ipv6ModeRule,
    ipv6_ra_mode: ipv6ModeRule,
    subnetpool_id: subnetpoolIdRule,
    service_types: serviceTypesRule,
  },
  notUpdatable: ['id', 'project_id', 'tenant_id', 'tags'],
});
