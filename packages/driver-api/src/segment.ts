/**
 * A network segment as drivers see it (`networksegments` row). Immutable snapshot: changing it
 * changes nothing in the database.
 */
export interface Segment {
  readonly id: string;
  readonly networkId: string;
  /** One of the loaded type driver names (`flat`, `vlan`, `vxlan`, `geneve`, `gre`, `local`). */
  readonly networkType: string;
  /** Physical network for `flat` and `vlan` segments, otherwise null. */
  readonly physicalNetwork: string | null;
  /** VLAN id, VNI or GRE key; null for `flat` and `local`. */
  readonly segmentationId: number | null;
  /** Position in the create request; dynamic segments always have 0. */
  readonly segmentIndex: number;
  /** True only for segments allocated during binding (`allocateDynamicSegment`). */
  readonly isDynamic: boolean;
  /** The segment's MTU as computed by its type driver (0 when unknown). */
  readonly mtu: number;
}

/**
 * What a driver asks for when it allocates a dynamic segment: the type is required, the
 * physical network and segmentation id narrow the search.
 */
export interface PartialSegment {
  readonly networkType: string;
  readonly physicalNetwork?: string | null;
  readonly segmentationId?: number | null;
}
