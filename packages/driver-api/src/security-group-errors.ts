import { Conflict, Ml2Error, NotFound } from './errors';

/**
 * Errors of security groups, their rules and ports' membership, with Neutron's type names,
 * HTTP statuses and messages (plus what to do about them). Every one is thrown before anything
 * is written, or rolls back what its operation wrote.
 */

/** 400 with a type name of its own: a security group or rule request Neutron refuses. */
export class SecurityGroupInputError extends Ml2Error {
  constructor(type: string, message: string) {
    super(type, 400, message);
  }
}

/** 404: no security group has this id (or the caller may not see it). */
export class SecurityGroupNotFound extends NotFound {
  /** `ids` is one id, or several joined with `, ` (a port naming several unknown groups). */
  constructor(ids: string) {
    super('SecurityGroupNotFound', `Security group ${ids} does not exist`);
  }
}

/** 404: no security group rule has this id. */
export class SecurityGroupRuleNotFound extends NotFound {
  constructor(ruleId: string) {
    super('SecurityGroupRuleNotFound', `Security group rule ${ruleId} does not exist`);
  }
}

/**
 * 409: the group cannot be deleted, or its `stateful` changed, while ports are in it; `reason`
 * defaults to Neutron's `in use`.
 */
export class SecurityGroupInUse extends Conflict {
  constructor(groupId: string, reason = 'in use') {
    super(
      'SecurityGroupInUse',
      `Security Group ${groupId} ${reason}. Remove it from its ports' security_groups first.`,
    );
  }
}

/** 409: only an admin may delete a project's default security group. */
export class SecurityGroupCannotRemoveDefault extends Conflict {
  constructor() {
    super(
      'SecurityGroupCannotRemoveDefault',
      'Insufficient rights for removing default security group. Ask an admin to delete it.',
    );
  }
}

/** 409: the default security group's name cannot change. */
export class SecurityGroupCannotUpdateDefault extends Conflict {
  constructor() {
    super(
      'SecurityGroupCannotUpdateDefault',
      'Updating default security group not allowed. Leave name out of the update.',
    );
  }
}

/** 409: `default` (in any case) is the name of each project's automatic group. */
export class SecurityGroupDefaultAlreadyExists extends Conflict {
  constructor() {
    super(
      'SecurityGroupDefaultAlreadyExists',
      'Default security group already exists. Choose a name other than "default".',
    );
  }
}

/** 409: the group already has a rule matching the same traffic. */
export class SecurityGroupRuleExists extends Conflict {
  constructor(ruleId: string) {
    super('SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${ruleId}.`);
  }
}

/** 409: a port cannot be in stateful and stateless groups at once. */
export class SecurityGroupConflict extends Conflict {
  constructor(reason: string) {
    super('SecurityGroupConflict', `Error ${reason} while attempting the operation.`);
  }
}

/** 400: `protocol` is neither a known protocol name nor a number from 0 to 255. */
export class SecurityGroupRuleInvalidProtocol extends SecurityGroupInputError {
  constructor(protocol: unknown, names: readonly string[]) {
    super(
      'SecurityGroupRuleInvalidProtocol',
      `Security group rule protocol ${String(protocol)} not supported. Only protocol values ` +
        `[None, ${names.map((name) => `'${name}'`).join(', ')}] and integer representations ` +
        '[0 to 255] are supported.',
    );
  }
}

/** 400: `ethertype` is neither `IPv4` nor `IPv6`. */
export class SecurityGroupRuleInvalidEtherType extends SecurityGroupInputError {
  constructor(ethertype: unknown) {
    super(
      'SecurityGroupRuleInvalidEtherType',
      `Security group rule for ethertype '${String(ethertype)}' not supported. Allowed values ` +
        "are ['IPv4', 'IPv6'].",
    );
  }
}

/** 400: a port range bound is not a port number (0 to 65535; 0 not for port protocols). */
export class SecurityGroupInvalidPortValue extends SecurityGroupInputError {
  constructor(port: unknown) {
    super('SecurityGroupInvalidPortValue', `Invalid value for port ${String(port)}`);
  }
}

/** 400: a port protocol's range is missing a bound or ends before it starts. */
export class SecurityGroupInvalidPortRange extends SecurityGroupInputError {
  constructor() {
    super(
      'SecurityGroupInvalidPortRange',
      'For TCP/UDP protocols, port_range_min must be <= port_range_max; give both bounds ' +
        '(equal for a single port).',
    );
  }
}

/** 400: a port range on a protocol without ports. */
export class SecurityGroupInvalidProtocolForPort extends SecurityGroupInputError {
  constructor(protocol: string, portProtocols: readonly string[]) {
    super(
      'SecurityGroupInvalidProtocolForPort',
      `Ports cannot be specified for protocol ${protocol}. Ports are only supported for ` +
        `${portProtocols.map((name) => name.toUpperCase()).join(', ')}.`,
    );
  }
}

/** 400: an ICMP type or code outside 0..255. */
export class SecurityGroupInvalidIcmpValue extends SecurityGroupInputError {
  constructor(field: 'type' | 'code', attribute: string, value: number) {
    super(
      'SecurityGroupInvalidIcmpValue',
      `Invalid value for ICMP ${field} (${attribute}) ${value}. It must be 0 to 255.`,
    );
  }
}

/** 400: an ICMP code without an ICMP type. */
export class SecurityGroupMissingIcmpType extends SecurityGroupInputError {
  constructor(code: number) {
    super(
      'SecurityGroupMissingIcmpType',
      `ICMP code (port-range-max) ${code} is provided but ICMP type (port-range-min) is ` +
        'missing.',
    );
  }
}

/** 400: an IPv6-only protocol on an IPv4 rule. */
export class SecurityGroupEthertypeConflictWithProtocol extends SecurityGroupInputError {
  constructor(ethertype: string, protocol: string) {
    super(
      'SecurityGroupEthertypeConflictWithProtocol',
      `Invalid ethertype ${ethertype} for protocol ${protocol}. Use ethertype IPv6.`,
    );
  }
}

/** 400: a rule names more than one remote (address prefix, group). */
export class SecurityGroupMultipleRemoteEntites extends SecurityGroupInputError {
  constructor() {
    super(
      'SecurityGroupMultipleRemoteEntites',
      'Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be ' +
        'provided.',
    );
  }
}

/** 400: a port range without a protocol. */
export class SecurityGroupProtocolRequiredWithPorts extends SecurityGroupInputError {
  constructor() {
    super(
      'SecurityGroupProtocolRequiredWithPorts',
      'Must also specify protocol if port range is given.',
    );
  }
}

/** 400: `remote_ip_prefix` is of the other IP version than `ethertype`. */
export class SecurityGroupRuleParameterConflict extends SecurityGroupInputError {
  constructor(ethertype: string, cidr: string) {
    super(
      'SecurityGroupRuleParameterConflict',
      `Conflicting value ethertype ${ethertype} for CIDR ${cidr}`,
    );
  }
}

/** 400: `remote_ip_prefix` is not an IP address or CIDR. */
export class InvalidCIDR extends SecurityGroupInputError {
  constructor(input: unknown) {
    super('InvalidCIDR', `Invalid CIDR ${String(input)} given as IP prefix.`);
  }
}

/** 400: a port created with `port_security_enabled: false` cannot be in security groups. */
export class PortSecurityAndIPRequiredForSecurityGroups extends SecurityGroupInputError {
  constructor() {
    super(
      'PortSecurityAndIPRequiredForSecurityGroups',
      'Port security must be enabled and port must have an IP address in order to use ' +
        'security groups.',
    );
  }
}

/** 409: port security cannot be disabled on a port that is in security groups. */
export class PortSecurityPortHasSecurityGroup extends Conflict {
  constructor() {
    super(
      'PortSecurityPortHasSecurityGroup',
      'Port has security group associated. Cannot disable port security or IP address until ' +
        'security group is removed.',
    );
  }
}
