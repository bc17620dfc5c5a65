import { type PortResource } from '@ml2ts/driver-api';

/**
 * `security_group_rules_for_devices` and `security_group_info_for_devices`: the devices whose
 * firewall an agent builds, by the names it knows them by (a port id or a prefix of one,
 * `tap<id prefix>`, a MAC address).
 */
export interface SecurityGroupDevicesRequest {
  devices: readonly string[];
}

/** The IP version of a firewall rule or of a group's member addresses. */
export type FirewallEthertype = 'IPv4' | 'IPv6';

/**
 * One rule of a device's firewall, as the agents' iptables firewall reads it. A security group
 * rule carries `direction`, `ethertype` and those of `protocol`, `port_range_min`,
 * `port_range_max` and `remote_group_id` it has; its `remote_ip_prefix` becomes
 * `source_ip_prefix` on an ingress rule and `dest_ip_prefix` on an egress one. The rules the
 * server adds to every device for DHCP and router advertisements carry no group and name the
 * peer's port with `source_port_range_min` (and `source_port_range_max`).
 */
export interface FirewallRule {
  direction: 'ingress' | 'egress';
  ethertype: FirewallEthertype;
  /** `securityGroupRulesForDevices` only: the group of the rule (absent on the added rules). */
  security_group_id?: string;
  /** `securityGroupInfoForDevices` only: whether the rule's group is stateful. */
  stateful?: boolean;
  /** A protocol name (`tcp`, `udp`, `icmp`, `ipv6-icmp`, ...) or number, as the rule has it. */
  protocol?: string;
  port_range_min?: number;
  port_range_max?: number;
  source_port_range_min?: number;
  source_port_range_max?: number;
  /** Ingress: where the traffic may come from (a CIDR). */
  source_ip_prefix?: string;
  /** Egress: where the traffic may go (a CIDR); on the DHCP rules, the device's address. */
  dest_ip_prefix?: string;
  remote_group_id?: string;
}

/**
 * A device in a security group answer: its port as the API shows it, with `fixed_ips` reduced
 * to the addresses, and the firewall's attributes.
 */
export interface SecurityGroupDevice extends Omit<PortResource, 'fixed_ips'> {
  /** The name the agent asked with. */
  device: string;
  /** The port's addresses, in the port's order. */
  fixed_ips: string[];
  /**
   * `securityGroupRulesForDevices`: every rule of the port's groups, remote groups resolved,
   * then the added DHCP and router advertisement rules. `securityGroupInfoForDevices`: the
   * added rules alone (the groups' rules are in `security_groups`).
   */
  security_group_rules: FirewallRule[];
  /** The remote groups the rules of the port's groups name, each once, in rule order. */
  security_group_source_groups: string[];
  /** The address groups the rules name: always empty (ml2ts has no address groups). */
  security_group_remote_address_groups: string[];
}

/** The answer to `security_group_rules_for_devices`: the known devices, by port id. */
export type SecurityGroupRulesForDevices = Record<string, SecurityGroupDevice>;

/**
 * One address of a remote group's member: `[address, null]` for a fixed IP, `[address or
 * CIDR, MAC address]` for an allowed address pair.
 */
export type SecurityGroupMemberIp = [ip: string, mac: string | null];

/** The answer to `security_group_info_for_devices`. */
export interface SecurityGroupInfo {
  /** The known devices, by port id. */
  devices: Record<string, SecurityGroupDevice>;
  /**
   * The rules of every group of the devices (a group without rules has an empty list), with
   * `stateful` and without `security_group_id`, each distinct rule once.
   */
  security_groups: Record<string, FirewallRule[]>;
  /**
   * The addresses of the members of each remote group the devices' rules name, under the IP
   * versions of the rules naming it (an empty list when no member has one), sorted.
   */
  sg_member_ips: Record<string, Partial<Record<FirewallEthertype, SecurityGroupMemberIp[]>>>;
}
