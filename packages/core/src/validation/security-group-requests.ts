import {
  AttributeLimits,
  InvalidCIDR,
  type SecurityGroupCreateRequest,
  type SecurityGroupDeleteOptions,
  SecurityGroupInvalidPortValue,
  type SecurityGroupListFilter,
  type SecurityGroupRuleCreateRequest,
  SecurityGroupRuleInvalidEtherType,
  SecurityGroupRuleInvalidProtocol,
  type SecurityGroupRuleListFilter,
  type SecurityGroupUpdateRequest,
} from '@ml2ts/driver-api';
import { formatIpAddress, parseIpAddress } from '../ipam/ip-address';
import { parseIpPrefix } from '../ipam/ip-cidr';
import { IP_PROTOCOL_NAMES } from '../support/ip-protocols';
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
import { booleanRule, enumRule, nullable, stringRule } from './scalar-rules';

/**
 * A rule's `protocol`: a protocol name in any case (returned lower case), a number from 0 to
 * 255 or its decimal text (returned as canonical decimal text), or null (any protocol).
 * Anything else is Neutron's 400 `SecurityGroupRuleInvalidProtocol`, not `InvalidInput`.
 */
export const protocolRule: Rule<string | null> = {
  expected: 'a protocol name such as tcp, a number from 0 to 255, or null',
  check(value) {
    if (value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255) {
      return String(value);
    }
    if (typeof value === 'string' && value.length <= 16) {
      if (/^\d+$/.test(value) && Number(value) <= 255) return String(Number(value));
      const name = value.toLowerCase();
      if (IP_PROTOCOL_NAMES.includes(name)) return name;
    }
    throw new SecurityGroupRuleInvalidProtocol(value, IP_PROTOCOL_NAMES);
  },
};

/**
 * A rule's `ethertype`: `IPv4` or `IPv6` in any case, returned as written here; anything else is
 * Neutron's 400 `SecurityGroupRuleInvalidEtherType`.
 */
export const ethertypeRule: Rule<'IPv4' | 'IPv6'> = {
  expected: 'IPv4 or IPv6',
  check(value) {
    if (typeof value === 'string') {
      const lower = value.toLowerCase();
      if (lower === 'ipv4') return 'IPv4';
      if (lower === 'ipv6') return 'IPv6';
    }
    throw new SecurityGroupRuleInvalidEtherType(value);
  },
};

/**
 * A bound of a rule's port range: an integer from 0 to 65535, or null. Anything else is
 * Neutron's 400 `SecurityGroupInvalidPortValue`.
 */
export const portValueRule: Rule<number | null> = {
  expected: 'a port number from 0 to 65535, or null',
  check(value) {
    if (value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535) {
      return value;
    }
    throw new SecurityGroupInvalidPortValue(value);
  },
};

/**
 * A rule's `remote_ip_prefix`: an IP address (IPv4 canonical, IPv6 any spelling) with or
 * without a prefix length, returned canonical with its prefix length (`10.0.0.5` is
 * `10.0.0.5/32`; host bits are kept); `''` and null are null. Anything else is Neutron's 400
 * `InvalidCIDR`.
 */
export const remoteIpPrefixRule: Rule<string | null> = {
  expected: 'an IP address or CIDR such as 10.0.0.0/24, or null',
  check(value) {
    if (value === null || value === '') return null;
    if (typeof value === 'string' && value.length <= AttributeLimits.ADDRESS_MAX_LENGTH) {
      if (value.includes('/')) {
        const prefix = parseIpPrefix(value);
        if (prefix) return `${formatIpAddress(prefix.address)}/${prefix.prefix}`;
      } else {
        const address = parseIpAddress(value);
        if (address) return `${formatIpAddress(address)}/${address.version === 4 ? 32 : 128}`;
      }
    }
    throw new InvalidCIDR(value);
  },
};

/** `remote_address_group_id`: ml2ts keeps no address groups, so only null is accepted. */
const remoteAddressGroupIdRule: Rule<null> = {
  expected: 'null (ml2ts keeps no address groups: give remote_ip_prefix or remote_group_id)',
  check(value, path) {
    if (value !== null) throw invalidValue(path, this.expected, value);
    return null;
  },
};

/** Attributes the server sets on a group: refused in a request (400). */
const GROUP_READ_ONLY = ['id', 'security_group_rules', 'shared'];

/**
 * The argument of `createSecurityGroup` (see `SecurityGroupCreateRequest`); `tenant_id` is
 * folded into `project_id`. The name `default` is refused by the operation (409), not here.
 */
export const securityGroupCreateRule: Rule<SecurityGroupCreateRequest> =
  objectRule<SecurityGroupCreateRequest>({
    resource: 'security group',
    fields: {
      name: nameRule,
      description: descriptionRule,
      project_id: projectIdRule,
      tenant_id: projectIdRule,
      stateful: booleanRule,
      tags: tagsRule,
    },
    readOnly: GROUP_READ_ONLY,
    refine: mergeProjectId,
  });

/** The request of `updateSecurityGroup` (see `SecurityGroupUpdateRequest`). */
export const securityGroupUpdateRule: Rule<SecurityGroupUpdateRequest> =
  objectRule<SecurityGroupUpdateRequest>({
    resource: 'security group',
    fields: { name: nameRule, description: descriptionRule, stateful: booleanRule },
    notUpdatable: ['project_id', 'tenant_id', 'tags'],
    readOnly: GROUP_READ_ONLY,
  });

/**
 * The argument of `createSecurityGroupRule` (see `SecurityGroupRuleCreateRequest`):
 * `security_group_id` and `direction` are required; protocol, ethertype, ports and prefix come
 * back in the forms the rules above give; `tenant_id` is folded into `project_id`. How the
 * attributes fit together is checked by the operation.
 */
export const securityGroupRuleCreateRule: Rule<SecurityGroupRuleCreateRequest> =
  objectRule<SecurityGroupRuleCreateRequest>({
    resource: 'security group rule',
    fields: {
      security_group_id: idRule,
      direction: enumRule(['ingress', 'egress'] as const),
      ethertype: ethertypeRule,
      protocol: protocolRule,
      port_range_min: portValueRule,
      port_range_max: portValueRule,
      remote_ip_prefix: remoteIpPrefixRule,
      remote_group_id: nullable(idRule),
      remote_address_group_id: remoteAddressGroupIdRule,
      description: descriptionRule,
      project_id: projectIdRule,
      tenant_id: projectIdRule,
    },
    required: ['security_group_id', 'direction'],
    readOnly: ['id', 'normalized_cidr'],
    refine: mergeProjectId,
  });

/** The filter of `listSecurityGroups`. */
export const securityGroupListFilterRule: Rule<SecurityGroupListFilter> =
  objectRule<SecurityGroupListFilter>({
    resource: 'security group filter',
    fields: { project_id: projectIdRule },
  });

/** The filter of `listSecurityGroupRules`. */
export const securityGroupRuleListFilterRule: Rule<SecurityGroupRuleListFilter> =
  objectRule<SecurityGroupRuleListFilter>({
    resource: 'security group rule filter',
    fields: {
      project_id: projectIdRule,
      security_group_id: stringRule(AttributeLimits.ID_MAX_LENGTH),
    },
  });

/** The options of `deleteSecurityGroup`. */
export const securityGroupDeleteOptionsRule: Rule<SecurityGroupDeleteOptions> =
  objectRule<SecurityGroupDeleteOptions>({
    resource: 'delete options',
    fields: { mayRemoveDefault: booleanRule },
  });
