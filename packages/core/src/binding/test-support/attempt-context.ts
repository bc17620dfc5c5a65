import { type PartialSegment, type Segment } from '@ml2ts/driver-api';
import { EnginePortContext, type PortContextServices } from '../engine-port-context';

/** A static segment of network `net` (VXLAN 100 unless told otherwise). */
export function segment(id: string, networkType = 'vxlan', extra: Partial<Segment> = {}): Segment {
  return {
    id,
    networkId: 'net',
    networkType,
    physicalNetwork: null,
    segmentationId: 100,
    segmentIndex: 0,
    isDynamic: false,
    mtu: 1450,
    ...extra,
  };
}

/**
 * Dynamic segment services over an in-memory list, counting calls: `allocateDynamicSegment`
 * stores a new VLAN segment (after `delayMs`, when given), `releaseDynamicSegment` removes it.
 */
export class MemorySegmentServices implements PortContextServices {
  readonly stored = new Map<string, Segment>();
  readonly inUse = new Set<string>();
  allocations = 0;
  releases = 0;
  private next = 1;

  constructor(private readonly delayMs = 0) {}

  async allocateDynamicSegment(
    networkId: string,
    partial: PartialSegment,
  ): Promise<{ segment: Segment; created: boolean }> {
    this.allocations += 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const created = segment(`dyn-${this.next++}`, partial.networkType, {
      networkId,
      physicalNetwork: partial.physicalNetwork ?? null,
      isDynamic: true,
    });
    this.stored.set(created.id, created);
    return { segment: created, created: true };
  }

  async releaseDynamicSegment(segmentId: string): Promise<void> {
    this.releases += 1;
    this.stored.delete(segmentId);
  }

  async isSegmentInUse(segmentId: string): Promise<boolean> {
    return this.inUse.has(segmentId);
  }
}

/** What `attemptContext` varies. */
export interface AttemptContextOptions {
  /** Default: a fresh `MemorySegmentServices`. */
  services?: PortContextServices;
  /** Give the port one fixed IP (subnet `s`, 10.0.0.5). Default: none. */
  fixedIps?: boolean;
  /** Dynamic segments the network already has, which drivers may hand down a level. */
  dynamic?: Segment[];
}

/** A fresh binding attempt's context for port `port-1` on `host1`, network `net`. */
export function attemptContext(
  segments: readonly Segment[],
  options: AttemptContextOptions = {},
): EnginePortContext {
  return new EnginePortContext({
    current: {
      id: 'port-1',
      networkId: 'net',
      projectId: '',
      name: '',
      macAddress: 'fa:16:3e:00:00:01',
      fixedIps: options.fixedIps ? [{ subnetId: 's', ipAddress: '10.0.0.5' }] : [],
      deviceId: '',
      deviceOwner: 'compute:nova',
      status: 'DOWN',
      adminStateUp: true,
      dnsName: '',
      hostId: 'host1',
      vnicType: 'normal',
      profile: {},
      vifType: 'unbound',
      vifDetails: {},
    },
    original: null,
    network: {
      current: {
        id: 'net',
        projectId: '',
        name: '',
        mtu: 1450,
        adminStateUp: true,
        routerExternal: false,
        vlanTransparent: false,
        segments,
      },
      original: null,
      networkSegments: segments,
    },
    binding: {
      host: 'host1',
      vnicType: 'normal',
      profile: {},
      serializedProfile: '',
      vifType: 'unbound',
      vifDetails: {},
      requestedStatus: undefined,
    },
    levels: [],
    originalLevels: [],
    fixedIpSubnets: [],
    hostAgents: [],
    rows: { agents: [], subnets: [] },
    dynamicSegments: options.dynamic,
    services: options.services ?? new MemorySegmentServices(),
  });
}
