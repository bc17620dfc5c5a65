import {
  type AllocationPool,
  AttributeLimits,
  type HostRoute,
  type SubnetCreateRequest,
  type SubnetUpdateRequest,
} from '@ml2ts/driver-api';
import { listRule } from './collection-rules';
import {
  descriptionRule,
  mergeProjectId,
  nameRule,
  projectIdRule,
  tagsRule,
} from './common-attributes';
import { idRule, ipv4AddressRule, ipv4CidrRule } from './format-rules';
import { objectRule } from './object-rule';
import { type Rule } from './rule';
import { booleanRule, enumRule, nullable } from './scalar-rules';

/** `ip_version`: ml2ts keeps IPv4 subnets only. */
const ipVersionRule = enumRule([4]);

const allocationPoolsRule = listRule(
  objectRule<AllocationPool>({
    resource: 'allocation pool',
    fields: { start: ipv4AddressRule, end: ipv4AddressRule },
    required: ['start', 'end'],
  }),
  AttributeLimits.MAX_LIST_ENTRIES,
);

const hostRoutesRule = listRule(
  objectRule<HostRoute>({
    resource: 'host route',
    fields: { destination: ipv4CidrRule, nexthop: ipv4AddressRule },
    required: ['destination', 'nexthop'],
  }),
  AttributeLimits.MAX_LIST_ENTRIES,
);

const dnsNameserversRule = listRule(ipv4AddressRule, AttributeLimits.MAX_LIST_ENTRIES, {
  unique: true,
});

/**
 * The argument of `createSubnet` (see `SubnetCreateRequest`): `network_id` and a canonical IPv4
 * `cidr` are required; `tenant_id` is folded into `project_id`.
 */
export const subnetCreateRule: Rule<SubnetCreateRequest> = objectRule<SubnetCreateRequest>({
  resource: 'subnet',
  fields: {
    network_id: idRule,
    cidr: ipv4CidrRule,
    ip_version: ipVersionRule,
    name: nameRule,
    enable_dhcp: booleanRule,
    segment_id: nullable(idRule),
    description: descriptionRule,
    project_id: projectIdRule,
    tenant_id: projectIdRule,
    gateway_ip: nullable(ipv4AddressRule),
    allocation_pools: allocationPoolsRule,
    dns_nameservers: dnsNameserversRule,
    host_routes: hostRoutesRule,
    tags: tagsRule,
  },
  required: ['network_id', 'cidr'],
  readOnly: ['id'],
  refine: mergeProjectId,
});

/**
 * The request of `updateSubnet` (see `SubnetUpdateRequest`). The attributes fixed at create are
 * checked for type here and compared with the stored values by the plugin; `ip_version` may be
 * 4 or 6 here, so that 6 is refused as not updatable rather than as unsupported.
 */
export const subnetUpdateRule: Rule<SubnetUpdateRequest> = objectRule<SubnetUpdateRequest>({
  resource: 'subnet',
  fields: {
    enable_dhcp: booleanRule,
    cidr: ipv4CidrRule,
    network_id: idRule,
    ip_version: enumRule([4, 6]),
    segment_id: nullable(idRule),
    name: nameRule,
    description: descriptionRule,
    gateway_ip: nullable(ipv4AddressRule),
    allocation_pools: allocationPoolsRule,
    dns_nameservers: dnsNameserversRule,
    host_routes: hostRoutesRule,
  },
  notUpdatable: ['id', 'project_id', 'tenant_id', 'tags'],
});
