import {
  type AllowedAddressPair,
  AttributeLimits,
  type FixedIpRequest,
  Limits,
  type PortCreateRequest,
  type PortListFilter,
  PortStatus,
  type PortUpdateRequest,
  VNIC_TYPES,
} from '@ml2ts/driver-api';
import { ipAddressRule } from './address-rules';
import { jsonObjectRule, listRule } from './collection-rules';
import {
  descriptionRule,
  dnsNameRule,
  idListRule,
  mergeProjectId,
  nameRule,
  projectIdRule,
  qosPolicyIdRule,
  tagsRule,
} from './common-attributes';
import { idRule, ipv4AddressOrCidrRule, macAddressRule, uuidRule } from './format-rules';
import { objectRule } from './object-rule';
import { type Rule } from './rule';
import { booleanRule, enumRule, nullable, stringRule } from './scalar-rules';

/**
 * One entry of `fixed_ips`: a subnet id, an IP address (returned canonical), or both. That at
 * least one is given, and what they name, is checked by the plugin's address management.
 */
const fixedIpRule = objectRule<FixedIpRequest>({
  resource: 'fixed IP',
  fields: { subnet_id: idRule, ip_address: ipAddressRule },
});

/** `fixed_ips`: the port's addresses. */
export const fixedIpsRule: Rule<FixedIpRequest[]> = listRule(
  fixedIpRule,
  AttributeLimits.MAX_FIXED_IPS,
);

const allowedAddressPairsRule = listRule(
  objectRule<AllowedAddressPair>({
    resource: 'allowed address pair',
    fields: { ip_address: ipv4AddressOrCidrRule, mac_address: macAddressRule },
    required: ['ip_address'],
  }),
  AttributeLimits.MAX_LIST_ENTRIES,
);

/** The binding attributes, on create and on update. */
const bindingFields = {
  'binding:host_id': nullable(stringRule(AttributeLimits.HOST_MAX_LENGTH)),
  'binding:vnic_type': nullable(enumRule(VNIC_TYPES)),
  'binding:profile': nullable(
    jsonObjectRule({
      maxSerializedLength: Limits.MAX_PROFILE_LENGTH,
      tooLargeLabel: 'binding:profile',
    }),
  ),
};

/** The attributes a port create and a port update share. */
const portFields = {
  name: nameRule,
  mac_address: macAddressRule,
  fixed_ips: fixedIpsRule,
  device_id: stringRule(AttributeLimits.DEVICE_ID_MAX_LENGTH),
  device_owner: stringRule(AttributeLimits.DEVICE_OWNER_MAX_LENGTH),
  admin_state_up: booleanRule,
  dns_name: dnsNameRule,
  ...bindingFields,
  description: descriptionRule,
  security_groups: idListRule,
  port_security_enabled: booleanRule,
  qos_policy_id: qosPolicyIdRule,
  allowed_address_pairs: allowedAddressPairsRule,
  dns_domain: dnsNameRule,
};

/** Attributes only binding sets. */
const BINDING_RESULTS = ['binding:vif_type', 'binding:vif_details'];

/**
 * The argument of `createPort` (see `PortCreateRequest`): `network_id` is required, `id` must be
 * a UUID, `mac_address` comes back normalized, `tenant_id` is folded into `project_id`.
 */
export const portCreateRule: Rule<PortCreateRequest> = objectRule<PortCreateRequest>({
  resource: 'port',
  fields: {
    ...portFields,
    network_id: idRule,
    id: uuidRule,
    project_id: projectIdRule,
    tenant_id: projectIdRule,
    status: enumRule(Object.values(PortStatus)),
    tags: tagsRule,
  },
  required: ['network_id'],
  readOnly: BINDING_RESULTS,
  refine: mergeProjectId,
});

/**
 * The request of `updatePort` (see `PortUpdateRequest`): `network_id` is checked for type here
 * and compared with the stored one by the plugin; `mac_address` comes back normalized.
 */
export const portUpdateRule: Rule<PortUpdateRequest> = objectRule<PortUpdateRequest>({
  resource: 'port',
  fields: { ...portFields, network_id: idRule },
  notUpdatable: ['id', 'project_id', 'tenant_id', 'status', 'tags'],
  readOnly: BINDING_RESULTS,
});

/** The filter of `listPorts`: known keys only, string values. */
export const portListFilterRule: Rule<PortListFilter> = objectRule<PortListFilter>({
  resource: 'port filter',
  fields: {
    network_id: stringRule(AttributeLimits.ID_MAX_LENGTH),
    device_id: stringRule(AttributeLimits.DEVICE_ID_MAX_LENGTH),
    'binding:host_id': stringRule(AttributeLimits.HOST_MAX_LENGTH),
  },
});
