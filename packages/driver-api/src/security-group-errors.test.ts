import { Conflict, type Ml2Error, NotFound } from './errors';
import {
  InvalidCIDR,
  PortSecurityAndIPRequiredForSecurityGroups,
  PortSecurityPortHasSecurityGroup,
  SecurityGroupCannotRemoveDefault,
  SecurityGroupCannotUpdateDefault,
  SecurityGroupConflict,
  SecurityGroupDefaultAlreadyExists,
  SecurityGroupEthertypeConflictWithProtocol,
  SecurityGroupInputError,
  SecurityGroupInUse,
  SecurityGroupInvalidIcmpValue,
  SecurityGroupInvalidPortRange,
  SecurityGroupInvalidPortValue,
  SecurityGroupInvalidProtocolForPort,
  SecurityGroupMissingIcmpType,
  SecurityGroupMultipleRemoteEntites,
  SecurityGroupNotFound,
  SecurityGroupProtocolRequiredWithPorts,
  SecurityGroupRuleExists,
  SecurityGroupRuleInvalidEtherType,
  SecurityGroupRuleInvalidProtocol,
  SecurityGroupRuleNotFound,
  SecurityGroupRuleParameterConflict,
} from './security-group-errors';

type Family = abstract new (...args: never[]) => Ml2Error;

/** [the error, Neutron's type name, HTTP status, its family, text the message holds]. */
const cases: Array<[Ml2Error, string, number, Family, string]> = [
  [new SecurityGroupNotFound('sg-1'), 'SecurityGroupNotFound', 404, NotFound, 'sg-1 does not'],
  [new SecurityGroupRuleNotFound('r-1'), 'SecurityGroupRuleNotFound', 404, NotFound, 'r-1'],
  [new SecurityGroupInUse('sg-1'), 'SecurityGroupInUse', 409, Conflict, 'sg-1 in use.'],
  [
    new SecurityGroupCannotRemoveDefault(),
    'SecurityGroupCannotRemoveDefault',
    409,
    Conflict,
    'Insufficient rights',
  ],
  [
    new SecurityGroupCannotUpdateDefault(),
    'SecurityGroupCannotUpdateDefault',
    409,
    Conflict,
    'Updating default security group not allowed.',
  ],
  [
    new SecurityGroupDefaultAlreadyExists(),
    'SecurityGroupDefaultAlreadyExists',
    409,
    Conflict,
    'Default security group already exists.',
  ],
  [new SecurityGroupRuleExists('r-1'), 'SecurityGroupRuleExists', 409, Conflict, 'is r-1.'],
  [new SecurityGroupConflict('why'), 'SecurityGroupConflict', 409, Conflict, 'Error why while'],
  [
    new SecurityGroupRuleInvalidProtocol('x', ['tcp', 'udp']),
    'SecurityGroupRuleInvalidProtocol',
    400,
    SecurityGroupInputError,
    "protocol x not supported. Only protocol values [None, 'tcp', 'udp']",
  ],
  [
    new SecurityGroupRuleInvalidEtherType('IPv5'),
    'SecurityGroupRuleInvalidEtherType',
    400,
    SecurityGroupInputError,
    "ethertype 'IPv5'",
  ],
  [
    new SecurityGroupInvalidPortValue(70000),
    'SecurityGroupInvalidPortValue',
    400,
    SecurityGroupInputError,
    'port 70000',
  ],
  [
    new SecurityGroupInvalidPortRange(),
    'SecurityGroupInvalidPortRange',
    400,
    SecurityGroupInputError,
    'port_range_min must be <= port_range_max',
  ],
  [
    new SecurityGroupInvalidProtocolForPort('47', ['tcp', 'udp']),
    'SecurityGroupInvalidProtocolForPort',
    400,
    SecurityGroupInputError,
    'protocol 47. Ports are only supported for TCP, UDP.',
  ],
  [
    new SecurityGroupInvalidIcmpValue('type', 'port_range_min', 300),
    'SecurityGroupInvalidIcmpValue',
    400,
    SecurityGroupInputError,
    'ICMP type (port_range_min) 300',
  ],
  [
    new SecurityGroupMissingIcmpType(3),
    'SecurityGroupMissingIcmpType',
    400,
    SecurityGroupInputError,
    'ICMP code (port-range-max) 3',
  ],
  [
    new SecurityGroupEthertypeConflictWithProtocol('IPv4', 'icmpv6'),
    'SecurityGroupEthertypeConflictWithProtocol',
    400,
    SecurityGroupInputError,
    'ethertype IPv4 for protocol icmpv6',
  ],
  [
    new SecurityGroupMultipleRemoteEntites(),
    'SecurityGroupMultipleRemoteEntites',
    400,
    SecurityGroupInputError,
    'Only one of remote_ip_prefix',
  ],
  [
    new SecurityGroupProtocolRequiredWithPorts(),
    'SecurityGroupProtocolRequiredWithPorts',
    400,
    SecurityGroupInputError,
    'Must also specify protocol',
  ],
  [
    new SecurityGroupRuleParameterConflict('IPv4', '::/0'),
    'SecurityGroupRuleParameterConflict',
    400,
    SecurityGroupInputError,
    'ethertype IPv4 for CIDR ::/0',
  ],
  [new InvalidCIDR('10.0.0.0/33'), 'InvalidCIDR', 400, SecurityGroupInputError, '10.0.0.0/33'],
  [
    new PortSecurityAndIPRequiredForSecurityGroups(),
    'PortSecurityAndIPRequiredForSecurityGroups',
    400,
    SecurityGroupInputError,
    'Port security must be enabled',
  ],
  [
    new PortSecurityPortHasSecurityGroup(),
    'PortSecurityPortHasSecurityGroup',
    409,
    Conflict,
    'Port has security group associated.',
  ],
];

describe('security group errors', () => {
  it.each(cases)(
    '%s carries Neutron type, status and family',
    (error, type, status, family, text) => {
      expect(error).toBeInstanceOf(family);
      expect(error.toJSON()).toEqual({ type, http_status: status, message: error.message });
      expect(error.message).toContain(text);
    },
  );
});
