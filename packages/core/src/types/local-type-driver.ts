import { InvalidInput, type Logger, NetworkType } from '@ml2ts/driver-api';
import { type AllocationRepository } from '../repositories/allocation-repository';
import { type ReservedSegment, type SegmentRequest } from './segment-request';
import { type TypeDriver } from './type-driver';

/**
 * `local`: a network that exists on one host only. No allocation table, no MTU; every tenant
 * request gets a local segment.
 */
export class LocalTypeDriver implements TypeDriver {
  readonly networkType = NetworkType.LOCAL;

  constructor(private readonly logger: Logger) {}

  /** Nothing to synchronise. */
  async initialize(_allocations: AllocationRepository): Promise<void> {
    this.logger.info('local type driver initialized');
  }

  /** Local segments are always complete. */
  isPartialSegment(_segment: SegmentRequest): boolean {
    return false;
  }

  /**
   * Only `network_type` may be given: "physical_network prohibited for local provider network",
   * "segmentation_id prohibited for local provider network" (empty or 0 count as not given).
   */
  validateProviderSegment(segment: SegmentRequest): void {
    if (segment.physicalNetwork) {
      throw new InvalidInput('physical_network prohibited for local provider network');
    }
    if (segment.segmentationId) {
      throw new InvalidInput('segmentation_id prohibited for local provider network');
    }
  }

  /** Reserves nothing: the segment comes back as requested, with MTU 0. */
  async reserveProviderSegment(
    _allocations: AllocationRepository,
    segment: SegmentRequest,
  ): Promise<ReservedSegment> {
    return {
      networkType: this.networkType,
      physicalNetwork: segment.physicalNetwork ?? null,
      segmentationId: segment.segmentationId ?? null,
      mtu: 0,
    };
  }

  /** Always a local segment. */
  async allocateTenantSegment(_allocations: AllocationRepository): Promise<ReservedSegment | null> {
    return { networkType: this.networkType, physicalNetwork: null, segmentationId: null, mtu: 0 };
  }

  /** Nothing to release. */
  async releaseSegment(
    _allocations: AllocationRepository,
    _segment: ReservedSegment,
  ): Promise<void> {}

  /** Local segments have no MTU: always 0. */
  getMtu(_physicalNetwork: string | null): number {
    return 0;
  }
}
