import { type Port, type PortBinding, type PortBindingLevel } from '@ml2ts/store';

/** A port with its ACTIVE binding row. */
export interface PortWithBinding {
  readonly port: Port;
  readonly binding: PortBinding;
  /** The port's tags, sorted; only when `findWithBinding` was asked for them. */
  readonly tags?: readonly string[];
  /** The ids of the port's security groups, sorted; only when asked for them. */
  readonly securityGroups?: readonly string[];
}

/** What `findWithBinding` reads besides the port and its binding. */
export interface PortReadOptions {
  /** The port's tags. */
  readonly withTags?: boolean;
  /** The ids of the port's security groups. */
  readonly withSecurityGroups?: boolean;
}

/** What a binding commit expects the binding row to still be, and what it writes. */
export interface BindingResultSwap {
  /** The row: port and host. */
  readonly portId: string;
  readonly host: string;
  /** The inputs the binding was computed from; the swap fails when either changed. */
  readonly vnicType: string;
  readonly profile: string;
  /** The vif types the row may have now (unbound, binding_failed): not bound by someone else. */
  readonly fromVifTypes: readonly string[];
  /** The result written when it matches. */
  readonly vifType: string;
  readonly vifDetails: string;
  /** The commit's time: the row's `updated_at` (its `revision_number` goes up by 1). */
  readonly updatedAt: Date;
}

/**
 * The engine's storage of ports, their bindings, binding levels, fixed IPs (`ipallocations`),
 * binding traces and provisioning blocks. One instance serves one
 * unit of work: every method runs inside the caller's transaction (or read), on its connection,
 * and opens none itself. Methods only touch the database; a throw is the database's error and
 * the caller's unit of work rolls back.
 */
export interface PortRepository {
  /**
   * The port and its ACTIVE binding, or null when either is missing; with the port's tags and
   * security groups when `options` asks for them (read in the same statement where the
   * database allows).
   */
  findWithBinding(portId: string, options?: PortReadOptions): Promise<PortWithBinding | null>;
  /** Every binding-level row of the port, any host, ordered by level. */
  levels(portId: string): Promise<PortBindingLevel[]>;
  /** True when a port with this id exists. */
  portExists(portId: string): Promise<boolean>;
  /** True when a port of the network already has this MAC address. */
  macInUse(networkId: string, macAddress: string): Promise<boolean>;
  /**
   * Inserts a port row and one `ipallocations` row per fixed IP. Throws `IpAddressInUse` (409)
   * when the database's unique constraint finds an address already held on the network (another
   * process may have taken it after the caller checked); the caller's unit of work must then
   * end, as a failed statement may have aborted its transaction.
   */
  insertPort(port: Port): Promise<void>;
  /**
   * Writes the mutable columns of a port row (`updated_at` included) and adds 1 to its
   * `revision_number` in the same statement, unless `bumpRevision` is false (a binding commit,
   * which counts on the binding row). `replaceFixedIps` writes changed fixed IPs. The caller
   * keeps its copy's `revisionNumber` in step.
   */
  updatePort(port: Port, options?: { readonly bumpRevision?: boolean }): Promise<void>;
  /**
   * Replaces the port's `ipallocations` rows with its `fixedIps` (after an update changed
   * them). Throws `IpAddressInUse` (409) like `insertPort`.
   */
  replaceFixedIps(port: Port): Promise<void>;
  /** Inserts a binding row. */
  insertBinding(binding: PortBinding): Promise<void>;
  /** Deletes one binding row. */
  deleteBinding(portId: string, host: string): Promise<void>;
  /**
   * The optimistic binding commit: writes the result only if the row is still ACTIVE and still
   * has the inputs and a not-yet-bound vif type the binding started from, in one conditional
   * update, so that of two bindings of one port (in any process) at most one commits. True
   * when it was written; the same statement then added 1 to the row's `revision_number` and set
   * its `updated_at`.
   */
  swapBindingResult(swap: BindingResultSwap): Promise<boolean>;
  /** Deletes the level rows of a port for one host. */
  deleteLevels(portId: string, host: string): Promise<void>;
  /** Inserts one level row. */
  insertLevel(level: PortBindingLevel): Promise<void>;
  /** Stores the port's binding trace, replacing the previous one. */
  upsertTrace(portId: string, trace: string, recordedAt: Date): Promise<void>;
  /** Adds a provisioning block; an existing one of the same entity is kept. */
  addProvisioningBlock(portId: string, entity: string): Promise<void>;
  /** Ids of ports whose ACTIVE binding on `host` has this vif type. */
  portIdsOnHostWithVifType(host: string, vifType: string): Promise<string[]>;
  /** Ids of ports that have a host but whose ACTIVE binding still has this vif type. */
  portIdsWithHostAndVifType(vifType: string): Promise<string[]>;
  /** True when a port of the network has this fixed IP on this subnet (`ipallocations`). */
  fixedIpInUse(networkId: string, subnetId: string, ipAddress: string): Promise<boolean>;
  /** True when a port of the network has a fixed IP on this subnet. */
  subnetInUse(networkId: string, subnetId: string): Promise<boolean>;
  /** True when the network has at least one port. */
  networkHasPorts(networkId: string): Promise<boolean>;
  /**
   * Ids of the ports with an ACTIVE binding that match every given criterion (network, device,
   * bound host), oldest first (ties by id).
   */
  listIds(filter: PortIdFilter): Promise<string[]>;
  /**
   * Deletes a port; its bindings, levels, fixed IPs, trace, blocks and security group memberships
   * go with it.
   */
  delete(portId: string): Promise<void>;
  /**
   * Writes the port's status and `updated_at`, adding 1 to its `revision_number`, in one
   * statement.
   */
  updateStatus(portId: string, status: string, updatedAt: Date): Promise<void>;
  /** Ids of the ports with this MAC address, on any network. */
  idsWithMac(macAddress: string): Promise<string[]>;
  /** Ids of ports starting with `prefix` (lower case), at most `limit` of them. */
  idsStartingWith(prefix: string, limit: number): Promise<string[]>;
  /** Every binding row of the port (any host and status). */
  bindings(portId: string): Promise<PortBinding[]>;
  /**
   * Moves one binding row (port, host) from `fromStatus` to `status` and writes its vif result,
   * revision and `updated_at`, in one conditional update (a host binding's activation). False,
   * with nothing written, when the row is gone or no longer has `fromStatus`: another process
   * changed it first.
   */
  switchBindingStatus(change: BindingStatusSwitch): Promise<boolean>;
  /** The stored binding trace of the port (JSON text), or null. */
  findTrace(portId: string): Promise<string | null>;
  /** Removes the port's provisioning block of `entity`, if any. */
  removeProvisioningBlock(portId: string, entity: string): Promise<void>;
  /** The number of provisioning blocks the port still has. */
  countProvisioningBlocks(portId: string): Promise<number>;
  /**
   * The port rows matching every given criterion (an absent one matches every port), oldest
   * first (ties by id); one statement whatever the number of ids. For reads of many ports at
   * once (the agents' `bulk_pull`).
   */
  findPorts(filter: PortRowFilter): Promise<Port[]>;
  /** Every binding row (any host and status) of each of `portIds`; one statement, no order. */
  bindingsOfPorts(portIds: readonly string[]): Promise<PortBinding[]>;
  /** Every level row (any host) of each of `portIds`, by port, level and host; one statement. */
  levelsOfPorts(portIds: readonly string[]): Promise<PortBindingLevel[]>;
}

/** Criteria of `PortRepository.findPorts`; an absent one matches every port. */
export interface PortRowFilter {
  /** Ports with one of these ids (none when empty). */
  readonly ids?: readonly string[];
  /** Ports on one of these networks (none when empty). */
  readonly networkIds?: readonly string[];
}

/** Criteria of `PortRepository.listIds`; an absent one matches every port. */
export interface PortIdFilter {
  readonly networkId?: string;
  readonly deviceId?: string;
  /** The host of the ACTIVE binding. */
  readonly host?: string;
}

/** What `PortRepository.switchBindingStatus` expects of a binding row, and what it writes. */
export interface BindingStatusSwitch {
  /** The row: port and host. */
  readonly portId: string;
  readonly host: string;
  /** The status the row must still have (`ACTIVE` or `INACTIVE`). */
  readonly fromStatus: string;
  /** What the row gets. */
  readonly status: string;
  readonly vifType: string;
  readonly vifDetails: string;
  readonly revisionNumber: number;
  readonly updatedAt: Date | null;
}
