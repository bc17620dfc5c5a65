import {
  InvalidInput,
  type Logger,
  type Ml2Configuration,
  NetworkType,
  NoNetworkAvailable,
  VlanIdInUse,
} from '@ml2ts/driver-api';
import { parsePhysnetMtus } from '../config/parse-physnet-mtus';
import { MAX_VLAN_TAG, MIN_VLAN_TAG, parseVlanRanges } from '../config/parse-vlan-ranges';
import { type RandomSource } from '@ml2ts/driver-api';
import { type AllocationRepository } from '../repositories/allocation-repository';
import { AllocationPool } from './allocation-pool';
import { claimRandomFree, type ClaimedId } from './claim-random-free';
import { type IdRange, isInsideRanges } from './id-ranges';
import { physicalNetworkMtu } from './physical-network-mtu';
import { isGiven, type ReservedSegment, type SegmentRequest } from './segment-request';
import { type TypeDriver } from './type-driver';

/**
 * `vlan`: 802.1Q-tagged networks on physical networks. `ml2_vlan_allocations` holds one row per
 * allocated (physical network, VLAN id) — inside `network_vlan_ranges` or not — and nothing for
 * free VLANs: a VLAN of the ranges without a row is free.
 */
export class VlanTypeDriver implements TypeDriver {
  readonly networkType = NetworkType.VLAN;

  /** Configured physical networks, in configuration order, with their VLAN ranges. */
  private readonly ranges: ReadonlyMap<string, readonly IdRange[]>;
  private readonly physnetMtus: ReadonlyMap<string, number>;
  private readonly globalPhysnetMtu: number;
  /** One pool per configured physical network, in configuration order. */
  private readonly pools: ReadonlyMap<string, AllocationPool>;
  /** The pools ordered by physical network name (partial provider requests without physnet). */
  private readonly poolsByName: readonly AllocationPool[];

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
    this.pools = new Map(
      [...this.ranges].map(([physicalNetwork, ranges]) => [
        physicalNetwork,
        new AllocationPool({ table: 'vlan', physicalNetwork }, ranges),
      ]),
    );
    this.poolsByName = [...this.pools.keys()]
      .sort(byCodeUnits)
      .map((physicalNetwork) => this.pool(physicalNetwork));
  }

  /** The configured physical networks, in configuration order. */
  get physicalNetworks(): readonly string[] {
    return [...this.ranges.keys()];
  }

  /**
   * Start-up sync, inside the TypeManager's start-up transaction: deletes the free rows older
   * versions of ml2ts stored, and NEVER an allocated row: a VLAN allocated outside the
   * configured ranges, or on a physical network no longer configured, stays allocated until
   * its network releases it; such rows are logged. Its cost grows with the
   * stored rows (allocated ones, once the free rows of an older version are gone), never with
   * the size of the ranges.
   */
  async initialize(allocations: AllocationRepository): Promise<void> {
    const physicalNetworks = (await allocations.vlanPhysicalNetworks()).sort(byCodeUnits);
    for (const physicalNetwork of physicalNetworks) {
      const { deleted, allocatedOutside } = await this.pool(physicalNetwork).sync(allocations);
      if (deleted > 0) {
        this.logger.info('deleted free VLAN rows left by an older version', {
          physical_network: physicalNetwork,
          rows: deleted,
        });
      }
      if (allocatedOutside > 0) {
        this.logger.info('allocated VLANs outside the configured ranges kept until released', {
          physical_network: physicalNetwork,
          configured: this.ranges.has(physicalNetwork),
          vlans: allocatedOutside,
        });
      }
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
   * Partial: a random free VLAN on the given physical network (uniform over the free VLANs of
   * every configured one when none is given), else `NoNetworkAvailable` (503). Fully specified:
   * that VLAN — inside the configured ranges or not, on a configured physical network or not —
   * else `VlanIdInUse` (409). A VLAN id without physical network (unvalidated dynamic request)
   * throws `InvalidInput`; `SegmentAllocationRaceLost` (503) when concurrent claims kept winning.
   */
  async reserveProviderSegment(
    allocations: AllocationRepository,
    segment: SegmentRequest,
  ): Promise<ReservedSegment> {
    const physicalNetwork = segment.physicalNetwork ?? null;
    const segmentationId = segment.segmentationId;
    let reserved: ReservedSegment;
    if (!isGiven(segmentationId)) {
      const pools = physicalNetwork === null ? this.poolsByName : [this.pool(physicalNetwork)];
      const claimed = await claimRandomFree(allocations, pools, this.random);
      if (claimed === null) throw new NoNetworkAvailable();
      reserved = this.segmentOf(claimed);
    } else {
      if (physicalNetwork === null) {
        throw new InvalidInput(
          'segmentation_id requires physical_network for VLAN provider network',
        );
      }
      const pool = this.pool(physicalNetwork);
      if (!(await pool.claim(allocations, segmentationId))) {
        throw new VlanIdInUse(segmentationId, physicalNetwork);
      }
      reserved = this.segmentOf({ scope: pool.scope, id: segmentationId });
    }
    this.logger.debug('reserved VLAN', {
      physical_network: reserved.physicalNetwork,
      vlan_id: reserved.segmentationId,
    });
    return reserved;
  }

  /**
   * Walks the configured physical networks in configuration order and takes a random free VLAN
   * of the first one that has any; null when all are full (or none is configured). Throws
   * `SegmentAllocationRaceLost` (503) when concurrent claims kept winning.
   */
  async allocateTenantSegment(allocations: AllocationRepository): Promise<ReservedSegment | null> {
    for (const pool of this.pools.values()) {
      const claimed = await claimRandomFree(allocations, [pool], this.random);
      if (claimed !== null) return this.segmentOf(claimed);
    }
    return null;
  }

  /**
   * Deletes the VLAN's row: inside its physical network's ranges the VLAN is free again, outside
   * them it leaves the pool. A missing row is a warning, never a throw.
   */
  async releaseSegment(allocations: AllocationRepository, segment: ReservedSegment): Promise<void> {
    const { physicalNetwork, segmentationId: vlanId } = segment;
    const fields = { physical_network: physicalNetwork, vlan_id: vlanId };
    if (physicalNetwork === null || vlanId === null) {
      this.logger.warn('cannot release VLAN segment without physical network and VLAN id', fields);
      return;
    }
    if (!(await this.pool(physicalNetwork).release(allocations, vlanId))) {
      this.logger.warn('no VLAN allocation found to release', fields);
    } else if (isInsideRanges(vlanId, this.ranges.get(physicalNetwork) ?? [])) {
      this.logger.debug('released VLAN to pool', fields);
    } else {
      this.logger.debug('released VLAN outside pool', fields);
    }
  }

  /** `global_physnet_mtu` and the physical network's `physical_network_mtus` entry, smallest. */
  getMtu(physicalNetwork: string | null): number {
    return physicalNetworkMtu(this.globalPhysnetMtu, this.physnetMtus, physicalNetwork);
  }

  /** The physical network's pool; one without ranges when it is not configured. */
  private pool(physicalNetwork: string): AllocationPool {
    return (
      this.pools.get(physicalNetwork) ?? new AllocationPool({ table: 'vlan', physicalNetwork }, [])
    );
  }

  /** The reserved segment of a VLAN claimed in a pool of this driver (a `vlan` scope). */
  private segmentOf({ scope, id }: ClaimedId): ReservedSegment {
    const physicalNetwork = scope.physicalNetwork ?? null;
    return {
      networkType: this.networkType,
      physicalNetwork,
      segmentationId: id,
      mtu: this.getMtu(physicalNetwork),
    };
  }
}

/** Ascending by UTF-16 code units, the order of the database's binary collation for names. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
