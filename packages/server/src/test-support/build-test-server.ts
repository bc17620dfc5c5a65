import { resolve } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '@ml2ts/core';
import { randomIdGenerator, systemClock } from '@ml2ts/driver-api';
import { type FastifyInstance } from 'fastify';
import { type ApiOptions } from '../api-dependencies';
import { buildServer } from '../build-server';

/** The repository's `node_modules`, where the driver packages are linked. */
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');

/** An Open vSwitch agent on `compute-1` and a Linux bridge agent on `compute-2`, both on VXLAN. */
export const TEST_AGENTS = [
  {
    agent_type: 'Open vSwitch agent',
    binary: 'neutron-openvswitch-agent',
    host: 'compute-1',
    topic: 'N/A',
    start_flag: true,
    configurations: {
      bridge_mappings: { physnet1: 'br-eth1', physnet2: 'br-eth2' },
      tunnel_types: ['vxlan'],
      tunneling_ip: '127.0.0.11',
      integration_bridge: 'br-int',
      datapath_type: 'system',
      ovs_hybrid_plug: false,
      ovs_capabilities: { datapath_types: ['netdev', 'system'], iface_types: ['vxlan'] },
      l2_population: false,
      devices: 0,
    },
  },
  {
    agent_type: 'Linux bridge agent',
    binary: 'neutron-linuxbridge-agent',
    host: 'compute-2',
    topic: 'N/A',
    start_flag: true,
    configurations: {
      interface_mappings: { physnet1: 'eth1' },
      bridge_mappings: {},
      tunnel_types: ['vxlan'],
      tunneling_ip: '127.0.0.12',
      l2_population: false,
      devices: 0,
    },
  },
];

/** A server on an in-memory engine, reached with `inject`. */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly engine: Engine;
  /** Closes the app, then the engine. */
  close(): Promise<void>;
}

/**
 * An engine on in-memory SQLite configured as the reference deployment: openvswitch,
 * linuxbridge and sriovnicswitch; tenant VXLAN 1000:1999; VLAN physnet1:100:199; any flat
 * network.
 */
export const TEST_ENGINE_OPTIONS: EngineOptions = {
  database: ':memory:',
  pluginSearchPaths: [NODE_MODULES],
  overrides: {
    ml2: {
      type_drivers: ['flat', 'vlan', 'vxlan', 'local'],
      mechanism_drivers: ['openvswitch', 'linuxbridge', 'sriovnicswitch'],
      tenant_network_types: ['vxlan'],
    },
    ml2_type_vxlan: { vni_ranges: ['1000:1999'] },
    ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199'] },
    ml2_type_flat: { flat_networks: ['*'] },
    experimental: { linuxbridge: true },
  },
};

/** Reports `TEST_AGENTS` to the engine, which makes them alive. */
export async function reportTestAgents(engine: Engine): Promise<void> {
  for (const report of TEST_AGENTS) await engine.plugin.rpc.reportState(report);
}

/**
 * Builds the API (with `options` over the defaults) over an engine of `TEST_ENGINE_OPTIONS`
 * with `TEST_AGENTS` alive.
 */
export async function buildTestServer(options: Partial<ApiOptions> = {}): Promise<TestServer> {
  const engine = await createEngine(TEST_ENGINE_OPTIONS);
  await reportTestAgents(engine);
  const app = await buildServer({
    plugin: engine.plugin,
    clock: systemClock,
    ids: randomIdGenerator,
    options,
  });
  return {
    app,
    engine,
    close: async () => {
      await app.close();
      await engine.close();
    },
  };
}
