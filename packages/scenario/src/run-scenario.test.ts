import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, runScenarioDirectory, runScenarioFile } from './run-scenario';
import { type Scenario } from './scenario';
import { ScenarioError } from './scenario-error';
import { type ScenarioExistingPortState, type ScenarioResult } from './scenario-result';
import { scenarioPortId } from './scenario-ids';

/** One OVS agent on host1, a tenant VXLAN network, one compute port bound to host1. */
function ovsScenario(extra: Partial<Scenario> = {}): Scenario {
  return {
    name: 'runner_test',
    config: {
      mechanism_drivers: ['openvswitch'],
      tenant_network_types: ['vxlan'],
      vni_ranges: ['1001:1010'],
    },
    agents: [
      {
        name: 'ovs1',
        agent_type: 'ovs',
        host: 'host1',
        configurations: { tunnel_types: ['vxlan'], bridge_mappings: {} },
      },
    ],
    networks: [{ name: 'net1' }],
    ports: [{ name: 'p1', network: 'net1', device_owner: 'compute:nova', host: 'host1' }],
    ...extra,
  };
}

function existing(result: ScenarioResult, port: string): ScenarioExistingPortState {
  const state = result.final.ports[port];
  if (!state.exists) throw new Error(`port ${port} does not exist`);
  return state;
}

describe('runScenario', () => {
  it('runs setup and steps and reports the final state', async () => {
    const result = await runScenario(
      ovsScenario({
        description: 'basic',
        steps: [{ op: 'update_device_up', port: 'p1', host: 'host1' }],
      }),
    );
    expect(result.name).toBe('runner_test');
    expect(result.description).toBe('basic');
    expect(result.mechanism_drivers_loaded).toEqual(['openvswitch']);
    expect(result.setup.map((record) => Object.keys(record)[0])).toEqual([
      'agent',
      'network',
      'op',
    ]);
    expect(result.setup[0]).toEqual({ agent: 'ovs1', report_state_result: 'new' });
    expect(result.steps[0]).toMatchObject({
      index: 0,
      op: 'update_device_up',
      port: 'p1',
      host: 'host1',
    });
    expect(existing(result, 'p1')).toMatchObject({
      status: 'ACTIVE',
      mac_address: '<generated>',
      'binding:vif_type': 'ovs',
      binding_levels: [
        {
          level: 0,
          driver: 'openvswitch',
          segment: {
            network_type: 'vxlan',
            physical_network: null,
            segment_index: 0,
            is_dynamic: false,
          },
        },
      ],
    });
    expect(result.final.agents.ovs1).toEqual({
      exists: true,
      alive: true,
      admin_state_up: true,
      host: 'host1',
      agent_type: 'Open vSwitch agent',
    });
  });

  it('gives the same result when run twice', async () => {
    const scenario = ovsScenario({
      steps: [{ op: 'get_device_details', port: 'p1', host: 'host1' }],
    });
    expect(await runScenario(scenario)).toEqual(await runScenario(scenario));
  });

  it('replaces ids in error messages by labels', async () => {
    const result = await runScenario(
      ovsScenario({
        steps: [
          { op: 'delete_port', port: 'p1' },
          { op: 'delete_port', port: 'p1' },
          { op: 'delete_agent', agent: 'ovs1' },
          { op: 'kill_agent', agent: 'ovs1' },
        ],
      }),
    );
    expect(result.steps[0]).toMatchObject({ http_status: 204 });
    expect(result.steps[0].error).toBeUndefined();
    expect(result.steps[1]).toMatchObject({
      http_status: 404,
      error: {
        http_status: 404,
        type: 'PortNotFound',
        message: 'Port <port:p1> could not be found.',
      },
    });
    expect(result.steps[2]).toMatchObject({ http_status: 204 });
    expect(result.steps[3].error).toEqual({
      http_status: 404,
      type: 'AgentNotFound',
      message: 'Agent <agent:ovs1> could not be found.',
    });
    expect(result.final.ports.p1).toEqual({ exists: false });
    expect(result.final.agents.ovs1).toEqual({ exists: false });
  });

  it('records a failed network and the ports that could not be created on it', async () => {
    const result = await runScenario(
      ovsScenario({
        networks: [
          { name: 'net1', network_type: 'vlan', physical_network: 'nowhere', segmentation_id: 5 },
        ],
      }),
    );
    expect(result.setup[1]).toMatchObject({ network: 'net1', error: { http_status: 400 } });
    expect(result.setup[2]).toMatchObject({
      op: 'create_port',
      http_status: 404,
      error: { type: 'NetworkNotFound', message: expect.stringContaining('<network:net1>') },
    });
    expect(result.final.networks.net1).toMatchObject({
      exists: false,
      error: { http_status: 400 },
    });
    expect(result.final.ports.p1).toMatchObject({ exists: false, error: { http_status: 404 } });
  });

  it('moves heartbeats back for dead agents and reports revival', async () => {
    const result = await runScenario(
      ovsScenario({
        agents: [
          {
            name: 'ovs1',
            agent_type: 'ovs',
            host: 'host1',
            alive: false,
            admin_state_up: false,
            configurations: { tunnel_types: ['vxlan'] },
          },
        ],
        steps: [
          { op: 'report_state', agent: 'ovs1' },
          { op: 'kill_agent', agent: 'ovs1', heartbeat_age: 10 },
          { op: 'report_state', agent: 'ovs1' },
          { op: 'set_agent_admin_state', agent: 'ovs1', admin_state_up: true },
        ],
      }),
    );
    expect(result.setup[2]).toMatchObject({
      ports: { p1: { 'binding:vif_type': 'binding_failed' } },
    });
    expect(result.steps.map((step) => step.result)).toEqual([
      { report_state_result: 'revived' },
      undefined,
      { report_state_result: 'alive' },
      undefined,
    ]);
    expect(result.steps[3].http_status).toBe(200);
    // The revived OVS agent was still administratively down: its host's failed ports stay failed.
    expect(result.steps[0].ports.p1).toMatchObject({ 'binding:vif_type': 'binding_failed' });
    expect(result.final.agents.ovs1).toMatchObject({ alive: true, admin_state_up: true });
  });

  it('counts the binding work a record caused, and none for records that bound nothing', async () => {
    const result = await runScenario(
      ovsScenario({
        agents: [
          { name: 'ovs1', agent_type: 'ovs', host: 'host1', configurations: { tunnel_types: [] } },
        ],
        steps: [
          { op: 'snapshot' },
          // Any update of a port whose binding failed tries again.
          { op: 'update_port', port: 'p1', device_id: 'vm-1' },
        ],
      }),
    );
    expect(result.setup[2]).toMatchObject({
      bind_attempts: 1,
      driver_bind_calls: { openvswitch: 1 },
    });
    expect(result.steps[0]).toMatchObject({
      op: 'snapshot',
      bind_attempts: 0,
      driver_bind_calls: {},
    });
    expect(result.steps[1]).toMatchObject({
      http_status: 200,
      bind_attempts: 1,
      driver_bind_calls: { openvswitch: 1 },
    });
  });

  it('names devices by the tap style when asked', async () => {
    const result = await runScenario(
      ovsScenario({
        steps: [
          { op: 'get_device_details', port: 'p1', host: 'host1', device_style: 'tap' },
          { op: 'update_device_down', port: 'p1', host: 'host1', device_style: 'tap' },
        ],
      }),
    );
    expect(result.steps[0].result).toEqual({
      network_type: 'vxlan',
      physical_network: null,
      segmentation_id: expect.any(Number),
      admin_state_up: true,
      device_owner: 'compute:nova',
      has_details: true,
    });
    expect(result.steps[0].ports.p1).toMatchObject({ status: 'BUILD' });
    expect(result.steps[1].result).toEqual({ exists: true });
  });

  it('answers has_details false for a device the server does not know', async () => {
    const result = await runScenario(
      ovsScenario({
        steps: [
          { op: 'delete_port', port: 'p1' },
          { op: 'get_device_details', port: 'p1', host: 'host1' },
        ],
      }),
    );
    expect(result.steps[1].result).toEqual({ has_details: false });
  });

  it('shows MACs the scenario gave and hides generated ones', async () => {
    const result = await runScenario(
      ovsScenario({
        ports: [
          { name: 'p1', network: 'net1', mac_address: 'FA:16:3E:AA:BB:CC' },
          { name: 'p2', network: 'net1' },
        ],
        steps: [{ op: 'update_port', port: 'p2', attrs: { mac_address: 'fa:16:3e:00:00:99' } }],
      }),
    );
    expect(result.setup[3]).toMatchObject({ ports: { p2: { mac_address: '<generated>' } } });
    expect(existing(result, 'p1').mac_address).toBe('fa:16:3e:aa:bb:cc');
    expect(existing(result, 'p2').mac_address).toBe('fa:16:3e:00:00:99');
  });

  it('lists only the ports tried so far in each record', async () => {
    const result = await runScenario(
      ovsScenario({
        steps: [
          { op: 'snapshot' },
          { op: 'create_port', port: { name: 'p2', network: 'net1', host: 'host1' } },
        ],
      }),
    );
    expect(Object.keys(result.steps[0].ports)).toEqual(['p1']);
    expect(Object.keys(result.steps[1].ports)).toEqual(['p1', 'p2']);
    expect(result.steps[1]).toMatchObject({ op: 'create_port', port: 'p2', http_status: 201 });
  });

  it('gives ports the name-based id, or the id the scenario gives', async () => {
    const dpdk = {
      tunnel_types: ['vxlan'],
      datapath_type: 'netdev',
      vhostuser_socket_dir: '/run/ovs',
      ovs_capabilities: { iface_types: ['dpdkvhostuser'] },
    };
    const explicitId = '0badc0de-1111-4222-8333-444455556666';
    const result = await runScenario(
      ovsScenario({
        agents: [{ name: 'ovs1', agent_type: 'ovs', host: 'host1', configurations: dpdk }],
        ports: [
          { name: 'p1', network: 'net1', host: 'host1' },
          { name: 'p2', network: 'net1', host: 'host1', id: explicitId },
        ],
      }),
    );
    const socket = (port: string) => existing(result, port)['binding:vif_details'].vhostuser_socket;
    expect(socket('p1')).toBe(`/run/ovs/vhu${scenarioPortId('runner_test', 'p1').slice(0, 11)}`);
    expect(socket('p2')).toBe(`/run/ovs/vhu${explicitId.slice(0, 11)}`);
  });

  it('rejects a malformed scenario before starting the engine', async () => {
    await expect(runScenario(ovsScenario({ config: { vni_range: [] } as never }))).rejects.toThrow(
      ScenarioError,
    );
  });

  it('rejects a configuration the engine refuses, with the engine error', async () => {
    await expect(
      runScenario(ovsScenario({ config: { mechanism_drivers: ['no-such-driver'] } })),
    ).rejects.toMatchObject({ name: 'PluginLoadError' });
  });
});

describe('runScenarioFile and runScenarioDirectory', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ml2ts-scenarios-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('names a scenario after its file when it has no name', async () => {
    const { name: _name, ...unnamed } = ovsScenario();
    writeFileSync(join(folder, 'from_file.json'), JSON.stringify(unnamed));
    expect((await runScenarioFile(join(folder, 'from_file.json'))).name).toBe('from_file');
  });

  it('names the file of a malformed scenario', async () => {
    writeFileSync(join(folder, 'broken.json'), '{ not json');
    await expect(runScenarioFile(join(folder, 'broken.json'))).rejects.toThrow(
      expect.objectContaining({ name: 'ScenarioError', file: join(folder, 'broken.json') }),
    );
    writeFileSync(join(folder, 'bad_key.json'), JSON.stringify({ config: { nope: 1 } }));
    await expect(runScenarioFile(join(folder, 'bad_key.json'))).rejects.toThrow(
      `${join(folder, 'bad_key.json')}: scenario key config.nope`,
    );
  });

  it('runs every JSON file of a directory, keyed by name, and refuses duplicate names', async () => {
    writeFileSync(join(folder, 'a.json'), JSON.stringify({ ...ovsScenario(), name: 'first' }));
    writeFileSync(join(folder, 'b.json'), JSON.stringify({ ...ovsScenario(), name: 'second' }));
    writeFileSync(join(folder, 'notes.txt'), 'not a scenario');
    expect(Object.keys(await runScenarioDirectory(folder))).toEqual(['first', 'second']);
    writeFileSync(join(folder, 'c.json'), JSON.stringify({ ...ovsScenario(), name: 'first' }));
    await expect(runScenarioDirectory(folder)).rejects.toThrow(ScenarioError);
  });
});
