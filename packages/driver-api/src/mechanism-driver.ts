import { type Connectivity } from './constants';
import { type DriverCapabilities } from './driver-capabilities';
import { type NetworkContext } from './network-context';
import { type PortContext } from './port-context';
import { type SubnetContext } from './subnet-context';

/**
 * A mechanism driver: the code that decides how a port is wired on a host.
 *
 * Only `name` is required. Hook timing, as a rule:
 * - `...Precommit` hooks run **inside** the database transaction of the operation. They must not
 *   block on I/O (every other write waits for them). A throw rolls the whole operation back and
 *   reaches the caller.
 * - `...Postcommit` hooks run **after** the commit. They may block (talk to a switch). What a
 *   throw means depends on the hook, see each one.
 * - `bindPort` runs **outside** any transaction and may block; its effects count only if the
 *   attempt wins the optimistic commit, so it must keep no state of its own.
 *
 * Drivers never touch the database or the DI container: everything they need is in the context.
 */
export interface MechanismDriver {
  /** The configuration name (`mechanism_drivers` entry), e.g. `openvswitch`. */
  readonly name: string;

  /**
   * `l2` drivers may bind ports without fixed IPs; `l3` and `legacy` (the default) may not.
   */
  readonly connectivity?: Connectivity;

  /**
   * Plugin configuration sections this driver owns (for example `['ovs_driver']`). A section in
   * the configuration that no loaded driver owns fails start-up.
   */
  readonly configSections?: readonly string[];

  /**
   * What the driver supports (vnic types, network types, agents, vif types, hierarchy), read by
   * the contract suite of `@ml2ts/testkit` to know what to expect of it. The engine never reads
   * it; a driver without it must hand its declaration to the suite itself.
   */
  readonly capabilities?: DriverCapabilities;

  /**
   * Called once at start-up, after configuration is loaded and before any request. May block.
   * A throw aborts start-up (use `ConfigurationError` for bad settings).
   */
  initialize?(): void | Promise<void>;

  /** Inside the create-network transaction. A throw rolls the create back. */
  createNetworkPrecommit?(context: NetworkContext): void | Promise<void>;
  /** After the network is committed. A throw deletes the network again and reaches the caller. */
  createNetworkPostcommit?(context: NetworkContext): void | Promise<void>;
  /**
   * Inside the update-network transaction, after the new values are written: `current` is the
   * network as updated, `original` as it was. Must not block. The first throw stops the other
   * drivers, rolls the update back and reaches the caller (as a `MechanismDriverError` unless it
   * is an `Ml2Error`).
   */
  updateNetworkPrecommit?(context: NetworkContext): void | Promise<void>;
  /**
   * After the update is committed, outside any transaction; `original` is set. May block. Every
   * driver is called even if one throws; a throw is logged and the update still succeeds.
   */
  updateNetworkPostcommit?(context: NetworkContext): void | Promise<void>;
  /** Inside the delete-network transaction. A throw aborts the delete. */
  deleteNetworkPrecommit?(context: NetworkContext): void | Promise<void>;
  /** After the delete is committed. A throw is logged only. */
  deleteNetworkPostcommit?(context: NetworkContext): void | Promise<void>;

  /**
   * Inside the create-subnet transaction, after the subnet row is written. Must not block. The
   * first throw stops the other drivers, rolls the create back (no subnet is stored) and reaches
   * the caller (as a `MechanismDriverError` unless it is an `Ml2Error`).
   */
  createSubnetPrecommit?(context: SubnetContext): void | Promise<void>;
  /**
   * After the create is committed, outside any transaction. May block. The first throw stops the
   * other drivers; the subnet is deleted again (with the delete-subnet hooks) and the error
   * reaches the caller.
   */
  createSubnetPostcommit?(context: SubnetContext): void | Promise<void>;
  /**
   * Inside the update-subnet transaction, after the new values are written: `current` is the
   * subnet as updated, `original` as it was. Must not block. The first throw stops the other
   * drivers, rolls the update back and reaches the caller.
   */
  updateSubnetPrecommit?(context: SubnetContext): void | Promise<void>;
  /**
   * After the update is committed, outside any transaction; `original` is set. May block. Every
   * driver is called even if one throws; a throw is logged and the update still succeeds.
   */
  updateSubnetPostcommit?(context: SubnetContext): void | Promise<void>;
  /**
   * Inside the delete-subnet transaction, before the row goes (`current` is the subnet being
   * deleted). Must not block. The first throw aborts the delete and reaches the caller.
   */
  deleteSubnetPrecommit?(context: SubnetContext): void | Promise<void>;
  /**
   * After the delete is committed, outside any transaction. May block. Every driver is called;
   * a throw is logged only (the subnet stays deleted).
   */
  deleteSubnetPostcommit?(context: SubnetContext): void | Promise<void>;

  /** Inside the create-port transaction. A throw rolls the create back. */
  createPortPrecommit?(context: PortContext): void | Promise<void>;
  /** After the create is committed. A throw deletes the port and reaches the caller. */
  createPortPostcommit?(context: PortContext): void | Promise<void>;
  /**
   * Inside the update-port transaction, and inside the transaction that commits a binding. A
   * throw rolls the update (or the binding commit) back and reaches the caller.
   */
  updatePortPrecommit?(context: PortContext): void | Promise<void>;
  /**
   * After an update or a binding is committed. Every driver is called even if one throws; the
   * update still succeeds and the failure is logged (after a binding commit it reaches the
   * caller as a `MechanismDriverError`).
   */
  updatePortPostcommit?(context: PortContext): void | Promise<void>;
  /**
   * Inside the delete-port transaction. Must not block. A throw aborts the delete. Drivers are
   * called in reverse `mechanism_drivers` order, so that with the usual order (drivers of upper
   * levels listed first) the bottom level of a hierarchical binding is torn down first.
   */
  deletePortPrecommit?(context: PortContext): void | Promise<void>;
  /**
   * After the delete is committed, outside any transaction. May block. Every driver is called,
   * in reverse `mechanism_drivers` order like `deletePortPrecommit`; a throw is logged only.
   */
  deletePortPostcommit?(context: PortContext): void | Promise<void>;

  /**
   * Tries to bind the port at the current level: call `context.setBinding` on one of
   * `context.segmentsToBind`, or `context.continueBinding` to hand a lower level over to the
   * next drivers, or return without either to decline (say why with `context.decline`).
   * Runs outside any transaction and may block. A throw is contained: it is recorded in the
   * binding trace and the next driver is asked.
   */
  bindPort?(context: PortContext): void | Promise<void>;

  /**
   * Whether this driver can carry VLAN-transparent networks. Called inside the create-network
   * transaction when `vlan_transparent` is requested; anything but `true` refuses the network.
   */
  checkVlanTransparency?(context: NetworkContext): boolean;
}
