export { AllocationPool, type PoolSyncResult, WALK_PAGE_SIZE } from './allocation-pool';
export {
  type ClaimedId,
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
export { isGiven, type ReservedSegment, type SegmentRequest } from './segment-request';
export { TunnelTypeDriver, type TunnelTypeSettings } from './tunnel-type-driver';
export { type TypeDriver } from './type-driver';
export { type NetworkSegmentsRequest, TypeManager } from './type-manager';
export { VlanTypeDriver } from './vlan-type-driver';
export { VxlanTypeDriver } from './vxlan-type-driver';
