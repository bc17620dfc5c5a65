import {
  FlatNetworkInUse,
  InvalidInput,
  type Logger,
  type Ml2Configuration,
  NetworkType,
} from '@ml2ts/driver-api';
import { parsePhysnetMtus } from '../config/parse-physnet-mtus';
import { type AllocationRepository } from '../repositories/allocation-repository';
import { physicalNetworkMtu } from './physical-network-mtu';
import { isGiven, type ReservedSegment, type SegmentRequest } from './segment-request';
import { type TypeDriver } from './type-driver';

/** The `flat_networks` entry that allows every physical network. */
const ANY_PHYSICAL_NETWORK = '*';

/**
 * `flat`: an untagged network on a physical network, one per physical network deployment-wide
 * (an `ml2_flat_allocations` row exists while a flat network uses it). Provider networks only:
 * never allocated to tenants.
 */
export class FlatTypeDriver implements TypeDriver {
  readonly networkType = NetworkType.FLAT;

  /** Allowed physical networks; null = any (`*`); empty = flat networks disabled. */
  private readonly flatNetworks: ReadonlySet<string> | null;
  private readonly physnetMtus: ReadonlyMap<string, number>;
  private readonly globalPhysnetMtu: number;

  /** Reads the configuration once. Throws `ConfigurationError` for a bad `physical_network_mtus`. */
  constructor(
    config: Ml2Configuration,
    private readonly logger: Logger,
  ) {
    const allowed = config.ml2_type_flat.flat_networks;
    this.flatNetworks = allowed.includes(ANY_PHYSICAL_NETWORK) ? null : new Set(allowed);
    this.physnetMtus = parsePhysnetMtus(config.ml2.physical_network_mtus);
    this.globalPhysnetMtu = config.DEFAULT.global_physnet_mtu;
  }

  /** Nothing to synchronise: flat rows exist only while networks use them. */
  async initialize(_allocations: AllocationRepository): Promise<void> {
    this.logger.info('flat type driver initialized', {
      flat_networks: this.flatNetworks === null ? ANY_PHYSICAL_NETWORK : [...this.flatNetworks],
    });
  }

  /** Flat segments are always fully specified (the physical network is the whole key). */
  isPartialSegment(_segment: SegmentRequest): boolean {
    return false;
  }

  /**
   * Requires a physical network allowed by `flat_networks` and nothing else: "physical_network
   * required for flat provider network", "Flat provider networks are disabled",
   * "physical_network 'X' unknown for flat provider network", "segmentation_id prohibited for
   * flat provider network" (a segmentation id of 0 counts as not given, as in Neutron).
   */
  validateProviderSegment(segment: SegmentRequest): void {
    const physicalNetwork = segment.physicalNetwork;
    if (!physicalNetwork) {
      throw new InvalidInput('physical_network required for flat provider network');
    }
    if (this.flatNetworks !== null && this.flatNetworks.size === 0) {
      throw new InvalidInput('Flat provider networks are disabled');
    }
    if (this.flatNetworks !== null && !this.flatNetworks.has(physicalNetwork)) {
      throw new InvalidInput(
        `physical_network '${physicalNetwork}' unknown for flat provider network`,
      );
    }
    if (segment.segmentationId) {
      throw new InvalidInput('segmentation_id prohibited for flat provider network');
    }
  }

  /**
   * Inserts the physical network's flat row (in a savepoint, so a concurrent insert that won
   * leaves the caller's transaction usable). Throws `FlatNetworkInUse` (409) when a flat
   * network already uses it, and `InvalidInput` when no physical network is given (possible
   * only for unvalidated dynamic segments). The segment comes back as requested, with its MTU.
   */
  async reserveProviderSegment(
    allocations: AllocationRepository,
    segment: SegmentRequest,
  ): Promise<ReservedSegment> {
    const physicalNetwork = segment.physicalNetwork;
    if (!isGiven(physicalNetwork)) {
      throw new InvalidInput('physical_network required for flat provider network');
    }
    if (
      (await allocations.flatTaken(physicalNetwork)) ||
      !(await allocations.insertFlat(physicalNetwork))
    ) {
      throw new FlatNetworkInUse(physicalNetwork);
    }
    this.logger.debug('reserved flat network', { physical_network: physicalNetwork });
    return {
      networkType: this.networkType,
      physicalNetwork,
      segmentationId: segment.segmentationId ?? null,
      mtu: this.getMtu(physicalNetwork),
    };
  }

  /** Never: flat networks are provider networks only. Always resolves to null. */
  async allocateTenantSegment(_allocations: AllocationRepository): Promise<ReservedSegment | null> {
    return null;
  }

  /** Deletes the physical network's flat row; a missing row is logged as a warning. */
  async releaseSegment(allocations: AllocationRepository, segment: ReservedSegment): Promise<void> {
    const physicalNetwork = segment.physicalNetwork;
    const released = physicalNetwork !== null && (await allocations.releaseFlat(physicalNetwork));
    if (!released) {
      this.logger.warn('no flat network found on physical network', {
        physical_network: physicalNetwork,
      });
    } else {
      this.logger.debug('released flat network', { physical_network: physicalNetwork });
    }
  }

  /** `global_physnet_mtu` and the physical network's `physical_network_mtus` entry, smallest. */
  getMtu(physicalNetwork: string | null): number {
    return physicalNetworkMtu(this.globalPhysnetMtu, this.physnetMtus, physicalNetwork);
  }
}
