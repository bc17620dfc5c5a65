import {
  type Clock,
  ConfigurationError,
  InvalidInput,
  type Logger,
  type Ml2Configuration,
  NoNetworkAvailable,
  type PartialSegment,
  systemClock,
} from '@ml2ts/driver-api';
import { type NetworkSegment } from '@ml2ts/store';
import { type IdGenerator } from '@ml2ts/driver-api';
import { type RandomSource } from '@ml2ts/driver-api';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { createTypeDriver } from './create-type-driver';
import { DuplicateNetworkSegment } from './errors/duplicate-network-segment';
import { SegmentsContainDuplicateEntry } from './errors/segments-contain-duplicate-entry';
import { SegmentsSetInConjunctionWithProviders } from './errors/segments-set-in-conjunction-with-providers';
import { isGiven, type ReservedSegment, type SegmentRequest } from './segment-request';
import { type TypeDriver } from './type-driver';

/** The segment data of a create-network request. */
export interface NetworkSegmentsRequest {
  /** The single-segment `provider:*` attributes; "set" when any of the three is given. */
  readonly provider?: SegmentRequest | null;
  /**
   * The multi-provider `segments` list (null = not given); must not be given together with
   * provider attributes. An empty list asks for nothing: the tenant types are used.
   */
  readonly segments?: readonly SegmentRequest[] | null;
  /** The network's `router:external`: selects `external_network_type` when that is set. */
  readonly routerExternal: boolean;
}

/** A provider segment after request processing: a known type, every field present. */
interface ProcessedSegment {
  readonly networkType: string;
  readonly physicalNetwork: string | null;
  readonly segmentationId: number | null;
}

/**
 * Owns the type drivers (`[ml2] type_drivers`) and every segment of every network: builds the
 * segments of a new network, allocates and releases dynamic segments for hierarchical binding,
 * releases everything when a network goes, and computes network MTUs.
 *
 * Apart from `initialize`, every method works on the caller's `UnitOfWork` (segment rows through
 * `unit.networks`, allocations through `unit.allocations`), inside the caller's transaction, and
 * never opens one; a throw leaves the rollback to the caller.
 */
export class TypeManager {
  /** The loaded network types, in `type_drivers` order. */
  readonly networkTypes: readonly string[];

  private readonly drivers: ReadonlyMap<string, TypeDriver>;

  /**
   * Builds one driver per `type_drivers` entry (a repeated entry is ignored with an error log).
   * Synchronous. Throws `ConfigurationError` for an unknown type name or a bad option of a
   * type driver (ranges, MTUs). `clock` stamps the segments it stores (`created_at`).
   */
  constructor(
    private readonly config: Ml2Configuration,
    private readonly ids: IdGenerator,
    random: RandomSource,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    const drivers = new Map<string, TypeDriver>();
    for (const name of config.ml2.type_drivers) {
      if (drivers.has(name)) {
        logger.error('type driver ignored: a type driver is already registered for its type', {
          type: name,
        });
        continue;
      }
      drivers.set(name, createTypeDriver(name, config, random, logger));
    }
    this.drivers = drivers;
    this.networkTypes = [...drivers.keys()];
  }

  /**
   * Start-up, before any other method: checks that every `tenant_network_types` entry and the
   * `external_network_type` are loaded types (else `ConfigurationError`, before any database
   * work), then initializes every driver (allocation-table sync) in ONE
   * `repositories.transaction`. Must not be called from inside a unit of work of the same store.
   * Rejects with the driver's error (the transaction rolled back) when a sync fails.
   */
  async initialize(repositories: Repositories): Promise<void> {
    const loaded = `a loaded type driver (ml2.type_drivers: ${this.networkTypes.join(', ') || 'none'})`;
    for (const type of this.config.ml2.tenant_network_types) {
      if (!this.drivers.has(type)) {
        throw new ConfigurationError(
          'ml2.tenant_network_types',
          type,
          `each entry must be ${loaded}`,
        );
      }
    }
    const external = this.config.ml2.external_network_type;
    if (external !== null && !this.drivers.has(external)) {
      throw new ConfigurationError(
        'ml2.external_network_type',
        external,
        `must be null or ${loaded}`,
      );
    }
    await repositories.transaction(async (unit) => {
      for (const driver of this.drivers.values()) await driver.initialize(unit.allocations);
    });
    this.logger.info('type manager initialized', {
      type_drivers: this.networkTypes,
      tenant_network_types: this.config.ml2.tenant_network_types,
      external_network_type: external,
    });
  }

  /** The driver of `networkType`, or undefined when that type is not loaded. */
  driver(networkType: string): TypeDriver | undefined {
    return this.drivers.get(networkType);
  }

  /**
   * Builds the segments of a new network, inside the create-network transaction (the network
   * row must already exist in it).
   *
   * With provider attributes (any of the three given) or a `segments` list: every requested
   * segment is checked first (network_type required, known type, integer segmentation id, the
   * type driver's validation, no fully specified duplicate), then each is reserved and stored
   * with `segment_index` = its position. Without: `router:external` networks take a tenant
   * allocation of `external_network_type` when that is set, others the first of
   * `tenant_network_types` (in order) that yields one; stored with index 0.
   *
   * Returns the stored rows ordered by `segment_index` (`is_dynamic` false, MTU from the type
   * driver). Throws `SegmentsSetInConjunctionWithProviders`, `SegmentsContainDuplicateEntry`,
   * `InvalidInput` (400), `VlanIdInUse` / `TunnelIdInUse` / `FlatNetworkInUse` /
   * `DuplicateNetworkSegment` (409), `NoNetworkAvailable` (503).
   */
  async createNetworkSegments(
    unit: UnitOfWork,
    networkId: string,
    request: NetworkSegmentsRequest,
  ): Promise<NetworkSegment[]> {
    const requested = this.processProviderRequest(request);
    if (requested.length > 0) {
      const stored: NetworkSegment[] = [];
      for (const [index, segment] of requested.entries()) {
        const driver = this.requireDriver(segment.networkType);
        const reserved = await driver.reserveProviderSegment(unit.allocations, segment);
        stored.push(await this.storeSegment(unit, networkId, reserved, index, false));
      }
      return stored;
    }
    const external = this.config.ml2.external_network_type;
    const candidates =
      external !== null && request.routerExternal
        ? [external]
        : this.config.ml2.tenant_network_types;
    for (const type of candidates) {
      const reserved = await this.requireDriver(type).allocateTenantSegment(unit.allocations);
      if (reserved !== null) return [await this.storeSegment(unit, networkId, reserved, 0, false)];
    }
    throw new NoNetworkAvailable();
  }

  /**
   * Adds one static segment to an existing network (the `segment` extension's create), inside
   * the caller's transaction: the request is checked as one provider segment of a create is
   * (network_type required and loaded, the type driver's validation), reserved through the type
   * driver (a partial request allocates an id), and stored with `segment_index` one above the
   * network's highest static one and the given name and description. Throws `InvalidInput`
   * (400), `VlanIdInUse` / `TunnelIdInUse` / `FlatNetworkInUse` / `DuplicateNetworkSegment`
   * (409), `NoNetworkAvailable` (503); nothing stays reserved then once the caller rolls back.
   */
  async addStaticSegment(
    unit: UnitOfWork,
    networkId: string,
    request: SegmentRequest,
    attributes: { readonly name: string | null; readonly description: string | null },
  ): Promise<NetworkSegment> {
    const segment = this.processProviderSegment(request);
    const statics = (await unit.networks.segments(networkId)).filter((row) => !row.isDynamic);
    const index = statics.reduce((highest, row) => Math.max(highest, row.segmentIndex + 1), 0);
    const reserved = await this.requireDriver(segment.networkType).reserveProviderSegment(
      unit.allocations,
      segment,
    );
    return this.storeSegment(unit, networkId, reserved, index, false, attributes);
  }

  /**
   * Removes one segment of a network (the `segment` extension's delete), inside the caller's
   * transaction: releases its allocation through its type driver (a type that is not loaded is
   * logged as an error and only the row goes) and deletes the row. The caller checks first that
   * nothing uses it.
   */
  async removeSegment(unit: UnitOfWork, segment: NetworkSegment): Promise<void> {
    await this.releaseAllocation(unit, segment);
    await unit.networks.deleteSegment(segment.id);
  }

  /**
   * The network MTU for these segments: the smallest non-zero segment MTU, or
   * `global_physnet_mtu` when every segment has MTU 0 (or there is none). Pure.
   */
  networkMtu(segments: readonly { mtu: number }[]): number {
    const mtus = segments.map((segment) => segment.mtu).filter((mtu) => mtu !== 0);
    return mtus.length > 0 ? Math.min(...mtus) : this.config.DEFAULT.global_physnet_mtu;
  }

  /**
   * Inside the delete-network transaction: releases every segment of the network, static and
   * dynamic, through its type driver (a segment of a type that is not loaded is logged as an
   * error and only deleted), then deletes the segment rows.
   */
  async releaseNetworkSegments(unit: UnitOfWork, networkId: string): Promise<void> {
    const segments = await unit.networks.segments(networkId);
    for (const segment of segments) await this.releaseAllocation(unit, segment);
    if (segments.length > 0) await unit.networks.deleteSegments(networkId);
  }

  /**
   * Hierarchical binding: returns the network's dynamic segment matching `partial`, allocating it
   * when there is none. The lookup ignores the network type and filters on the physical network
   * and the segmentation id only when they are given (non-empty, non-zero), so every port that
   * asks for the same segment shares it. A new segment is reserved through the type driver
   * WITHOUT provider validation and stored with `is_dynamic` true, `segment_index` 0.
   *
   * Runs in the caller's transaction. Throws `InvalidInput` for a type that is not loaded, the
   * type driver's reservation errors (`NoNetworkAvailable`, `VlanIdInUse`, ...), and
   * `DuplicateNetworkSegment` (409) when the network already has a segment of this type on the
   * physical network (the reservation is released again before the throw).
   */
  async allocateDynamicSegment(
    unit: UnitOfWork,
    networkId: string,
    partial: PartialSegment,
  ): Promise<NetworkSegment> {
    const existing = await unit.networks.findDynamicSegment(
      networkId,
      partial.physicalNetwork ? partial.physicalNetwork : null,
      partial.segmentationId ? partial.segmentationId : null,
    );
    if (existing !== null) return existing;

    const driver = this.requireDriver(partial.networkType);
    const reserved = await driver.reserveProviderSegment(unit.allocations, partial);
    const segment = await this.storeSegment(unit, networkId, reserved, 0, true);
    this.logger.debug('allocated dynamic segment', {
      network_id: networkId,
      segment_id: segment.id,
      network_type: segment.networkType,
      physical_network: segment.physicalNetwork,
      segmentation_id: segment.segmentationId,
    });
    return segment;
  }

  /**
   * Releases the segment `segmentId` (normally a dynamic one) through its type driver and deletes
   * its row, in the caller's transaction. An unknown id is logged at debug level; a segment of a
   * type that is not loaded is logged as an error and left in place. Never throws for either.
   */
  async releaseDynamicSegment(unit: UnitOfWork, segmentId: string): Promise<void> {
    const segment = await unit.networks.findSegment(segmentId);
    if (segment === null) {
      this.logger.debug('no segment found to release', { segment_id: segmentId });
      return;
    }
    if (!(await this.releaseAllocation(unit, segment))) return;
    await unit.networks.deleteSegment(segmentId);
  }

  /** Checks the provider part of a create request; returns the segments to reserve, maybe none. */
  private processProviderRequest(request: NetworkSegmentsRequest): ProcessedSegment[] {
    const provider = request.provider;
    const providerSet =
      isGiven(provider) &&
      (isGiven(provider.networkType) ||
        isGiven(provider.physicalNetwork) ||
        isGiven(provider.segmentationId));
    if (providerSet) {
      if (isGiven(request.segments)) throw new SegmentsSetInConjunctionWithProviders();
      return [this.processProviderSegment(provider)];
    }
    if (!isGiven(request.segments)) return [];
    const segments = request.segments.map((segment) => this.processProviderSegment(segment));
    const fullySpecified = segments
      .filter((segment) => !this.requireDriver(segment.networkType).isPartialSegment(segment))
      .map((segment) =>
        JSON.stringify([segment.networkType, segment.physicalNetwork, segment.segmentationId]),
      );
    if (new Set(fullySpecified).size !== fullySpecified.length) {
      throw new SegmentsContainDuplicateEntry();
    }
    return segments;
  }

  private processProviderSegment(segment: SegmentRequest): ProcessedSegment {
    if (!isGiven(segment.networkType)) throw new InvalidInput('network_type required');
    const segmentationId = segment.segmentationId ?? null;
    if (segmentationId !== null && !Number.isSafeInteger(segmentationId)) {
      throw new InvalidInput(`'${segmentationId}' is not an integer`);
    }
    const processed: ProcessedSegment = {
      networkType: segment.networkType,
      physicalNetwork: segment.physicalNetwork ?? null,
      segmentationId,
    };
    this.requireDriver(processed.networkType).validateProviderSegment(processed);
    return processed;
  }

  /**
   * Inserts a segment row for a reservation, in a savepoint (a refused row leaves the caller's
   * transaction usable on every database). When the network already has a segment of this
   * type on this physical network, the reservation is released and `DuplicateNetworkSegment`
   * thrown. When a unique constraint refused the row although no such segment exists (another
   * constraint, such as a reused segment id), the reservation is kept and a plain `Error`
   * (500) names the refused row: that is a bug, not a conflict. Other database errors are
   * passed on as is.
   */
  private async storeSegment(
    unit: UnitOfWork,
    networkId: string,
    reserved: ReservedSegment,
    segmentIndex: number,
    isDynamic: boolean,
    attributes: { readonly name: string | null; readonly description: string | null } = {
      name: null,
      description: null,
    },
  ): Promise<NetworkSegment> {
    const now = this.clock.now();
    const segment: NetworkSegment = {
      id: this.ids.uuid(),
      networkId,
      networkType: reserved.networkType,
      physicalNetwork: reserved.physicalNetwork,
      segmentationId: reserved.segmentationId,
      segmentIndex,
      isDynamic,
      mtu: reserved.mtu,
      name: attributes.name,
      description: attributes.description,
      revisionNumber: 0,
      createdAt: now,
      updatedAt: now,
    };
    if (await unit.networks.insertSegment(segment)) return segment;
    if (!(await this.hasSegmentLike(unit, segment))) {
      throw new Error(
        `segment row ${segment.id} (network ${networkId}, ${segment.networkType} on physical ` +
          `network ${String(segment.physicalNetwork)}) was refused by a unique constraint, ` +
          'and the network has no other segment of that type on that physical network',
      );
    }
    await this.requireDriver(reserved.networkType).releaseSegment(unit.allocations, reserved);
    throw new DuplicateNetworkSegment(networkId, reserved.networkType, reserved.physicalNetwork);
  }

  /** True when another segment of the network has the same type and (non-null) physnet. */
  private async hasSegmentLike(unit: UnitOfWork, segment: NetworkSegment): Promise<boolean> {
    if (segment.physicalNetwork === null) return false;
    return unit.networks.hasSegmentOn(
      segment.networkId,
      segment.networkType,
      segment.physicalNetwork,
    );
  }

  /** Releases a stored segment's allocation; false (error logged) when its type is not loaded. */
  private async releaseAllocation(unit: UnitOfWork, segment: NetworkSegment): Promise<boolean> {
    const driver = this.drivers.get(segment.networkType);
    if (driver === undefined) {
      this.logger.error('cannot release segment: its network type is not supported', {
        segment_id: segment.id,
        network_type: segment.networkType,
      });
      return false;
    }
    await driver.releaseSegment(unit.allocations, segment);
    return true;
  }

  private requireDriver(networkType: string): TypeDriver {
    const driver = this.drivers.get(networkType);
    if (driver === undefined) {
      throw new InvalidInput(`network_type value '${networkType}' not supported`);
    }
    return driver;
  }
}
