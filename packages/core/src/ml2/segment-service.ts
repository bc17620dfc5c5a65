import {
  type Clock,
  type Logger,
  type NetworkContext,
  NetworkNotFound,
  type NetworkSegmentResource,
  type NetworkView,
  type SegmentCreateRequest,
  SegmentInUse,
  SegmentNotFound,
  type SegmentUpdateRequest,
} from '@ml2ts/driver-api';
import { type Network, type NetworkSegment } from '@ml2ts/store';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { type TypeManager } from '../types/type-manager';
import { toNetworkView, toSegmentResource } from './view-mappers';

/** What the segment service is built from; the plugin hands its own parts over. */
export interface SegmentServiceParts {
  readonly repositories: Repositories;
  readonly types: TypeManager;
  readonly mechanisms: MechanismManager;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Segments as resources of their own (Neutron's `segment` extension): add a static segment to
 * an existing network, read, rename and delete segments. Adding or removing a static segment
 * changes the network: its MTU is computed again, its revision moves, and the drivers'
 * `updateNetworkPrecommit` runs inside the transaction (a throw rolls it back) and
 * `updateNetworkPostcommit` after the commit (a throw is logged). Arguments are checked by the
 * plugin's operation guard before they get here. Every method opens its own unit of work and
 * must not be called inside one; a throw is an `Ml2Error` and leaves the database as it was.
 */
export class SegmentService {
  private readonly repositories: Repositories;
  private readonly types: TypeManager;
  private readonly mechanisms: MechanismManager;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(parts: SegmentServiceParts) {
    this.repositories = parts.repositories;
    this.types = parts.types;
    this.mechanisms = parts.mechanisms;
    this.clock = parts.clock;
    this.logger = parts.logger;
  }

  /**
   * Adds a static segment to the network, reserved through its type driver as a provider
   * segment of a new network would be (a missing segmentation id is allocated). Errors:
   * InvalidInput 400, NetworkNotFound 404, VlanIdInUse / TunnelIdInUse / FlatNetworkInUse /
   * DuplicateNetworkSegment 409, NoNetworkAvailable 503, MechanismDriverError 500.
   */
  async create(request: SegmentCreateRequest): Promise<NetworkSegmentResource> {
    const created = await this.repositories.transaction(async (unit) => {
      const network = await unit.networks.find(request.network_id);
      if (!network) throw new NetworkNotFound(request.network_id);
      const statics = await staticSegmentsOf(unit, network.id);
      const segment = await this.types.addStaticSegment(
        unit,
        network.id,
        {
          networkType: request.network_type,
          physicalNetwork: request.physical_network ?? null,
          segmentationId: request.segmentation_id ?? null,
        },
        { name: request.name ?? null, description: request.description ?? null },
      );
      const context = await this.changeNetwork(unit, network, statics, [...statics, segment]);
      return { segment, context };
    });
    await this.afterNetworkChange(created.context);
    return toSegmentResource(created.segment);
  }

  /** One segment (static or dynamic); SegmentNotFound 404. */
  async get(segmentId: string): Promise<NetworkSegmentResource> {
    const segment = await this.repositories.read((unit) => unit.networks.findSegment(segmentId));
    if (!segment) throw new SegmentNotFound(segmentId);
    return toSegmentResource(segment);
  }

  /** Every segment of every network: by network id, static ones by index, then dynamic ones. */
  async list(): Promise<NetworkSegmentResource[]> {
    const segments = await this.repositories.read((unit) => unit.networks.allSegments());
    return segments.map(toSegmentResource);
  }

  /** Renames or re-describes a segment, moving its revision. SegmentNotFound 404. */
  async update(segmentId: string, request: SegmentUpdateRequest): Promise<NetworkSegmentResource> {
    return this.repositories.transaction(async (unit) => {
      const segment = await unit.networks.findSegment(segmentId);
      if (!segment) throw new SegmentNotFound(segmentId);
      if (request.name !== undefined) segment.name = request.name;
      if (request.description !== undefined) segment.description = request.description;
      segment.updatedAt = this.clock.now();
      await unit.networks.updateSegment(segment);
      segment.revisionNumber += 1;
      return toSegmentResource(segment);
    });
  }

  /**
   * Deletes a segment and releases its allocation. Refused with SegmentInUse (409) while subnets
   * belong to it or ports are bound through it (its row is locked against binding commits while
   * that is checked). Removing a static segment changes its network (see the class). Errors:
   * SegmentNotFound 404, SegmentInUse 409, MechanismDriverError 500.
   */
  async delete(segmentId: string): Promise<void> {
    const context = await this.repositories.transaction(async (unit) => {
      const segment = await unit.networks.findSegment(segmentId);
      if (!segment) throw new SegmentNotFound(segmentId);
      const subnetIds = await unit.networks.subnetIdsOnSegment(segmentId);
      if (subnetIds.length > 0) {
        throw new SegmentInUse(
          segmentId,
          `subnet(s) ${subnetIds.join(', ')} belong to it; delete them first`,
        );
      }
      const bound = await unit.networks.segmentInUseForRelease(segmentId);
      if (bound === null) throw new SegmentNotFound(segmentId);
      if (bound) {
        throw new SegmentInUse(
          segmentId,
          'ports are bound through it; unbind or delete them first',
        );
      }
      await this.types.removeSegment(unit, segment);
      if (segment.isDynamic) return null;
      const network = await unit.networks.find(segment.networkId);
      if (!network) throw new NetworkNotFound(segment.networkId);
      const statics = await staticSegmentsOf(unit, network.id);
      return this.changeNetwork(unit, network, [...statics, segment], statics);
    });
    if (context) await this.afterNetworkChange(context);
  }

  /**
   * Inside the transaction that changed the network's static segments from `before` to
   * `after`: computes the MTU again (a smaller MTU requested earlier is kept while the segments
   * allow it), writes the network with its revision moved, and runs the update pre-commit hooks.
   * Returns the hooks' context, for the post-commit ones.
   */
  private async changeNetwork(
    unit: UnitOfWork,
    network: Network,
    before: readonly NetworkSegment[],
    after: readonly NetworkSegment[],
  ): Promise<NetworkContext> {
    const original: NetworkView = toNetworkView(network, before);
    const largestBefore = this.types.networkMtu(before);
    const largestAfter = this.types.networkMtu(after);
    network.mtu = network.mtu < largestBefore ? Math.min(network.mtu, largestAfter) : largestAfter;
    network.updatedAt = this.clock.now();
    await unit.networks.update(network);
    network.revisionNumber += 1;
    const current = toNetworkView(network, after);
    const context: NetworkContext = { current, original, networkSegments: current.segments };
    await this.mechanisms.callPrecommit('updateNetworkPrecommit', context);
    return context;
  }

  /** After the commit: the update post-commit hooks; a failure is logged, the change stands. */
  private async afterNetworkChange(context: NetworkContext): Promise<void> {
    await this.mechanisms
      .callPostcommit('updateNetworkPostcommit', context, false)
      .catch((error: unknown) =>
        this.logger.error('update_network_postcommit failed after a segment change', {
          network: context.current.id,
          error,
        }),
      );
  }
}

/** The network's static segments, by segment index. */
async function staticSegmentsOf(unit: UnitOfWork, networkId: string): Promise<NetworkSegment[]> {
  return (await unit.networks.segments(networkId)).filter((segment) => !segment.isDynamic);
}
