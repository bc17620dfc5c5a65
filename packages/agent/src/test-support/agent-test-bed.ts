import { resolve } from 'node:path';
import { createEngine, type Engine, type Ml2Plugin, serveAgentRpc } from '@ml2ts/core';
import { InProcessTransport } from '@ml2ts/agent-rpc';
import { ShiftedClock } from '@ml2ts/driver-api';
import { ManualScheduler } from '../manual-scheduler';

/** The repository's `node_modules`, where the driver packages are linked. */
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');

/** An engine with the three agent drivers, a manual scheduler shared as its clock, a transport. */
export interface AgentTestBed {
  engine: Engine;
  plugin: Ml2Plugin;
  scheduler: ManualScheduler;
  /**
   * The engine's clock: the scheduler's time plus an offset. Shift it forward to make the server
   * see its agents as silent for longer than they were.
   */
  serverClock: ShiftedClock;
  transport: InProcessTransport;
  /** Every status change of a port so far, as `FROM→TO`. */
  transitions(portId: string): string[];
  close(): Promise<void>;
}

/**
 * Starts an engine on an in-memory database with the `openvswitch`, `linuxbridge` and
 * `sriovnicswitch` drivers (by name, from the linked packages), tenant VXLAN 1001:1010, VLAN
 * ranges on physnet1 (100:199) and physnet2 (200:299); provisioning retries do not wait.
 */
export async function startAgentTestBed(): Promise<AgentTestBed> {
  const scheduler = new ManualScheduler();
  const serverClock = new ShiftedClock(scheduler);
  const engine = await createEngine({
    database: ':memory:',
    clock: serverClock,
    random: { nextInt: () => 0 },
    sleep: async () => undefined,
    pluginSearchPaths: [NODE_MODULES],
    overrides: {
      ml2: {
        mechanism_drivers: ['openvswitch', 'linuxbridge', 'sriovnicswitch'],
        tenant_network_types: ['vxlan'],
      },
      ml2_type_vxlan: { vni_ranges: ['1001:1010'] },
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199', 'physnet2:200:299'] },
      experimental: { linuxbridge: true },
    },
  });
  const changes: Array<{ portId: string; from: string; to: string }> = [];
  engine.plugin.notifier.on('portStatusChanged', (change) => changes.push(change));
  const transport = new InProcessTransport();
  await serveAgentRpc(engine.plugin, transport);
  return {
    engine,
    plugin: engine.plugin,
    scheduler,
    serverClock,
    transport,
    transitions: (portId) =>
      changes
        .filter((change) => change.portId === portId)
        .map((change) => `${change.from}→${change.to}`),
    close: async () => {
      await transport.close();
      await engine.close();
    },
  };
}

/** The external ids os-vif sets on an OVS interface for a port. */
export function ovsExternalIds(port: { id: string; mac_address: string }, vmUuid = 'vm-1') {
  return {
    'iface-id': port.id,
    'attached-mac': port.mac_address,
    'vm-uuid': vmUuid,
    'iface-status': 'active',
  };
}
