export { DuplicateNetworkSegment } from './duplicate-network-segment';
export { SegmentAllocationRaceLost } from './segment-allocation-race-lost';
export { SegmentsContainDuplicateEntry } from './segments-contain-duplicate-entry';
export { SegmentsSetInConjunctionWithProviders } from './segments-set-in-conjunction-with-providers';
