import {
  SecurityGroupEthertypeConflictWithProtocol,
  SecurityGroupInvalidIcmpValue,
  SecurityGroupInvalidPortRange,
  SecurityGroupInvalidPortValue,
  SecurityGroupInvalidProtocolForPort,
  SecurityGroupMissingIcmpType,
  SecurityGroupMultipleRemoteEntites,
  SecurityGroupProtocolRequiredWithPorts,
  type SecurityGroupRuleCreateRequest,
  SecurityGroupRuleParameterConflict,
} from '@ml2ts/driver-api';
import {
  isIpv6OnlyProtocol,
  PORT_PROTOCOL_NAMES,
  portRangeKind,
  protocolIdentity,
  protocolNumber,
} from '../support/ip-protocols';

/** What a rule matches, as stored: the attributes two rules are compared on. */
export interface RuleMatch {
  readonly direction: string;
  readonly ethertype: string;
  readonly protocol: string | null;
  readonly portRangeMin: number | null;
  readonly portRangeMax: number | null;
  readonly remoteIpPrefix: string | null;
  readonly remoteGroupId: string | null;
}

/**
 * A checked rule request (see `securityGroupRuleCreateRule`) made canonical and checked as a
 * whole, as Neutron checks it: on IPv6, ICMP (`icmp`, `icmpv6`, 1) becomes `ipv6-icmp` (58);
 * the range 1-65535 becomes no range; port ranges only for DCCP, SCTP, TCP, UDP and UDP-Lite
 * (both bounds, not 0, min ≤ max), ICMP types and codes 0-255 (a code needs a type); the
 * prefix of the rule's IP version; IPv6-only protocols only on IPv6; one remote at most. Pure;
 * throws the 400 Neutron answers (`SecurityGroupInvalidPortRange`, ...).
 */
export function checkedRuleMatch(request: SecurityGroupRuleCreateRequest): RuleMatch {
  const ethertype = request.ethertype ?? 'IPv4';
  let protocol = request.protocol === undefined ? null : String(request.protocol);
  if (ethertype === 'IPv6' && protocol !== null) {
    if (protocol === 'icmp' || protocol === 'icmpv6') protocol = 'ipv6-icmp';
    else if (protocol === '1') protocol = '58';
  }
  let portRangeMin = request.port_range_min ?? null;
  let portRangeMax = request.port_range_max ?? null;
  if (portRangeMin === 1 && portRangeMax === 65535) {
    portRangeMin = null;
    portRangeMax = null;
  }
  checkPortRange(protocol, portRangeMin, portRangeMax);
  const remoteIpPrefix = request.remote_ip_prefix ?? null;
  if (remoteIpPrefix !== null) {
    const version = remoteIpPrefix.includes(':') ? 'IPv6' : 'IPv4';
    if (version !== ethertype) {
      throw new SecurityGroupRuleParameterConflict(ethertype, remoteIpPrefix);
    }
  }
  if (ethertype === 'IPv4' && protocol !== null && isIpv6OnlyProtocol(protocol)) {
    throw new SecurityGroupEthertypeConflictWithProtocol(ethertype, protocol);
  }
  const remoteGroupId = request.remote_group_id ?? null;
  if (remoteIpPrefix !== null && remoteGroupId !== null) {
    throw new SecurityGroupMultipleRemoteEntites();
  }
  return {
    direction: request.direction,
    ethertype,
    protocol,
    portRangeMin,
    portRangeMax,
    remoteIpPrefix,
    remoteGroupId,
  };
}

/** The port range rules of `checkedRuleMatch`. */
function checkPortRange(protocol: string | null, min: number | null, max: number | null): void {
  if (min === null && max === null) return;
  if (protocol === null) throw new SecurityGroupProtocolRequiredWithPorts();
  switch (portRangeKind(protocol)) {
    case 'ports':
      if (min === 0 || max === 0) throw new SecurityGroupInvalidPortValue(0);
      if (min === null || max === null || min > max) throw new SecurityGroupInvalidPortRange();
      return;
    case 'icmp':
      if (min !== null && min > 255)
        throw new SecurityGroupInvalidIcmpValue('type', 'port_range_min', min);
      if (max !== null && max > 255)
        throw new SecurityGroupInvalidIcmpValue('code', 'port_range_max', max);
      if (min === null && max !== null) throw new SecurityGroupMissingIcmpType(max);
      return;
    case 'none':
      throw new SecurityGroupInvalidProtocolForPort(
        String(protocolNumber(protocol)),
        PORT_PROTOCOL_NAMES,
      );
  }
}

/**
 * What makes two rules of one group the same rule: direction, IP version, port range,
 * protocol (`tcp` and `6` alike), remote group and prefix (any address, `0.0.0.0/0` and `::/0`
 * alike). Pure.
 */
export function ruleIdentity(rule: RuleMatch): string {
  const anyAddress = ['0.0.0.0/0', '::/0'];
  const prefix =
    rule.remoteIpPrefix === null || anyAddress.includes(rule.remoteIpPrefix)
      ? '+'
      : rule.remoteIpPrefix;
  return JSON.stringify([
    rule.direction,
    rule.ethertype,
    rule.portRangeMax,
    rule.portRangeMin,
    rule.protocol === null ? null : protocolIdentity(rule.protocol),
    rule.remoteGroupId,
    prefix,
  ]);
}
