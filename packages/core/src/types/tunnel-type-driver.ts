import {
  EncapOverhead,
  InvalidInput,
  type Logger,
  type Ml2Configuration,
  NoNetworkAvailable,
  TunnelIdInUse,
} from '@ml2ts/driver-api';
import { type RandomSource } from '@ml2ts/driver-api';
import {
  type AllocationRepository,
  type SegmentationIdTable,
} from '../repositories/allocation-repository';
import { AllocationPool } from './allocation-pool';
import { claimRandomFree } from './claim-random-free';
import { type IdRange, isInsideRanges } from './id-ranges';
import { isGiven, type ReservedSegment, type SegmentRequest } from './segment-request';
import { type TypeDriver } from './type-driver';

/** What distinguishes one tunnel type from another. */
export interface TunnelTypeSettings {
  /** `vxlan`, `geneve` or `gre`. */
  readonly networkType: string;
  /** The type's allocation table (`ml2_vxlan_allocations`, ...). */
  readonly table: Exclude<SegmentationIdTable, 'vlan'>;
  /** The configured id ranges (already parsed and checked against the protocol's bounds). */
  readonly ranges: readonly IdRange[];
  /** Bytes of encapsulation header subtracted from the underlay MTU (after the IP header). */
  readonly encapOverhead: number;
}

/**
 * The shared behaviour of the tunnelled types (vxlan, geneve, gre): no physical network, one
 * allocation row per allocated id (inside the configured ranges or not) and none for free ids,
 * ids picked at random over all ranges. Provider ids are not range-checked. Start-up and memory
 * do not grow with the size of the ranges (a full 24-bit VNI range costs what a small one does).
 */
export abstract class TunnelTypeDriver implements TypeDriver {
  readonly networkType: string;
  /** The configured id ranges, as given. */
  readonly ranges: readonly IdRange[];

  private readonly pool: AllocationPool;
  private readonly underlayMtu: number;
  private readonly headerOverhead: number;

  protected constructor(
    settings: TunnelTypeSettings,
    config: Ml2Configuration,
    private readonly random: RandomSource,
    protected readonly logger: Logger,
  ) {
    this.networkType = settings.networkType;
    this.ranges = settings.ranges;
    this.pool = new AllocationPool({ table: settings.table }, this.ranges);
    const candidates = [config.DEFAULT.global_physnet_mtu, config.ml2.path_mtu].filter(
      (mtu) => mtu > 0,
    );
    this.underlayMtu = candidates.length > 0 ? Math.min(...candidates) : 0;
    const ipHeader =
      config.ml2.overlay_ip_version === 6 ? EncapOverhead.IPV6_HEADER : EncapOverhead.IPV4_HEADER;
    this.headerOverhead = ipHeader + settings.encapOverhead;
  }

  /**
   * Start-up sync, inside the TypeManager's start-up transaction: deletes the free rows older
   * versions of ml2ts stored, and NEVER an allocated row: ids allocated outside the configured
   * ranges stay until released. Its cost grows with the stored rows, never with the size of the
   * ranges.
   */
  async initialize(allocations: AllocationRepository): Promise<void> {
    const { deleted, allocatedOutside } = await this.pool.sync(allocations);
    this.logger.info(`${this.networkType} type driver initialized`, {
      ranges: this.ranges.map(([min, max]) => `${min}:${max}`),
      deleted_free_rows: deleted,
      allocated_outside_ranges: allocatedOutside,
    });
  }

  /** Partial when no segmentation id is given. */
  isPartialSegment(segment: SegmentRequest): boolean {
    return !isGiven(segment.segmentationId);
  }

  /**
   * Refuses a physical network ("provider:physical_network specified for vxlan network", with
   * the type's name). The segmentation id is NOT range-checked.
   */
  validateProviderSegment(segment: SegmentRequest): void {
    if (segment.physicalNetwork) {
      throw new InvalidInput(`provider:physical_network specified for ${this.networkType} network`);
    }
  }

  /**
   * Partial: a random free id over all ranges, else `NoNetworkAvailable` (503). Fully
   * specified: that id — inside or outside the ranges — else `TunnelIdInUse` (409).
   * `SegmentAllocationRaceLost` (503) when concurrent claims kept winning.
   */
  async reserveProviderSegment(
    allocations: AllocationRepository,
    segment: SegmentRequest,
  ): Promise<ReservedSegment> {
    const segmentationId = segment.segmentationId;
    let id: number;
    if (!isGiven(segmentationId)) {
      const claimed = await claimRandomFree(allocations, [this.pool], this.random);
      if (claimed === null) throw new NoNetworkAvailable();
      id = claimed.id;
    } else {
      if (!(await this.pool.claim(allocations, segmentationId))) {
        throw new TunnelIdInUse(segmentationId);
      }
      id = segmentationId;
    }
    this.logger.debug(`reserved ${this.networkType} tunnel id`, { id });
    return this.segmentOf(id);
  }

  /**
   * A random free id over all configured ranges, or null when none is free.
   * `SegmentAllocationRaceLost` (503) when concurrent claims kept winning.
   */
  async allocateTenantSegment(allocations: AllocationRepository): Promise<ReservedSegment | null> {
    const claimed = await claimRandomFree(allocations, [this.pool], this.random);
    return claimed === null ? null : this.segmentOf(claimed.id);
  }

  /**
   * Deletes the id's row: inside the configured ranges the id is free again, outside them it
   * leaves the pool. A missing row is logged as a warning, never thrown.
   */
  async releaseSegment(allocations: AllocationRepository, segment: ReservedSegment): Promise<void> {
    const id = segment.segmentationId;
    const fields = { type: this.networkType, id };
    if (id === null) {
      this.logger.warn('cannot release tunnel segment without segmentation id', fields);
      return;
    }
    if (!(await this.pool.release(allocations, id))) {
      this.logger.warn('tunnel id not found', fields);
    } else if (isInsideRanges(id, this.ranges)) {
      this.logger.debug('released tunnel id to pool', fields);
    } else {
      this.logger.debug('released tunnel id outside pool', fields);
    }
  }

  /**
   * `min(global_physnet_mtu, path_mtu)` (each only when > 0) minus the overlay IP header (20 for
   * IPv4, 40 for IPv6) and the type's encapsulation; 0 when neither MTU is set. The physical
   * network is ignored.
   */
  getMtu(_physicalNetwork: string | null = null): number {
    return this.underlayMtu > 0 ? this.underlayMtu - this.headerOverhead : 0;
  }

  private segmentOf(id: number): ReservedSegment {
    return {
      networkType: this.networkType,
      physicalNetwork: null,
      segmentationId: id,
      mtu: this.getMtu(null),
    };
  }
}
