/**
 * The names of a mechanism driver's resource hooks (every optional method of `MechanismDriver`
 * but `initialize`, `bindPort` and `checkVlanTransparency`), for code that calls or checks them
 * by name: the engine, and the contract kit.
 */

/** Port hooks: each takes a `PortContext`. */
export type PortHook =
  | 'createPortPrecommit'
  | 'createPortPostcommit'
  | 'updatePortPrecommit'
  | 'updatePortPostcommit'
  | 'deletePortPrecommit'
  | 'deletePortPostcommit';

/** Network hooks: each takes a `NetworkContext`. */
export type NetworkHook =
  | 'createNetworkPrecommit'
  | 'createNetworkPostcommit'
  | 'updateNetworkPrecommit'
  | 'updateNetworkPostcommit'
  | 'deleteNetworkPrecommit'
  | 'deleteNetworkPostcommit';

/** Subnet hooks: each takes a `SubnetContext`. */
export type SubnetHook =
  | 'createSubnetPrecommit'
  | 'createSubnetPostcommit'
  | 'updateSubnetPrecommit'
  | 'updateSubnetPostcommit'
  | 'deleteSubnetPrecommit'
  | 'deleteSubnetPostcommit';

/** Every resource hook. */
export type ResourceHook = PortHook | NetworkHook | SubnetHook;
