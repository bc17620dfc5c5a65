import {
  InvalidInput,
  type Logger,
  type Ml2Configuration,
  NetworkType,
  NoNetworkAvailable,
  VlanIdInUse,
} from '@ml2ts/driver-api';
import { VlanAllocation } from '@ml2ts/store';
import { type EntityManager, In } from 'typeorm';
import { parsePhysnetMtus } from '../config/parse-physnet-mtus';
import { MAX_VLAN_TAG, MIN_VLAN_TAG, parseVlanRanges } from '../config/parse-vlan-ranges';
import { type RandomSource } from '@ml2ts/driver-api';
import { AllocationPool, type AllocationTable } from './allocation-pool';
import { type IdRange, isInsideRanges } from './id-ranges';
import { physicalNetworkMtu } from './physical-network-mtu';
import { isGiven, type ReservedSegment, type SegmentRequest } from './segment-request';
import { type TypeDriver } from './type-driver';

const VLAN_TABLE: AllocationTable<VlanAllocation> = {
  entity: VlanAllocation,
  idProperty: 'vlanId',
  keyProperties: ['physicalNetwork', 'vlanId'],
};

/**
 * `vlan`: 802.1Q-tagged networks on physical networks. `ml2_vlan_allocations` holds one row per
 * (physical network, VLAN id) of `network_vlan_ranges`, plus allocated rows for provider VLANs
 * outside those ranges.
 */
export class VlanTypeDriver implements TypeDriver {
  readonly networkType = NetworkType.VLAN;

  /** Configured physical networks, in configuration order, with their VLAN ranges. */
  private readonly ranges: ReadonlyMap<string, readonly IdRange[]>;
  private readonly physnetMtus: ReadonlyMap<string, number>;
  private readonly globalPhysnetMtu: number;
  /** The pool over every physical network (partial provider requests without physnet). */
  private readonly anyPhysnetPool = new AllocationPool(VLAN_TABLE);

  /**
   * Reads the configuration once. Throws `ConfigurationError` for bad `network_vlan_ranges` or
   * `physical_network_mtus` entries. A bare `physnet` entry stands for VLANs 1..4094 and wins
   * over explicit ranges of that physical network.
   */
  constructor(
    config: Ml2Configuration,
    private readonly random: RandomSource,
    private readonly logger: Logger,
  ) {
    this.ranges = parseVlanRanges(config.ml2_type_vlan.network_vlan_ranges);
    this.physnetMtus = parsePhysnetMtus(config.ml2.physical_network_mtus);
    this.globalPhysnetMtu = config.DEFAULT.global_physnet_mtu;
  }

  /** The configured physical networks, in configuration order. */
  get physicalNetworks(): readonly string[] {
    return [...this.ranges.keys()];
  }

  /**
   * Start-up sync: deletes EVERY row (allocated ones too) of physical networks that are no
   * longer configured; for configured ones deletes free rows outside the ranges and inserts
   * missing rows inside them. Allocated rows outside the ranges of a configured physical
   * network stay until released.
   */
  async initialize(manager: EntityManager): Promise<void> {
    const stored = await manager
      .createQueryBuilder(VlanAllocation, 'row')
      .select('DISTINCT row.physicalNetwork', 'physicalNetwork')
      .getRawMany<{ physicalNetwork: string }>();
    const unconfigured = stored
      .map((row) => row.physicalNetwork)
      .filter((physnet) => !this.ranges.has(physnet));
    if (unconfigured.length > 0) {
      const result = await manager.delete(VlanAllocation, { physicalNetwork: In(unconfigured) });
      this.logger.info('removed VLAN allocations of unconfigured physical networks', {
        physical_networks: unconfigured,
        rows: result.affected ?? 0,
      });
    }
    for (const [physicalNetwork, ranges] of this.ranges) {
      const { deleted, inserted } = await this.pool(physicalNetwork).sync(manager, ranges);
      this.logger.debug('synchronised VLAN allocations', {
        physical_network: physicalNetwork,
        deleted,
        inserted,
      });
    }
    this.logger.info('vlan type driver initialized', {
      network_vlan_ranges: Object.fromEntries(this.ranges),
    });
  }

  /** Partial when no VLAN id is given (the physical network may be given or not). */
  isPartialSegment(segment: SegmentRequest): boolean {
    return !isGiven(segment.segmentationId);
  }

  /**
   * A given physical network must be configured ("physical_network 'X' unknown for VLAN
   * provider network") and a VLAN id with it must be 1..4094 ("segmentation_id out of range (1
   * through 4094)"); a VLAN id without a physical network is refused ("segmentation_id
   * requires physical_network for VLAN provider network").
   */
  validateProviderSegment(segment: SegmentRequest): void {
    const physicalNetwork = segment.physicalNetwork;
    const segmentationId = segment.segmentationId;
    if (physicalNetwork) {
      if (!this.ranges.has(physicalNetwork)) {
        throw new InvalidInput(
          `physical_network '${physicalNetwork}' unknown for VLAN provider network`,
        );
      }
      if (
        isGiven(segmentationId) &&
        !(
          Number.isInteger(segmentationId) &&
          segmentationId >= MIN_VLAN_TAG &&
          segmentationId <= MAX_VLAN_TAG
        )
      ) {
        throw new InvalidInput(
          `segmentation_id out of range (${MIN_VLAN_TAG} through ${MAX_VLAN_TAG})`,
        );
      }
    } else if (isGiven(segmentationId)) {
      throw new InvalidInput('segmentation_id requires physical_network for VLAN provider network');
    }
  }

  /**
   * Partial: a random free VLAN on the given physical network (any configured one when none is
   * given), else `NoNetworkAvailable` (503). Fully specified: that VLAN — also outside the
   * configured ranges, where an allocated row is created — else `VlanIdInUse` (409). A VLAN id
   * without physical network (unvalidated dynamic request) throws `InvalidInput`.
   */
  async reserveProviderSegment(
    manager: EntityManager,
    segment: SegmentRequest,
  ): Promise<ReservedSegment> {
    const physicalNetwork = segment.physicalNetwork ?? null;
    const segmentationId = segment.segmentationId;
    let row: VlanAllocation | null;
    if (!isGiven(segmentationId)) {
      const pool = physicalNetwork === null ? this.anyPhysnetPool : this.pool(physicalNetwork);
      row = await pool.claimRandomFree(manager, this.random);
      if (row === null) throw new NoNetworkAvailable();
    } else {
      if (physicalNetwork === null) {
        throw new InvalidInput(
          'segmentation_id requires physical_network for VLAN provider network',
        );
      }
      row = await this.pool(physicalNetwork).claim(manager, segmentationId);
      if (row === null) throw new VlanIdInUse(segmentationId, physicalNetwork);
    }
    this.logger.debug('reserved VLAN', {
      physical_network: row.physicalNetwork,
      vlan_id: row.vlanId,
    });
    return this.segmentOf(row);
  }

  /**
   * Walks the configured physical networks in configuration order and takes a random free VLAN
   * of the first one that has any; null when all are full (or none is configured).
   */
  async allocateTenantSegment(manager: EntityManager): Promise<ReservedSegment | null> {
    for (const physicalNetwork of this.ranges.keys()) {
      const row = await this.pool(physicalNetwork).claimRandomFree(manager, this.random);
      if (row !== null) return this.segmentOf(row);
    }
    return null;
  }

  /**
   * An allocated VLAN inside its physical network's ranges goes back to the pool; any other
   * row (outside the ranges, or oddly already free) is deleted. A missing row is a warning.
   */
  async releaseSegment(manager: EntityManager, segment: ReservedSegment): Promise<void> {
    const { physicalNetwork, segmentationId: vlanId } = segment;
    if (physicalNetwork === null || vlanId === null) {
      this.logger.warn('cannot release VLAN segment without physical network and VLAN id', {
        physical_network: physicalNetwork,
        vlan_id: vlanId,
      });
      return;
    }
    const pool = this.pool(physicalNetwork);
    const inside = isInsideRanges(vlanId, this.ranges.get(physicalNetwork) ?? []);
    const row = await pool.find(manager, vlanId);
    let count = 0;
    if (row !== null) {
      if (inside && row.allocated) {
        count = await pool.markFree(manager, vlanId, true);
        if (count > 0)
          this.logger.debug('released VLAN to pool', {
            physical_network: physicalNetwork,
            vlan_id: vlanId,
          });
      } else {
        count = await pool.remove(manager, vlanId);
        if (count > 0)
          this.logger.debug('released VLAN outside pool', {
            physical_network: physicalNetwork,
            vlan_id: vlanId,
          });
      }
    }
    if (count === 0) {
      this.logger.warn('no VLAN allocation found to release', {
        physical_network: physicalNetwork,
        vlan_id: vlanId,
      });
    }
  }

  /** `global_physnet_mtu` and the physical network's `physical_network_mtus` entry, smallest. */
  getMtu(physicalNetwork: string | null): number {
    return physicalNetworkMtu(this.globalPhysnetMtu, this.physnetMtus, physicalNetwork);
  }

  private pool(physicalNetwork: string): AllocationPool<VlanAllocation> {
    return new AllocationPool(VLAN_TABLE, { physicalNetwork });
  }

  private segmentOf(row: VlanAllocation): ReservedSegment {
    return {
      networkType: this.networkType,
      physicalNetwork: row.physicalNetwork,
      segmentationId: row.vlanId,
      mtu: this.getMtu(row.physicalNetwork),
    };
  }
}
