import { type AllocationRepository } from '../repositories/allocation-repository';
import { type ReservedSegment, type SegmentRequest } from './segment-request';

/**
 * One network type (`flat`, `vlan`, `vxlan`, `geneve`, `gre`, `local`): how its segments are
 * validated, reserved in its allocation table, released, and what MTU they have.
 *
 * Every method that takes an `AllocationRepository` works through that repository of the
 * caller's unit of work, inside the caller's transaction, and never opens one itself (claims
 * run in savepoints, which are not transactions); a throw leaves the rollback to the caller.
 * None of them blocks on anything but the database. Errors that can reach an API caller are
 * `Ml2Error`s; database errors are passed on unchanged.
 */
export interface TypeDriver {
  /** The network type this driver serves, e.g. `vlan`. */
  readonly networkType: string;

  /**
   * Start-up synchronisation of the allocation table with the configured ranges, through the
   * allocations of the TypeManager's single start-up transaction. Runs once, before any other
   * method. Never deletes an allocated row, and costs nothing that grows with the size of the
   * ranges.
   */
  initialize(allocations: AllocationRepository): Promise<void>;

  /** True when `segment` leaves the driver to choose the segmentation id. Never throws. */
  isPartialSegment(segment: SegmentRequest): boolean;

  /**
   * Checks a provider segment of a create-network request against the configuration.
   * Throws `InvalidInput` with Neutron's wording when it is not acceptable; touches no database.
   */
  validateProviderSegment(segment: SegmentRequest): void;

  /**
   * Reserves the segment (fully specified: exactly that one; partial: a random free one).
   * Throws `VlanIdInUse`, `TunnelIdInUse` or `FlatNetworkInUse` (409) when it is taken,
   * `NoNetworkAvailable` (503) when a partial request finds nothing free, and
   * `SegmentAllocationRaceLost` (503) when concurrent units of work kept claiming the chosen ids
   * first. A lost race leaves the caller's transaction usable.
   */
  reserveProviderSegment(
    allocations: AllocationRepository,
    segment: SegmentRequest,
  ): Promise<ReservedSegment>;

  /**
   * Reserves a segment for a network without provider data. Returns null when this type
   * cannot give one (nothing free, or the type never serves tenant networks); the TypeManager
   * then tries the next tenant type.
   */
  allocateTenantSegment(allocations: AllocationRepository): Promise<ReservedSegment | null>;

  /**
   * Gives a reserved segment back: its allocation row is deleted, so an id inside the
   * configured ranges is free again and one outside them leaves the pool. A missing allocation
   * is logged as a warning, never thrown.
   */
  releaseSegment(allocations: AllocationRepository, segment: ReservedSegment): Promise<void>;

  /** The MTU of a segment of this type on `physicalNetwork` (0 when unknown). Never throws. */
  getMtu(physicalNetwork: string | null): number;
}
