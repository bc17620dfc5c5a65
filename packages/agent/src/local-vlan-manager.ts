/** The lowest and highest local VLAN id an OVS agent hands out (4095 is the dead VLAN). */
export const MIN_LOCAL_VLAN = 1;
export const MAX_LOCAL_VLAN = 4094;

/** A network segment as the agent maps it to a local VLAN. */
export interface LocalVlanMapping {
  vlan: number;
  networkId: string;
  networkType: string;
  physicalNetwork: string | null;
  segmentationId: number | null;
}

/** All local VLANs 1..4094 are in use. */
export class LocalVlansExhaustedError extends Error {
  constructor() {
    super(`no free local VLAN: all of ${MIN_LOCAL_VLAN}..${MAX_LOCAL_VLAN} are in use`);
    this.name = 'LocalVlansExhaustedError';
  }
}

/**
 * The OVS agent's local VLANs: one per (network, segmentation id) that has ports on this host,
 * handed out lowest-free-first from 1..4094 and released when the last port leaves. Never blocks.
 */
export class LocalVlanManager {
  private readonly mappings = new Map<string, LocalVlanMapping>();
  private readonly users = new Map<string, Set<string>>();

  /**
   * The local VLAN of the segment, allocated if needed, with `user` (a device key) recorded as
   * using it. Throws `LocalVlansExhaustedError` when none is free.
   */
  acquire(segment: Omit<LocalVlanMapping, 'vlan'>, user: string): LocalVlanMapping {
    const key = segmentKey(segment.networkId, segment.segmentationId);
    let mapping = this.mappings.get(key);
    if (!mapping) {
      mapping = { ...segment, vlan: this.freeVlan() };
      this.mappings.set(key, mapping);
      this.users.set(key, new Set());
    }
    this.users.get(key)!.add(user);
    return mapping;
  }

  /** Drops `user` from the segment's VLAN; the VLAN is freed when nobody uses it any more. */
  release(networkId: string, segmentationId: number | null, user: string): void {
    const key = segmentKey(networkId, segmentationId);
    const users = this.users.get(key);
    if (!users) return;
    users.delete(user);
    if (users.size === 0) {
      this.users.delete(key);
      this.mappings.delete(key);
    }
  }

  /** The mapping of a segment, or undefined when it has no local VLAN. */
  lookup(networkId: string, segmentationId: number | null): LocalVlanMapping | undefined {
    return this.mappings.get(segmentKey(networkId, segmentationId));
  }

  /** Every mapping in use, by VLAN. */
  list(): LocalVlanMapping[] {
    return [...this.mappings.values()].sort((a, b) => a.vlan - b.vlan);
  }

  private freeVlan(): number {
    const used = new Set([...this.mappings.values()].map((mapping) => mapping.vlan));
    for (let vlan = MIN_LOCAL_VLAN; vlan <= MAX_LOCAL_VLAN; vlan++) {
      if (!used.has(vlan)) return vlan;
    }
    throw new LocalVlansExhaustedError();
  }
}

function segmentKey(networkId: string, segmentationId: number | null): string {
  return `${networkId}/${segmentationId ?? ''}`;
}
