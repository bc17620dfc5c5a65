/**
 * A segment as a create-network request or a binding driver asks for it. Every field may be
 * missing (`undefined`) or `null`; both mean "not given". A type driver decides from the given
 * fields whether the request is fully specified or partial (see `TypeDriver.isPartialSegment`).
 */
export interface SegmentRequest {
  /** The type driver's name (`flat`, `vlan`, `vxlan`, `geneve`, `gre`, `local`). */
  readonly networkType?: string | null;
  /** The physical network (flat and vlan only). */
  readonly physicalNetwork?: string | null;
  /** VLAN id, VNI or GRE key. */
  readonly segmentationId?: number | null;
}

/**
 * A segment a type driver has reserved in its allocation table: what gets stored in the
 * `networksegments` row. `mtu` is the type driver's MTU for it (0 when the type has none).
 */
export interface ReservedSegment {
  readonly networkType: string;
  readonly physicalNetwork: string | null;
  readonly segmentationId: number | null;
  readonly mtu: number;
}

/** True when `value` counts as given in a segment request (neither `undefined` nor `null`). */
export function isGiven<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}
