/**
 * Security groups and their rules as `Ml2Plugin` takes and returns them (Neutron's
 * `security-group` extension, with `stateful`), in Neutron's wire names.
 */

/** Which traffic a rule lets through: arriving at the port, or leaving it. */
export type SecurityGroupRuleDirection = 'ingress' | 'egress';

/** The IP version a rule applies to. */
export type SecurityGroupRuleEthertype = 'IPv4' | 'IPv6';

/** One rule of a security group. Rules cannot be updated: delete and create again. */
export interface SecurityGroupRuleResource {
  id: string;
  security_group_id: string;
  /** The rule's owner: the creating request's project, or the group's when none was given. */
  project_id: string;
  direction: SecurityGroupRuleDirection;
  ethertype: SecurityGroupRuleEthertype;
  /** Null: any protocol; else a protocol name (`tcp`, `ipv6-icmp`) or a number as text (`"6"`). */
  protocol: string | null;
  /** TCP, UDP, SCTP, UDP-Lite and DCCP: the first port; ICMP: the type; else null. */
  port_range_min: number | null;
  /** TCP, UDP, SCTP, UDP-Lite and DCCP: the last port; ICMP: the code; else null. */
  port_range_max: number | null;
  /**
   * The remote addresses, as given with its prefix length added (`10.0.0.5` is `10.0.0.5/32`);
   * host bits are kept. Null: any address (unless `remote_group_id` says otherwise).
   */
  remote_ip_prefix: string | null;
  /** `remote_ip_prefix` without host bits (`10.0.0.5/24` is `10.0.0.0/24`); null without one. */
  normalized_cidr: string | null;
  /** The ports of this group are the remote side; null: none. */
  remote_group_id: string | null;
  /** Always null: ml2ts keeps no address groups. */
  remote_address_group_id: null;
  description: string;
  /** 0: rules never change. */
  revision_number: number;
  /** UTC, to the second: `2026-01-02T03:04:05Z`. */
  created_at: string;
  updated_at: string;
}

/** A security group with its rules. */
export interface SecurityGroupResource {
  id: string;
  name: string;
  description: string;
  project_id: string;
  /** Whether the firewall tracks connections (replies pass without a rule of their own). */
  stateful: boolean;
  /** Sorted. */
  tags: string[];
  /**
   * 1 at create (its first rules come with it); +1 with every committed change afterwards: an
   * update, a rule created or deleted, tags.
   */
  revision_number: number;
  /** UTC, to the second: `2026-01-02T03:04:05Z`. */
  created_at: string;
  /** When `revision_number` last moved, as `created_at`. */
  updated_at: string;
  /** Oldest first (ties by id). */
  security_group_rules: SecurityGroupRuleResource[];
}

/**
 * Attributes a security group create accepts. Any other key is refused with a 400 naming it.
 * The group comes with two rules letting every IPv4 and IPv6 packet out.
 */
export interface SecurityGroupCreateRequest {
  /** At most 255 characters, not `default` in any case (409); absent: `''`. */
  name?: string;
  /** At most 255 characters; absent: `''`. */
  description?: string;
  /** At most 255 characters; absent: `''`. */
  project_id?: string;
  /** Neutron's older name of `project_id`; when both are given they must be equal. */
  tenant_id?: string;
  /** Absent: true. */
  stateful?: boolean;
  /** Distinct tags of at most 255 characters, at most 128 of them. */
  tags?: string[];
}

/**
 * What a security group update changes; a key that is absent is left alone. `id`, `project_id`,
 * `tenant_id` and `tags` cannot be updated (400); any other key is refused as unknown (400).
 */
export interface SecurityGroupUpdateRequest {
  /** Not `default` in any case (409); the default group's name cannot change at all (409). */
  name?: string;
  description?: string;
  /** Refused (409 `SecurityGroupInUse`) while a port is in the group. */
  stateful?: boolean;
}

/** Attributes a security group rule create accepts; any other key is a 400 naming it. */
export interface SecurityGroupRuleCreateRequest {
  security_group_id: string;
  direction: SecurityGroupRuleDirection;
  /** `IPv4` or `IPv6`, any case; absent: `IPv4`. */
  ethertype?: string;
  /**
   * A protocol name (any case: `tcp`, `udp`, `icmp`, `icmpv6`, `ipv6-icmp`, ...), a number from
   * 0 to 255 (or its decimal text), or null for any protocol. On IPv6, `icmp`, `icmpv6` and 1
   * are stored as `ipv6-icmp` and 58.
   */
  protocol?: string | number | null;
  /** 0 to 65535; see `SecurityGroupRuleResource`. 1-65535 together means every port: null. */
  port_range_min?: number | null;
  port_range_max?: number | null;
  /** An IP address or `address/prefix` of the rule's ethertype; `''` or null: none. */
  remote_ip_prefix?: string | null;
  /** A security group; not together with `remote_ip_prefix`. */
  remote_group_id?: string | null;
  /** Null only: ml2ts keeps no address groups. */
  remote_address_group_id?: null;
  /** At most 255 characters; absent: `''`. */
  description?: string;
  /** At most 255 characters; absent: the group's project. */
  project_id?: string;
  /** Neutron's older name of `project_id`; when both are given they must be equal. */
  tenant_id?: string;
}

/** What `listSecurityGroups` filters on. */
export interface SecurityGroupListFilter {
  /** Only this project's groups; its default group is created first if it has none. */
  project_id?: string;
}

/** What `listSecurityGroupRules` filters on; every filter given must match. */
export interface SecurityGroupRuleListFilter {
  /**
   * Only the rules this project may see: those it owns and those of its groups. Its default
   * group is created first if it has none.
   */
  project_id?: string;
  security_group_id?: string;
}

/** Options of `deleteSecurityGroup`. */
export interface SecurityGroupDeleteOptions {
  /**
   * Whether a project's default group may go (Neutron lets only admins delete it); default
   * true. False: deleting a default group is a 409 `SecurityGroupCannotRemoveDefault`.
   */
  mayRemoveDefault?: boolean;
}
