export {
  AllocationPool,
  type AllocationRow,
  type AllocationTable,
  type PoolSyncResult,
  WALK_PAGE_SIZE,
} from './allocation-pool';
export {
  claimRandomFree,
  RANDOM_CLAIM_DEFAULTS,
  type RandomClaimOptions,
} from './claim-random-free';
export { createTypeDriver } from './create-type-driver';
export * from './errors';
export { FlatTypeDriver } from './flat-type-driver';
export { GeneveTypeDriver } from './geneve-type-driver';
export { GreTypeDriver } from './gre-type-driver';
export { type IdRange, isInsideRanges, mergeRanges } from './id-ranges';
export { LocalTypeDriver } from './local-type-driver';
export { physicalNetworkMtu } from './physical-network-mtu';
export { withSavepoint } from './savepoint';
export { isGiven, type ReservedSegment, type SegmentRequest } from './segment-request';
export {
  TunnelTypeDriver,
  type TunnelAllocationRow,
  type TunnelTypeSettings,
} from './tunnel-type-driver';
export { type TypeDriver } from './type-driver';
export { type NetworkSegmentsRequest, TypeManager } from './type-manager';
export { isUniqueViolation } from './unique-violation';
export { VlanTypeDriver } from './vlan-type-driver';
export { VxlanTypeDriver } from './vxlan-type-driver';
