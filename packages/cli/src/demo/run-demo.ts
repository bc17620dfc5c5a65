import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type AgentEvent, type L2Agent, systemScheduler } from '@ml2ts/agent';
import {
  BindingFailedError,
  ComputeService,
  type InstancePort,
  inProcessNetworkApi,
} from '@ml2ts/compute';
import { type ConfigurationOverrides, createEngine, serveAgentRpc } from '@ml2ts/core';
import { InProcessTransport } from '@ml2ts/agent-rpc';
import { type NetworkResource, ShiftedClock } from '@ml2ts/driver-api';
import { redactDatabaseUrl } from '@ml2ts/store';
import { buildDemoHost, DEMO_VF_SLOTS, type DemoHost, type DemoHostSpec } from './demo-hosts';
import { formatOffset, formatPortTimeline } from './format-port-timeline';
import { TimelineRecorder } from './timeline-recorder';

/** The engine's configuration in the demo: the three agent drivers, VXLAN and VLAN ranges. */
export const DEMO_CONFIGURATION: ConfigurationOverrides = {
  ml2: {
    mechanism_drivers: ['openvswitch', 'linuxbridge', 'sriovnicswitch'],
    tenant_network_types: ['vxlan'],
  },
  ml2_type_vxlan: { vni_ranges: ['1000:1999'] },
  ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199'] },
  experimental: { linuxbridge: true },
};

/** The hosts whose agents stay up. */
export const DEMO_HOSTS: readonly DemoHostSpec[] = [
  { host: 'compute-1', kind: 'ovs' },
  { host: 'compute-2', kind: 'linuxbridge' },
  { host: 'compute-3', kind: 'sriov' },
];

/** The host whose agent reports once and then dies. */
export const DEAD_HOST: DemoHostSpec = { host: 'compute-4', kind: 'ovs' };

/** How long ago the dead agent's last heartbeat is made to be, in seconds. */
export const DEAD_HEARTBEAT_AGE = 300;

interface DemoVm {
  name: string;
  host: string;
  network: 'vxlan' | 'vlan';
  vnicType?: string;
  profile?: Record<string, unknown>;
}

/** The VMs that boot, in order. */
const DEMO_VMS: readonly DemoVm[] = [
  { name: 'web-1', host: 'compute-1', network: 'vxlan' },
  { name: 'web-2', host: 'compute-1', network: 'vlan' },
  { name: 'db-1', host: 'compute-2', network: 'vlan' },
  { name: 'cache-1', host: 'compute-2', network: 'vxlan' },
  {
    name: 'nfv-1',
    host: 'compute-3',
    network: 'vlan',
    vnicType: 'direct',
    profile: { pci_slot: DEMO_VF_SLOTS[0], physical_network: 'physnet1' },
  },
];

/** What `runDemo` needs. */
export interface DemoOptions {
  /**
   * The database: a SQLite file (created when missing) or a PostgreSQL/MariaDB URL (the database
   * must exist). Printed with its password redacted.
   */
  database: string;
  /** Whether the database was wiped before the run (only changes the wording). */
  fresh: boolean;
  /** Where the demo writes its text. Must not throw. */
  write: (text: string) => void;
  /** The agents' `polling_interval` in seconds. Default 0.1. */
  pollingInterval?: number;
  /** Monotonic milliseconds for the timings. Default `performance.now`. */
  now?: () => number;
}

/** What the demo did. */
export interface DemoResult {
  booted: InstancePort[];
  /** The refused boot on the host whose agent is dead. */
  refused: BindingFailedError;
}

/**
 * The story of a VM's NIC, told on a real engine with real agents and the compute side: three
 * hosts come online (OVS with iptables_hybrid, Linux bridge, SR-IOV), a VLAN and a VXLAN network
 * are created, five VMs boot and each port's timeline is printed; then a VM is sent to a host
 * whose agent is dead and the reason binding failed is printed from the trace. Uses real time
 * (agents poll every `pollingInterval`). Leaves the ports ACTIVE in the database, stops the
 * agents and closes the engine. Rejects when a step does not go as described (a boot fails, or
 * the doomed boot does not).
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const print = (line = '') => options.write(`${line}\n`);
  const now = options.now ?? (() => performance.now());
  const pollingInterval = options.pollingInterval ?? 0.1;
  const clock = new ShiftedClock();
  const engine = await createEngine({
    database: options.database,
    overrides: DEMO_CONFIGURATION,
    clock,
  });
  const plugin = engine.plugin;
  const transport = new InProcessTransport();
  await serveAgentRpc(plugin, transport);
  const recorder = new TimelineRecorder(now);
  const shownDatabase = redactDatabaseUrl(options.database);
  const stopRecording = recorder.watchServer(plugin.notifier);
  const reportWaiters = new Map<string, (event: AgentEvent) => void>();
  const context = {
    transport,
    scheduler: systemScheduler,
    pollingInterval,
    observer: (host: string, agentType: string) => {
      const record = recorder.agentObserver(host, agentType);
      return (event: AgentEvent) => {
        record(event);
        reportWaiters.get(host)?.(event);
      };
    },
  };
  const running: L2Agent[] = [];
  const startAgent = async (host: DemoHost) => {
    const reported = new Promise<AgentEvent>((resolve) =>
      reportWaiters.set(host.spec.host, (event) => {
        if (event.type !== 'reported' && event.type !== 'reportFailed') return;
        reportWaiters.delete(host.spec.host);
        resolve(event);
      }),
    );
    const started = now();
    running.push(host.agent);
    await host.agent.start();
    const event = await reported;
    if (event.type !== 'reported') {
      throw new Error(`the agent on ${host.spec.host} could not report: ${describe(event)}`);
    }
    const answer =
      host.agent.handler.reportMode === 'cast' ? 'sent as a cast (no answer)' : event.status;
    return { answer, tookMs: now() - started };
  };

  try {
    print("ml2ts demo: the life of a VM's network card, from agent heartbeat to ACTIVE");
    print(
      `Database ${shownDatabase} (${options.fresh ? 'fresh' : 'kept from earlier runs'}); drivers ${plugin.mechanismDrivers.join(', ')}.`,
    );
    print(
      `Agents poll their bridges every ${pollingInterval * 1000} ms here (Neutron's default is 2 s).`,
    );
    print();

    // The host whose agent died reported once, DEAD_HEARTBEAT_AGE seconds ago: its agent runs
    // with the server's clock turned back, before any other agent runs.
    const dead = buildDemoHost(DEAD_HOST, context);
    await clock.inThePast(DEAD_HEARTBEAT_AGE, async () => {
      await startAgent(dead);
      await dead.agent.stop();
    });

    print('1. Three compute hosts come online');
    const hosts = new Map<string, DemoHost>();
    for (const spec of DEMO_HOSTS) {
      const host = buildDemoHost(spec, context);
      hosts.set(spec.host, host);
      const { answer, tookMs } = await startAgent(host);
      print(`   ${spec.host}  ${host.agent.agentType.padEnd(20)}${host.setup}`);
      print(`              first report after ${tookMs.toFixed(1)} ms: ${answer ?? 'ignored'}`);
    }
    print(
      `   ${DEAD_HOST.host}  ${dead.agent.agentType.padEnd(20)}reported once, then its host lost power`,
    );
    print(
      `              (the demo ran it with the server clock ${DEAD_HEARTBEAT_AGE} s back instead of waiting)`,
    );
    print();

    print('2. Two networks');
    const vxlan = await plugin.createNetwork({ name: 'demo-vxlan' });
    const vlan = await plugin.createNetwork({
      name: 'demo-vlan',
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
    });
    const subnets = {
      vxlan: await plugin.createSubnet({ network_id: vxlan.id, cidr: '10.10.0.0/24' }),
      vlan: await plugin.createSubnet({ network_id: vlan.id, cidr: '192.168.100.0/24' }),
    };
    print(`   demo-vxlan  ${describeNetwork(vxlan)}, subnet 10.10.0.0/24`);
    print(`   demo-vlan   ${describeNetwork(vlan)}, subnet 192.168.100.0/24`);
    print();

    const compute = new ComputeService({
      network: inProcessNetworkApi(plugin),
      hosts: [...hosts.values(), dead].map((host) => host.dataPlane),
      scheduler: systemScheduler,
      vifPlugTimeoutMs: 10_000,
      keepFailedPorts: true,
      now,
    });
    const networks = { vxlan, vlan };
    const nextIp = { vxlan: 11, vlan: 11 };
    const ipFor = (network: 'vxlan' | 'vlan') => {
      const prefix = network === 'vxlan' ? '10.10.0' : '192.168.100';
      return [{ subnet_id: subnets[network].id, ip_address: `${prefix}.${nextIp[network]++}` }];
    };

    print(
      `3. Booting ${DEMO_VMS.length} VMs through the compute side (times since each port's allocation began)`,
    );
    const booted: InstancePort[] = [];
    for (const vm of DEMO_VMS) {
      const host = hosts.get(vm.host)!;
      print(
        `   ${vm.name} on ${vm.host} (${host.agent.agentType}), network demo-${vm.network}${vm.vnicType ? `, vnic_type ${vm.vnicType}` : ''}`,
      );
      const port = await compute.allocateForInstance({
        instance: { uuid: randomUUID(), name: vm.name },
        host: vm.host,
        network: networks[vm.network].id,
        vnicType: vm.vnicType,
        profile: vm.profile,
        fixedIps: ipFor(vm.network),
      });
      booted.push(port);
      const levels = await plugin.getBindingLevels(port.portId);
      print(`     port ${port.portId}`);
      for (const line of formatPortTimeline(port, levels, recorder.all)) print(`     ${line}`);
      print();
    }

    print(`4. A VM sent to ${DEAD_HOST.host}, whose agent is dead`);
    let refused: BindingFailedError | null = null;
    const started = now();
    try {
      await compute.allocateForInstance({
        instance: { uuid: randomUUID(), name: 'doomed-1' },
        host: DEAD_HOST.host,
        network: vxlan.id,
        fixedIps: ipFor('vxlan'),
      });
    } catch (error) {
      if (!(error instanceof BindingFailedError)) throw error;
      refused = error;
    }
    if (!refused) throw new Error(`the boot on ${DEAD_HOST.host} was expected to fail and did not`);
    print(
      `   ${formatOffset(now() - started)}  the boot stopped: binding failed. The binding trace says:`,
    );
    for (const line of refused.explanation) print(`     ${line}`);
    print();

    const active = booted.filter((port) => port.active.status === 'ACTIVE').length;
    print(
      `${booted.length} VMs booted (${active} ports ACTIVE); 1 boot refused, with the reason from its binding trace.`,
    );
    print(`The database stays for a look around:`);
    print(`  npx ml2ts agents --database ${shownDatabase}`);
    print(`  npx ml2ts explain ${refused.portId} --database ${shownDatabase}`);
    return { booted, refused };
  } finally {
    stopRecording();
    for (const agent of running) await agent.stop();
    await transport.close();
    await engine.close();
  }
}

function describeNetwork(network: NetworkResource): string {
  const type = network['provider:network_type'];
  const physnet = network['provider:physical_network'];
  const id = network['provider:segmentation_id'];
  return `${type}${id !== null && id !== undefined ? ` ${id}` : ''}${physnet ? ` on ${physnet}` : ''}`;
}

function describe(event: AgentEvent): string {
  return event.type === 'reportFailed' ? event.error : event.type;
}
