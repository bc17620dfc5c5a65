import {
  AttributeLimits,
  type NetworkCreateRequest,
  type NetworkUpdateRequest,
} from '@ml2ts/driver-api';
import { listRule } from './collection-rules';
import {
  descriptionRule,
  dnsNameRule,
  mergeProjectId,
  nameRule,
  projectIdRule,
  qosPolicyIdRule,
  tagsRule,
} from './common-attributes';
import { objectRule } from './object-rule';
import { type Rule } from './rule';
import { booleanRule, integerRule, nullable, stringRule } from './scalar-rules';

type SegmentRequest = NonNullable<NetworkCreateRequest['segments']>[number];

/** The provider attributes, on a network or on one entry of `segments`. */
const providerFields = {
  'provider:network_type': nullable(stringRule(AttributeLimits.NETWORK_TYPE_MAX_LENGTH)),
  'provider:physical_network': nullable(stringRule(AttributeLimits.PHYSICAL_NETWORK_MAX_LENGTH)),
  'provider:segmentation_id': nullable(integerRule(0, AttributeLimits.SEGMENTATION_ID_MAX)),
};

/** One entry of `segments`: the provider attributes and nothing else. */
export const segmentRequestRule: Rule<SegmentRequest> = objectRule<SegmentRequest>({
  resource: 'segment',
  fields: providerFields,
});

/** `segments`: a list of segment requests, or null for none. */
const segmentsRule = nullable(listRule(segmentRequestRule, AttributeLimits.MAX_SEGMENTS));

/** `mtu`: an integer or null; the plugin checks it against what the segments allow. */
const mtuRule = nullable(integerRule(0, 2 ** 31 - 1));

/** `availability_zone_hints`: distinct availability zone names. */
const availabilityZoneHintsRule = listRule(
  stringRule(AttributeLimits.TAG_MAX_LENGTH, { nonEmpty: true }),
  AttributeLimits.MAX_LIST_ENTRIES,
  { unique: true },
);

/**
 * The argument of `createNetwork`: Neutron's network attributes (see `NetworkCreateRequest`);
 * `tenant_id` is folded into `project_id`.
 */
export const networkCreateRule: Rule<NetworkCreateRequest> = objectRule<NetworkCreateRequest>({
  resource: 'network',
  fields: {
    name: nameRule,
    project_id: projectIdRule,
    tenant_id: projectIdRule,
    admin_state_up: booleanRule,
    mtu: mtuRule,
    'router:external': booleanRule,
    vlan_transparent: booleanRule,
    ...providerFields,
    segments: segmentsRule,
    description: descriptionRule,
    shared: booleanRule,
    port_security_enabled: booleanRule,
    availability_zone_hints: availabilityZoneHintsRule,
    dns_domain: dnsNameRule,
    qos_policy_id: qosPolicyIdRule,
    tags: tagsRule,
  },
  readOnly: ['id', 'status', 'subnets'],
  refine: mergeProjectId,
});

/**
 * The request of `updateNetwork` (see `NetworkUpdateRequest`). The attributes fixed at create
 * are checked for type here and compared with the stored values by the plugin.
 */
export const networkUpdateRule: Rule<NetworkUpdateRequest> = objectRule<NetworkUpdateRequest>({
  resource: 'network',
  fields: {
    name: nameRule,
    admin_state_up: booleanRule,
    mtu: mtuRule,
    'router:external': booleanRule,
    vlan_transparent: booleanRule,
    ...providerFields,
    segments: segmentsRule,
    description: descriptionRule,
    shared: booleanRule,
    port_security_enabled: booleanRule,
    dns_domain: dnsNameRule,
    qos_policy_id: qosPolicyIdRule,
  },
  notUpdatable: ['id', 'project_id', 'tenant_id', 'availability_zone_hints', 'tags'],
  readOnly: ['status', 'subnets'],
});
