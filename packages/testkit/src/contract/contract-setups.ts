import { type BindingLevelView, DEFAULT_TYPE_DRIVERS, type Segment } from '@ml2ts/driver-api';
import { createFakePortContext, type FakePortContext } from '../fakes/fake-port-context';
import { makeSegment } from '../fixtures/make-segment';
import { bindsWithoutAgent, declaredVnicTypes } from './contract-declaration';
import {
  type AgentSetup,
  ALL_TUNNEL_TYPES,
  capableAgent,
  contractHost,
  MAPPED_PHYSICAL_NETWORKS,
  sampleSegment,
} from './contract-fixtures';
import { type TurnSetup } from './contract-turn';
import { type DriverCapabilities, type VnicTypeCapability } from '@ml2ts/driver-api';

/** A network type no type driver has, for drivers that bind every standard type. */
export const UNSUPPORTED_NETWORK_TYPE = 'contract-unsupported';

/**
 * A turn that the driver must bind when it binds `segments` at all: the port of `vnic` on the
 * host (default `contractHost`: the first declared host, else `host1`) with a capable live agent
 * there, unless `vnic` binds without agents.
 * `agent` adjusts that agent; `overrides` replaces any other input.
 */
export function capableSetup(
  capabilities: DriverCapabilities,
  vnic: VnicTypeCapability,
  segments: readonly Segment[],
  agent: AgentSetup = {},
  overrides: Partial<TurnSetup> = {},
): TurnSetup {
  const host = overrides.host ?? contractHost(capabilities);
  const agents = bindsWithoutAgent(capabilities, vnic)
    ? []
    : [capableAgent(capabilities, { vnic, host, ...agent })];
  return { vnic, host, agents, segments, ...overrides };
}

/**
 * An agent that is no reason to refuse anything: it reports every tunnel type and every vnic
 * type's agent requirements. For checks where only the driver's own declaration may refuse.
 */
export function permissiveAgentSetup(capabilities: DriverCapabilities): AgentSetup {
  const configurations = Object.assign(
    {},
    ...declaredVnicTypes(capabilities).map((vnic) => vnic.agentConfigurations ?? {}),
  ) as Record<string, unknown>;
  return { tunnelTypes: ALL_TUNNEL_TYPES, configurations };
}

/** The standard network types the driver does not declare, in type-driver order. */
export function refusedNetworkTypes(capabilities: DriverCapabilities): readonly string[] {
  return DEFAULT_TYPE_DRIVERS.filter((type) => !capabilities.networkTypes.includes(type));
}

/** Every network type the suite tries: the standard ones, then other declared ones. */
export function triedNetworkTypes(capabilities: DriverCapabilities): readonly string[] {
  return [
    ...DEFAULT_TYPE_DRIVERS,
    ...capabilities.networkTypes.filter((type) => !DEFAULT_TYPE_DRIVERS.includes(type as never)),
  ];
}

/** A segment of a type the driver does not declare. */
export function unsupportedSegment(capabilities: DriverCapabilities): Segment {
  const type = refusedNetworkTypes(capabilities)[0];
  return type === undefined
    ? makeSegment({ networkType: UNSUPPORTED_NETWORK_TYPE, id: 'segment-unsupported' })
    : sampleSegment(type);
}

/** A dynamic segment of the declared hierarchical type, as a lower level would have bound it. */
export function dynamicSegmentOf(capabilities: DriverCapabilities): Segment {
  const networkType = capabilities.hierarchical?.dynamicSegment.networkType ?? 'vlan';
  const physicalNetwork =
    capabilities.hierarchical?.dynamicSegment.physicalNetwork ??
    (networkType === 'vlan' || networkType === 'flat' ? MAPPED_PHYSICAL_NETWORKS[0] : null);
  return makeSegment({
    id: 'segment-dynamic-contract',
    networkType,
    physicalNetwork,
    segmentationId: networkType === 'flat' ? null : 57,
    isDynamic: true,
  });
}

/** What a port hook context is built from. */
export interface HookSetup {
  readonly vnic: VnicTypeCapability;
  readonly segments: readonly Segment[];
  /** The binding after the operation (on delete, the deleted port's levels). */
  readonly bindingLevels: readonly BindingLevelView[];
  /** The binding before the operation. */
  readonly originalBindingLevels: readonly BindingLevelView[];
  readonly dynamicSegments?: readonly Segment[];
  readonly segmentsInUse?: readonly string[];
  readonly capabilities: DriverCapabilities;
}

/** A fake context for a port hook (create/update/delete, pre or post commit). */
export function hookContext(setup: HookSetup): FakePortContext {
  const host = contractHost(setup.capabilities);
  return createFakePortContext({
    host,
    vnicType: setup.vnic.vnicType,
    profile: setup.vnic.profile,
    original: { hostId: host },
    segments: setup.segments,
    segmentsToBind: [],
    bindingLevels: setup.bindingLevels,
    originalBindingLevels: setup.originalBindingLevels,
    dynamicSegments: setup.dynamicSegments,
    segmentsInUse: setup.segmentsInUse,
    agents: [capableAgent(setup.capabilities, { vnic: setup.vnic })],
  });
}

/** The port hooks of the driver API, in the order an operation would call them. */
export const PORT_HOOKS = [
  'createPortPrecommit',
  'createPortPostcommit',
  'updatePortPrecommit',
  'updatePortPostcommit',
  'deletePortPrecommit',
  'deletePortPostcommit',
] as const;
