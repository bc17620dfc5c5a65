import {
  type AgentView,
  type BindingLevelView,
  type PortContext,
  type PortStatus,
  type PortView,
  type ProvisioningEntity,
  type Segment,
  type SubnetView,
  type TraceReason,
  type VifDetails,
} from '@ml2ts/driver-api';

/**
 * A minimal recording `PortContext` for the base-class tests of this folder. (Driver packages use
 * `createFakePortContext` from `@ml2ts/testkit`, which depends on core and so cannot be used
 * here.) Only what the bases read is filled in.
 */
export interface TestPortContext extends PortContext {
  readonly declines: TraceReason[];
  readonly bindings: Array<{ segmentId: string | null; vifType: string; vifDetails: VifDetails }>;
  readonly blocks: ProvisioningEntity[];
}

/** What a test sets; everything else has a neutral default. */
export interface TestPortContextOptions {
  host?: string;
  vnicType?: string;
  port?: Partial<PortView>;
  original?: Partial<PortView> | null;
  segments?: readonly Segment[];
  subnets?: readonly SubnetView[];
  agents?: readonly AgentView[];
}

export function segment(
  id: string,
  networkType: string,
  physicalNetwork: string | null = null,
  segmentationId: number | null = null,
): Segment {
  return {
    id,
    networkId: 'net',
    networkType,
    physicalNetwork,
    segmentationId,
    segmentIndex: 0,
    isDynamic: false,
    mtu: 1500,
  };
}

export function agent(fields: Partial<AgentView> & { agentType: string; id: string }): AgentView {
  const at = new Date(0);
  return {
    binary: 'b',
    host: 'host1',
    topic: 'N/A',
    configurations: {},
    adminStateUp: true,
    createdAt: at,
    startedAt: at,
    heartbeatTimestamp: at,
    alive: true,
    heartbeatAgeSeconds: 1,
    agentDownTime: 75,
    ...fields,
  };
}

export function subnet(id: string, segmentId: string | null): SubnetView {
  return { id, networkId: 'net', cidr: '10.0.0.0/24', ipVersion: 4, segmentId, enableDhcp: true };
}

export function testPortContext(options: TestPortContextOptions = {}): TestPortContext {
  const host = options.host ?? 'host1';
  const vnicType = options.vnicType ?? 'normal';
  const current: PortView = {
    id: 'port-1',
    networkId: 'net',
    projectId: 'p',
    name: '',
    macAddress: 'fa:16:3e:00:00:01',
    fixedIps: [],
    deviceId: 'vm',
    deviceOwner: 'compute:nova',
    status: 'DOWN',
    adminStateUp: true,
    dnsName: '',
    hostId: host,
    vnicType,
    profile: {},
    vifType: 'unbound',
    vifDetails: {},
    ...options.port,
  };
  const segments = options.segments ?? [];
  const agents = options.agents ?? [];
  const declines: TraceReason[] = [];
  const bindings: TestPortContext['bindings'] = [];
  const blocks: ProvisioningEntity[] = [];
  const noLevels: BindingLevelView[] = [];
  return {
    current,
    original: options.original ? { ...current, ...options.original } : null,
    network: {
      current: {
        id: 'net',
        projectId: 'p',
        name: 'n',
        mtu: 1500,
        adminStateUp: true,
        routerExternal: false,
        vlanTransparent: false,
        segments,
      },
      original: null,
      networkSegments: segments,
    },
    host,
    vnicType,
    profile: current.profile,
    fixedIpSubnets: options.subnets ?? [],
    segmentsToBind: segments,
    bindingLevels: noLevels,
    originalBindingLevels: noLevels,
    topBoundSegment: null,
    bottomBoundSegment: null,
    vifType: 'unbound',
    vifDetails: {},
    declines,
    bindings,
    blocks,
    hostAgents: (agentType) => agents.filter((a) => a.agentType === agentType && a.host === host),
    setBinding: (
      segmentId: string | null,
      vifType: string,
      vifDetails: VifDetails,
      _status?: PortStatus,
    ) => {
      bindings.push({ segmentId, vifType, vifDetails });
    },
    continueBinding: () => {
      throw new Error('agent drivers never continue a binding');
    },
    allocateDynamicSegment: () => Promise.reject(new Error('not used by agent drivers')),
    releaseDynamicSegment: () => Promise.reject(new Error('not used by agent drivers')),
    isSegmentInUse: () => Promise.reject(new Error('not used by agent drivers')),
    decline: (reason) => {
      declines.push(reason);
    },
    addProvisioningBlock: (entity) => {
      blocks.push(entity);
    },
  };
}
