import {
  type FirewallEthertype,
  type FirewallRule,
  type SecurityGroupDevice,
  type SecurityGroupInfo,
  type SecurityGroupMemberIp,
  type SecurityGroupRulesForDevices,
} from '@ml2ts/agent-rpc';
import { BindingStatus, type PortResource } from '@ml2ts/driver-api';
import { type PortBinding, type PortBindingLevel, type SecurityGroupRule } from '@ml2ts/store';
import { addressBits, parseIpAddress } from '../ipam/ip-address';
import { cidrOf, formatCidr, type IpCidr, parseCidr } from '../ipam/ip-cidr';
import { resolveDevice } from '../ml2/agent-rpc';
import { isTrustedPort } from '../ml2/port-security-groups';
import { parseAllowedAddressPairs, parseFixedIps, toPortResource } from '../ml2/view-mappers';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { withoutBinding } from './versioned-objects/port-object';

/**
 * The firewall side of the agent API: answers `security_group_rules_for_devices` and
 * `security_group_info_for_devices`, which agents whose firewall asks the server for its rules
 * call (Neutron's Linux bridge agent with the iptables firewall, its OVS agent with
 * `iptables_hybrid` when it keeps no resource cache). Devices are resolved from names as the
 * other agent calls resolve them (see `resolveDevice`); a name that matches no port, and a port
 * owned by the network (`network:*`, trusted: see `isTrustedPort`), is left out of the answer.
 * Each call runs one read unit of work of its own (never call it inside one: units do not
 * nest), with a bounded number of statements besides one or two per device name, and may block
 * on the database; it writes nothing. A throw is the database's typed error. Requests are
 * checked by the caller (`PluginAgentServer`).
 *
 * Build one per engine over the engine's repositories: cheap, keeps no state.
 */
export class SecurityGroupInfoReader {
  constructor(private readonly repositories: Repositories) {}

  /**
   * Each device's port with `security_group_rules`: the rules of the port's groups (groups by
   * id, each group's rules oldest first), with `security_group_id`; a rule naming a remote group
   * stands for one rule per address of that group's members of the rule's IP version, as a CIDR
   * in `source_ip_prefix` (ingress) or `dest_ip_prefix` (egress), the port's own fixed IPs left
   * out (no member left: no rule); then the added router advertisement and DHCP rules (see
   * `addedRules`). `security_group_source_groups` lists each remote group once. By port id, in
   * the order of `devices`.
   */
  async rulesForDevices(devices: readonly string[]): Promise<SecurityGroupRulesForDevices> {
    const snapshot = await this.repositories.read((unit) =>
      readFirewallSnapshot(unit, devices, { withStatefulness: false }),
    );
    return rulesForDevicesOf(snapshot);
  }

  /**
   * The devices with the added rules alone in `security_group_rules`, the rules of their groups
   * once per group with `stateful` (remote groups left as `remote_group_id`), and the member
   * addresses of the remote groups those rules name, per IP version of the rules naming each.
   */
  async infoForDevices(devices: readonly string[]): Promise<SecurityGroupInfo> {
    const snapshot = await this.repositories.read((unit) =>
      readFirewallSnapshot(unit, devices, { withStatefulness: true }),
    );
    return infoForDevicesOf(snapshot);
  }
}

/** One device the answer has: the name it was asked by and its port as the API shows it. */
interface DevicePort {
  readonly device: string;
  readonly port: PortResource;
}

/** Everything both answers are made of, read in one unit of work. */
interface FirewallSnapshot {
  /** The known untrusted devices, in the order they were asked for, each port once. */
  readonly devices: readonly DevicePort[];
  /** The rules of the devices' groups, by group, oldest first. */
  readonly rulesByGroup: ReadonlyMap<string, readonly SecurityGroupRule[]>;
  /** Whether each of the devices' groups is stateful (when read with it). */
  readonly stateful: ReadonlyMap<string, boolean>;
  /** The addresses of the members of each remote group the rules name, distinct and sorted. */
  readonly members: ReadonlyMap<string, readonly SecurityGroupMemberIp[]>;
}

const EMPTY_SNAPSHOT: FirewallSnapshot = {
  devices: [],
  rulesByGroup: new Map(),
  stateful: new Map(),
  members: new Map(),
};

/**
 * Reads what the answers need inside the caller's unit of work: resolves each name (a port is
 * answered under the first name that matched it), then the ports, their bindings, levels,
 * tags and groups, the groups' rules (and statefulness), and the remote groups' members, one
 * statement each whatever the number of ports.
 */
async function readFirewallSnapshot(
  unit: UnitOfWork,
  names: readonly string[],
  options: { readonly withStatefulness: boolean },
): Promise<FirewallSnapshot> {
  const nameOf = new Map<string, string>();
  for (const name of names) {
    const portId = await resolveDevice(unit.ports, name);
    if (portId !== null && !nameOf.has(portId)) nameOf.set(portId, name);
  }
  if (nameOf.size === 0) return EMPTY_SNAPSHOT;
  const rows = await unit.ports.findPorts({ ids: [...nameOf.keys()] });
  const untrusted = new Map(
    rows.filter((row) => !isTrustedPort(row.deviceOwner)).map((row) => [row.id, row]),
  );
  const portIds = [...nameOf.keys()].filter((id) => untrusted.has(id));
  if (portIds.length === 0) return EMPTY_SNAPSHOT;

  const active = new Map<string, PortBinding>();
  for (const binding of await unit.ports.bindingsOfPorts(portIds)) {
    if (binding.status === BindingStatus.ACTIVE) active.set(binding.portId, binding);
  }
  const levels = new Map<string, PortBindingLevel[]>();
  for (const level of await unit.ports.levelsOfPorts(portIds)) {
    levels.set(level.portId, [...(levels.get(level.portId) ?? []), level]);
  }
  const tags = await unit.tags.tagsOf('ports', portIds);
  const groupsOfPort = await unit.securityGroups.groupsOfPorts(portIds);
  const devices = portIds.map((portId): DevicePort => ({
    device: nameOf.get(portId)!,
    port: toPortResource(
      untrusted.get(portId)!,
      active.get(portId) ?? withoutBinding(portId),
      levels.get(portId) ?? [],
      tags.get(portId) ?? [],
      groupsOfPort.get(portId) ?? [],
    ),
  }));

  const groupIds = [...new Set([...groupsOfPort.values()].flat())].sort();
  if (groupIds.length === 0) return { ...EMPTY_SNAPSHOT, devices };
  const rulesByGroup = new Map<string, SecurityGroupRule[]>(groupIds.map((id) => [id, []]));
  for (const rule of await unit.securityGroups.rulesOf(groupIds)) {
    rulesByGroup.get(rule.securityGroupId)?.push(rule);
  }
  const stateful = new Map<string, boolean>();
  if (options.withStatefulness) {
    for (const group of await unit.securityGroups.findGroups(groupIds)) {
      stateful.set(group.id, group.stateful);
    }
  }
  const remoteGroupIds = [
    ...new Set(
      [...rulesByGroup.values()]
        .flat()
        .flatMap((rule) => (rule.remoteGroupId === null ? [] : [rule.remoteGroupId])),
    ),
  ];
  const members = await readMemberAddresses(unit, remoteGroupIds);
  return { devices, rulesByGroup, stateful, members };
}

/**
 * The addresses of the ports in each of `groupIds` (every port in the group, on any network):
 * each fixed IP as `[ip, null]` and each allowed address pair as `[ip or CIDR, mac]`, distinct,
 * sorted (see `compareMembers`). A port without fixed IPs gives nothing, its pairs included.
 * Three statements, none without groups.
 */
async function readMemberAddresses(
  unit: UnitOfWork,
  groupIds: readonly string[],
): Promise<Map<string, SecurityGroupMemberIp[]>> {
  const addresses = new Map<string, Map<string, SecurityGroupMemberIp>>(
    groupIds.map((id) => [id, new Map()]),
  );
  const portIds = groupIds.length > 0 ? await unit.securityGroups.portIdsInGroups(groupIds) : [];
  if (portIds.length > 0) {
    const groupsOfPort = await unit.securityGroups.groupsOfPorts(portIds);
    for (const port of await unit.ports.findPorts({ ids: portIds })) {
      const fixed = parseFixedIps(port).map((ip): SecurityGroupMemberIp => [ip.ip_address, null]);
      if (fixed.length === 0) continue;
      const pairs = parseAllowedAddressPairs(port.allowedAddressPairs).map(
        (pair): SecurityGroupMemberIp => [pair.ip_address, pair.mac_address],
      );
      for (const groupId of groupsOfPort.get(port.id) ?? []) {
        const found = addresses.get(groupId);
        if (!found) continue;
        for (const entry of [...fixed, ...pairs]) found.set(JSON.stringify(entry), entry);
      }
    }
  }
  return new Map(
    [...addresses].map(([groupId, found]) => [groupId, [...found.values()].sort(compareMembers)]),
  );
}

/**
 * Member addresses IPv4 first, by network address, then prefix length (an address before a
 * CIDR starting at it), then MAC address (none first); unreadable ones last, by text.
 */
function compareMembers(a: SecurityGroupMemberIp, b: SecurityGroupMemberIp): number {
  const first = memberCidr(a[0]);
  const second = memberCidr(b[0]);
  let order: number;
  if (first === null || second === null) {
    order = Number(first === null) - Number(second === null) || compareText(a[0], b[0]);
  } else {
    order =
      first.version - second.version ||
      (first.network < second.network ? -1 : first.network > second.network ? 1 : 0) ||
      second.prefix - first.prefix;
  }
  return order || compareText(a[1] ?? '', b[1] ?? '');
}

/** The answer to `security_group_rules_for_devices` from a snapshot. Pure. */
function rulesForDevicesOf(snapshot: FirewallSnapshot): SecurityGroupRulesForDevices {
  const answer: SecurityGroupRulesForDevices = {};
  for (const { device, port } of snapshot.devices) {
    const addresses = port.fixed_ips.map((ip) => ip.ip_address);
    const rules: FirewallRule[] = [];
    const sources = new Set<string>();
    for (const rule of rulesOfPort(snapshot, port)) {
      const shown = firewallRuleOf(rule, {
        security_group_id: rule.securityGroupId,
        ...directionOf(rule),
      });
      if (rule.remoteGroupId === null) {
        rules.push(shown);
        continue;
      }
      sources.add(rule.remoteGroupId);
      const seen = new Set<string>();
      for (const [ip] of snapshot.members.get(rule.remoteGroupId) ?? []) {
        if (addresses.includes(ip)) continue;
        const cidr = memberCidr(ip);
        if (cidr === null || ethertypeOf(cidr) !== rule.ethertype) continue;
        const prefix = formatCidr(cidr);
        if (seen.has(prefix)) continue;
        seen.add(prefix);
        rules.push({ ...shown, [prefixKey(rule.direction)]: prefix });
      }
    }
    rules.push(...addedRules(addresses));
    answer[port.id] = deviceOf(device, port, rules, [...sources]);
  }
  return answer;
}

/** The answer to `security_group_info_for_devices` from a snapshot. Pure. */
function infoForDevicesOf(snapshot: FirewallSnapshot): SecurityGroupInfo {
  const answer: SecurityGroupInfo = { devices: {}, security_groups: {}, sg_member_ips: {} };
  const seenRules = new Map<string, Set<string>>();
  for (const { device, port } of snapshot.devices) {
    const sources = new Set<string>();
    for (const groupId of port.security_groups) {
      answer.security_groups[groupId] ??= [];
      if (!seenRules.has(groupId)) seenRules.set(groupId, new Set());
    }
    for (const rule of rulesOfPort(snapshot, port)) {
      const groupId = rule.securityGroupId;
      const shown = firewallRuleOf(rule, {
        ...directionOf(rule),
        stateful: snapshot.stateful.get(groupId) ?? true,
      });
      const key = JSON.stringify(shown);
      if (!seenRules.get(groupId)!.has(key)) {
        seenRules.get(groupId)!.add(key);
        answer.security_groups[groupId].push(shown);
      }
      if (rule.remoteGroupId !== null) {
        sources.add(rule.remoteGroupId);
        const byVersion = (answer.sg_member_ips[rule.remoteGroupId] ??= {});
        byVersion[rule.ethertype as FirewallEthertype] ??= [];
      }
    }
    const addresses = port.fixed_ips.map((ip) => ip.ip_address);
    answer.devices[port.id] = deviceOf(device, port, addedRules(addresses), [...sources]);
  }
  for (const [groupId, byVersion] of Object.entries(answer.sg_member_ips)) {
    for (const member of snapshot.members.get(groupId) ?? []) {
      const cidr = memberCidr(member[0]);
      if (cidr !== null) byVersion[ethertypeOf(cidr)]?.push(member);
    }
  }
  return answer;
}

/** The rules of the port's groups, group by group (by id), each group's oldest first. */
function rulesOfPort(snapshot: FirewallSnapshot, port: PortResource): SecurityGroupRule[] {
  return port.security_groups.flatMap((groupId) => snapshot.rulesByGroup.get(groupId) ?? []);
}

/** A stored rule's `direction` and `ethertype`. Pure. */
function directionOf(rule: SecurityGroupRule): Pick<FirewallRule, 'direction' | 'ethertype'> {
  return {
    direction: rule.direction as FirewallRule['direction'],
    ethertype: rule.ethertype as FirewallEthertype,
  };
}

/**
 * A stored rule as both answers show it: `leading` (the answer's keys), then those of
 * `protocol`, the port range, the remote prefix (as stored, under the key of its direction)
 * and `remote_group_id` that are set. Pure.
 */
function firewallRuleOf(rule: SecurityGroupRule, leading: FirewallRule): FirewallRule {
  const shown: FirewallRule = { ...leading };
  if (rule.protocol !== null) shown.protocol = rule.protocol;
  if (rule.portRangeMin !== null) shown.port_range_min = rule.portRangeMin;
  if (rule.portRangeMax !== null) shown.port_range_max = rule.portRangeMax;
  if (rule.remoteIpPrefix !== null) shown[prefixKey(rule.direction)] = rule.remoteIpPrefix;
  if (rule.remoteGroupId !== null) shown.remote_group_id = rule.remoteGroupId;
  return shown;
}

/**
 * The rules every device gets whatever its groups, in this order: router advertisements in
 * (ICMPv6 type 134) when it has an IPv6 address; DHCP replies in (UDP from port 67 to 68) to
 * each of its IPv4 addresses and to 255.255.255.255; DHCPv6 replies in (UDP from 547 to 546)
 * to each of its IPv6 addresses and to `fe80::/64`. Pure.
 */
function addedRules(addresses: readonly string[]): FirewallRule[] {
  const byVersion = (version: 4 | 6) =>
    addresses.filter((address) => parseIpAddress(address)?.version === version);
  const v4 = byVersion(4);
  const v6 = byVersion(6);
  const rules: FirewallRule[] = [];
  if (v6.length > 0) {
    rules.push({
      direction: 'ingress',
      ethertype: 'IPv6',
      protocol: 'ipv6-icmp',
      source_port_range_min: ICMPV6_ROUTER_ADVERTISEMENT,
    });
  }
  for (const destination of [...v4.map((address) => `${address}/32`), '255.255.255.255/32']) {
    rules.push(dhcpRule('IPv4', 67, 68, destination));
  }
  for (const destination of [...v6.map((address) => `${address}/128`), 'fe80::/64']) {
    rules.push(dhcpRule('IPv6', 547, 546, destination));
  }
  return rules;
}

/** The ICMPv6 type of router advertisements. */
const ICMPV6_ROUTER_ADVERTISEMENT = 134;

function dhcpRule(
  ethertype: FirewallEthertype,
  serverPort: number,
  clientPort: number,
  destination: string,
): FirewallRule {
  return {
    direction: 'ingress',
    ethertype,
    protocol: 'udp',
    port_range_min: clientPort,
    port_range_max: clientPort,
    source_port_range_min: serverPort,
    source_port_range_max: serverPort,
    dest_ip_prefix: destination,
  };
}

/** The device entry of an answer: the port, its addresses alone, and the firewall's keys. */
function deviceOf(
  device: string,
  port: PortResource,
  rules: FirewallRule[],
  sourceGroups: string[],
): SecurityGroupDevice {
  const { fixed_ips: fixedIps, ...shown } = port;
  return {
    ...shown,
    device,
    fixed_ips: fixedIps.map((ip) => ip.ip_address),
    security_group_rules: rules,
    security_group_source_groups: sourceGroups,
    security_group_remote_address_groups: [],
  };
}

/** The key a remote prefix goes under: where traffic comes from in, or goes to out. */
function prefixKey(direction: string): 'source_ip_prefix' | 'dest_ip_prefix' {
  return direction === 'egress' ? 'dest_ip_prefix' : 'source_ip_prefix';
}

/** A member address (`10.0.0.5`) or pair CIDR (`10.0.0.7/24`) as a CIDR; null if unreadable. */
function memberCidr(text: string): IpCidr | null {
  if (text.includes('/')) return parseCidr(text);
  const address = parseIpAddress(text);
  return address === null ? null : cidrOf(address, addressBits(address.version));
}

function ethertypeOf(cidr: IpCidr): FirewallEthertype {
  return cidr.version === 4 ? 'IPv4' : 'IPv6';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
