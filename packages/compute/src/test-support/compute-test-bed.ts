import { resolve } from 'node:path';
import { InMemoryBridge, ManualScheduler } from '@ml2ts/agent';
import { createEngine, type Engine, type Ml2Plugin } from '@ml2ts/core';
import { ComputeService, type ComputeServiceOptions } from '../compute-service';
import { InMemoryHostDataPlane } from '../host-data-plane';
import { inProcessNetworkApi } from '../network-api';

/** The repository's `node_modules`, where the driver packages are linked. */
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');

/** The hosts of the test bed, one per agent type. */
export const HOSTS = {
  ovs: 'compute-ovs',
  linuxbridge: 'compute-lb',
  sriov: 'compute-sriov',
} as const;

/** The virtual functions of the SR-IOV host's NIC `ens2f0`, unassigned. */
export const VF_SLOTS = ['0000:81:00.1', '0000:81:00.2', '0000:81:00.3'] as const;

/** The data plane of the three hosts: br-int, tap devices, virtual functions. */
export interface TestDataPlanes {
  ovs: InMemoryHostDataPlane;
  brInt: InMemoryBridge;
  linuxbridge: InMemoryHostDataPlane;
  taps: InMemoryBridge;
  sriov: InMemoryHostDataPlane;
  vfs: InMemoryBridge;
}

/** An engine with the three agent drivers, a manual clock, the hosts and a compute service. */
export interface ComputeTestBed {
  engine: Engine;
  plugin: Ml2Plugin;
  scheduler: ManualScheduler;
  hosts: TestDataPlanes;
  compute: ComputeService;
  /** A VXLAN network (tenant range 1001:1010) and a VLAN network on physnet1 (VLAN 100). */
  networks: { vxlan: string; vlan: string };
  /** Every status change of a port so far, as `FROM→TO`, in order. */
  transitions(portId: string): string[];
  close(): Promise<void>;
}

/** Builds the three hosts' data planes: `br-int`, the tap devices, and three unassigned VFs. */
export function makeDataPlanes(): TestDataPlanes {
  const brInt = new InMemoryBridge('br-int');
  const taps = new InMemoryBridge('taps');
  const vfs = new InMemoryBridge('ens2f0-vfs');
  VF_SLOTS.forEach((pciSlot, index) =>
    vfs.addInterface({ name: `ens2f0v${index}`, pciSlot, mac: '00:00:00:00:00:00' }),
  );
  return {
    ovs: new InMemoryHostDataPlane(HOSTS.ovs, { ovsBridges: [brInt] }),
    brInt,
    linuxbridge: new InMemoryHostDataPlane(HOSTS.linuxbridge, { tapDevices: taps }),
    taps,
    sriov: new InMemoryHostDataPlane(HOSTS.sriov, { virtualFunctions: vfs }),
    vfs,
  };
}

/**
 * Starts an engine on an in-memory database with the `openvswitch`, `linuxbridge` and
 * `sriovnicswitch` drivers, tenant VXLAN 1001:1010 and VLAN physnet1 100:199; its clock is a
 * manual scheduler, which the compute service also uses for its timeout. Provisioning retries
 * do not wait; segment allocation takes the lowest free id.
 */
export async function startComputeTestBed(
  options: Omit<ComputeServiceOptions, 'network' | 'hosts' | 'scheduler'> = {},
): Promise<ComputeTestBed> {
  const scheduler = new ManualScheduler();
  const engine = await createEngine({
    database: ':memory:',
    clock: scheduler,
    random: { nextInt: () => 0 },
    sleep: async () => undefined,
    pluginSearchPaths: [NODE_MODULES],
    overrides: {
      ml2: {
        mechanism_drivers: ['openvswitch', 'linuxbridge', 'sriovnicswitch'],
        tenant_network_types: ['vxlan'],
      },
      ml2_type_vxlan: { vni_ranges: ['1001:1010'] },
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199'] },
      experimental: { linuxbridge: true },
    },
  });
  const plugin = engine.plugin;
  const changes: Array<{ portId: string; from: string; to: string }> = [];
  plugin.notifier.on('portStatusChanged', (change) => changes.push(change));
  const vxlan = await plugin.createNetwork({ name: 'tenant-vxlan' });
  const vlan = await plugin.createNetwork({
    name: 'provider-vlan',
    'provider:network_type': 'vlan',
    'provider:physical_network': 'physnet1',
    'provider:segmentation_id': 100,
  });
  const hosts = makeDataPlanes();
  const compute = new ComputeService({
    ...options,
    network: inProcessNetworkApi(plugin),
    hosts: [hosts.ovs, hosts.linuxbridge, hosts.sriov],
    scheduler,
  });
  return {
    engine,
    plugin,
    scheduler,
    hosts,
    compute,
    networks: { vxlan: vxlan.id, vlan: vlan.id },
    transitions: (portId) =>
      changes
        .filter((change) => change.portId === portId)
        .map((change) => `${change.from}→${change.to}`),
    close: () => engine.close(),
  };
}

/**
 * Moves the manual clock forward in `stepMs` steps, letting other work run between steps, until
 * `work` settles; rejects when it has not settled after `limitMs` of manual time. Returns what
 * `work` resolves to (or rejects with).
 */
export async function driveUntilSettled<T>(
  scheduler: ManualScheduler,
  work: Promise<T>,
  { stepMs = 500, limitMs = 120_000 }: { stepMs?: number; limitMs?: number } = {},
): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let elapsed = 0; !settled; elapsed += stepMs) {
    if (elapsed > limitMs) throw new Error(`work did not settle within ${limitMs} ms`);
    await letOtherWorkRun();
    if (!settled) await scheduler.advance(stepMs);
  }
  return work;
}

/** Yields to the event loop a few times, so that queued database work and callbacks run. */
export async function letOtherWorkRun(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((done) => setImmediate(done));
}

/**
 * Moves the manual clock forward in `stepMs` steps until `condition` holds; rejects when it
 * still does not after `limitMs` of manual time.
 */
export async function driveUntil(
  scheduler: ManualScheduler,
  condition: () => Promise<boolean> | boolean,
  { stepMs = 500, limitMs = 120_000 }: { stepMs?: number; limitMs?: number } = {},
): Promise<void> {
  for (let elapsed = 0; ; elapsed += stepMs) {
    await letOtherWorkRun();
    if (await condition()) return;
    if (elapsed > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await scheduler.advance(stepMs);
  }
}
