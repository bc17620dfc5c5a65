import {
  type BindingLevelView,
  type DriverCapabilities,
  type MechanismDriver,
  type NetworkContext,
  type NetworkHook as ResourceNetworkHook,
  type PortHook,
  type Segment,
  type SubnetContext,
  type SubnetHook,
  type VnicTypeCapability,
} from '@ml2ts/driver-api';
import { createFakePortContext } from '../fakes/fake-port-context';
import { makeSubnet } from '../fixtures/make-subnet';
import { declaredVnicTypes, firstNetworkType } from './contract-declaration';
import { capableAgent, contractHost, sampleSegment } from './contract-fixtures';
import { dynamicSegmentOf, hookContext, triedNetworkTypes } from './contract-setups';

export type { PortHook, SubnetHook };

/** The network hooks of the driver API, `checkVlanTransparency` included. */
export type NetworkHook = ResourceNetworkHook | 'checkVlanTransparency';

/** Every hook of the driver API but `initialize` and `bindPort`. */
export type DriverHook = PortHook | NetworkHook | SubnetHook;

/** The resource a hook is about, as the contract groups name their checks. */
export type HookResource = 'port' | 'network' | 'subnet';

/**
 * The hooks the engine calls inside the database transaction of an operation, where they must
 * not block: the pre-commit hooks, and `checkVlanTransparency` (asked inside the create-network
 * transaction).
 */
export const IN_TRANSACTION_HOOKS: readonly DriverHook[] = [
  'createNetworkPrecommit',
  'updateNetworkPrecommit',
  'deleteNetworkPrecommit',
  'checkVlanTransparency',
  'createSubnetPrecommit',
  'updateSubnetPrecommit',
  'deleteSubnetPrecommit',
  'createPortPrecommit',
  'updatePortPrecommit',
  'deletePortPrecommit',
];

/** One call of a hook other than `bindPort`, on a fresh fake context each time it runs. */
export interface HookCall {
  /** The hook this call runs. */
  readonly hook: DriverHook;
  /** What the hook is about: a network, a subnet or a port. */
  readonly resource: HookResource;
  /** The inputs in words, for failure messages. */
  readonly situation: string;
  /** True when the driver has the hook. */
  has(driver: MechanismDriver): boolean;
  /** Calls the hook on `driver` with a new context; returns what the hook returns. */
  call(driver: MechanismDriver): unknown;
}

/**
 * Calls of every hook but `bindPort`, in the order an operation's hooks come: network hooks on
 * a network of each network type the suite tries (created, updated, deleted; a VLAN-transparent
 * one for `checkVlanTransparency`), subnet hooks on a subnet of a network of the first declared
 * type, and port hooks for each declared vnic type (a new port, the commit of a binding, an
 * update and the delete of a bound port). Pure: builds no context until a call runs.
 */
export function hookCalls(capabilities: DriverCapabilities): HookCall[] {
  return [
    ...triedNetworkTypes(capabilities).flatMap((type) => networkHookCalls(sampleSegment(type))),
    ...subnetHookCalls(sampleSegment(firstNetworkType(capabilities))),
    ...declaredVnicTypes(capabilities).flatMap((vnic) => portHookCalls(capabilities, vnic)),
  ];
}

function networkHookCalls(segment: Segment): HookCall[] {
  const kind = `a ${segment.networkType} network`;
  const context = (change: 'create' | 'update' | 'delete', vlanTransparent = false) => {
    const network = createFakePortContext({
      segments: [segment],
      network: { vlanTransparent },
    }).network;
    if (change !== 'update') return network;
    return { ...network, original: { ...network.current, name: 'network-before-update' } };
  };
  const on = (hook: NetworkHook, situation: string, build: () => NetworkContext): HookCall => ({
    hook,
    resource: 'network',
    situation,
    has: (driver) => typeof driver[hook] === 'function',
    call: (driver) => driver[hook]?.(build()),
  });
  return [
    on('createNetworkPrecommit', `creating ${kind}`, () => context('create')),
    on('checkVlanTransparency', `creating ${kind} that is VLAN transparent`, () =>
      context('create', true),
    ),
    on('createNetworkPostcommit', `creating ${kind}`, () => context('create')),
    on('updateNetworkPrecommit', `updating ${kind}`, () => context('update')),
    on('updateNetworkPostcommit', `updating ${kind}`, () => context('update')),
    on('deleteNetworkPrecommit', `deleting ${kind}`, () => context('delete')),
    on('deleteNetworkPostcommit', `deleting ${kind}`, () => context('delete')),
  ];
}

const VERBS = { create: 'creating', update: 'updating', delete: 'deleting' } as const;

function subnetHookCalls(segment: Segment): HookCall[] {
  const kind = `a subnet of a ${segment.networkType} network`;
  const context = (change: 'create' | 'update' | 'delete'): SubnetContext => {
    const network = createFakePortContext({ segments: [segment] }).network;
    const current = makeSubnet({ networkId: network.current.id });
    const original = change === 'update' ? { ...current, enableDhcp: false } : null;
    return { current, original, network };
  };
  const on = (hook: SubnetHook, change: 'create' | 'update' | 'delete'): HookCall => ({
    hook,
    resource: 'subnet',
    situation: `${VERBS[change]} ${kind}`,
    has: (driver) => typeof driver[hook] === 'function',
    call: (driver) => driver[hook]?.(context(change)),
  });
  return [
    on('createSubnetPrecommit', 'create'),
    on('createSubnetPostcommit', 'create'),
    on('updateSubnetPrecommit', 'update'),
    on('updateSubnetPostcommit', 'update'),
    on('deleteSubnetPrecommit', 'delete'),
    on('deleteSubnetPostcommit', 'delete'),
  ];
}

function portHookCalls(capabilities: DriverCapabilities, vnic: VnicTypeCapability): HookCall[] {
  const host = contractHost(capabilities);
  const top = sampleSegment(firstNetworkType(capabilities));
  const levels: BindingLevelView[] =
    capabilities.hierarchical === null
      ? [{ level: 0, driver: capabilities.name, segment: top }]
      : [
          { level: 0, driver: capabilities.name, segment: top },
          { level: 1, driver: 'lower-driver', segment: dynamicSegmentOf(capabilities) },
        ];
  const dynamicSegments = levels.slice(1).flatMap((level) => level.segment ?? []);
  const port = `a ${vnic.vnicType} port on ${host}`;
  const created = () =>
    createFakePortContext({
      host,
      vnicType: vnic.vnicType,
      profile: vnic.profile,
      segments: [top],
      segmentsToBind: [],
      agents: [capableAgent(capabilities, { vnic })],
    });
  const bindingCommitted = () =>
    createFakePortContext({
      host,
      vnicType: vnic.vnicType,
      profile: vnic.profile,
      original: { hostId: '' },
      segments: [top],
      segmentsToBind: [],
      bindingLevels: levels,
      dynamicSegments,
      agents: [capableAgent(capabilities, { vnic })],
    });
  const bound = () =>
    hookContext({
      capabilities,
      vnic,
      segments: [top],
      bindingLevels: levels,
      originalBindingLevels: levels,
      dynamicSegments,
    });
  const on = (hook: PortHook, situation: string, build: () => ReturnType<typeof bound>) => ({
    hook,
    resource: 'port' as const,
    situation,
    has: (driver: MechanismDriver) => typeof driver[hook] === 'function',
    call: (driver: MechanismDriver) => driver[hook]?.(build()),
  });
  return [
    on('createPortPrecommit', `creating ${port}`, created),
    on('createPortPostcommit', `creating ${port}`, created),
    on('updatePortPrecommit', `committing the binding of ${port}`, bindingCommitted),
    on('updatePortPostcommit', `committing the binding of ${port}`, bindingCommitted),
    on('updatePortPrecommit', `updating ${port}, bound`, bound),
    on('updatePortPostcommit', `updating ${port}, bound`, bound),
    on('deletePortPrecommit', `deleting ${port}, bound`, bound),
    on('deletePortPostcommit', `deleting ${port}, bound`, bound),
  ];
}
