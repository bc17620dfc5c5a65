import { parseScenario } from './parse-scenario';
import { ScenarioError } from './scenario-error';

/** The ScenarioError `parseScenario` throws for `input`. */
function failure(input: unknown, defaultName: string | undefined = 'test'): ScenarioError {
  try {
    parseScenario(input, defaultName);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('parseScenario accepted the scenario');
}

const base = {
  networks: [{ name: 'net1' }],
  ports: [{ name: 'p1', network: 'net1' }],
  agents: [{ name: 'ovs1', agent_type: 'ovs', host: 'host1' }],
};

describe('parseScenario', () => {
  it('takes the name from the scenario, else from the default, else fails', () => {
    expect(parseScenario({ name: 'own' }, 'file').name).toBe('own');
    expect(parseScenario({}, 'file').name).toBe('file');
    expect(() => parseScenario({})).toThrow(ScenarioError);
    expect(failure({ name: 7 }, undefined).key).toBe('name');
  });

  it('refuses an unknown config key, naming it', () => {
    const error = failure({ config: { vni_range: ['1:2'] } });
    expect(error.key).toBe('config.vni_range');
    expect(error.message).toContain('config.vni_range');
    expect(error.message).toContain('vni_ranges');
  });

  it('refuses mechanism_drivers that are not a list of names', () => {
    expect(failure({ config: { mechanism_drivers: 'openvswitch' } }).key).toBe(
      'config.mechanism_drivers',
    );
  });

  it('ignores unknown keys outside config', () => {
    expect(() =>
      parseScenario({ ...base, comment: 'x', steps: [{ op: 'snapshot', why: 1 }] }, 't'),
    ).not.toThrow();
  });

  it('resolves agent type aliases and default binaries', () => {
    const { agents } = parseScenario(
      {
        agents: [
          { name: 'a', agent_type: 'ovs', host: 'h' },
          { name: 'b', agent_type: 'lb', host: 'h' },
          { name: 'c', agent_type: 'linuxbridge', host: 'h' },
          { name: 'd', agent_type: 'sriov', host: 'h', binary: 'my-sriov' },
        ],
      },
      't',
    );
    expect(agents.map((agent) => [agent.agentType, agent.binary])).toEqual([
      ['Open vSwitch agent', 'neutron-openvswitch-agent'],
      ['Linux bridge agent', 'neutron-linuxbridge-agent'],
      ['Linux bridge agent', 'neutron-linuxbridge-agent'],
      ['NIC Switch agent', 'my-sriov'],
    ]);
    expect(failure({ agents: [{ name: 'x', agent_type: 'Mystery agent', host: 'h' }] }).key).toBe(
      'agents[0].binary',
    );
  });

  it('derives ovs_hybrid_plug from the OVS firewall driver unless it is given', () => {
    const { agents } = parseScenario(
      {
        agents: [
          { name: 'a', agent_type: 'ovs', host: 'h', firewall_driver: 'iptables_hybrid' },
          { name: 'b', agent_type: 'ovs', host: 'h', firewall_driver: 'openvswitch' },
          {
            name: 'c',
            agent_type: 'ovs',
            host: 'h',
            firewall_driver: 'openvswitch',
            configurations: { ovs_hybrid_plug: true },
          },
          { name: 'd', agent_type: 'ovs', host: 'h' },
          { name: 'e', agent_type: 'lb', host: 'h', firewall_driver: 'iptables_hybrid' },
        ],
      },
      't',
    );
    expect(agents.map((agent) => agent.configurations.ovs_hybrid_plug)).toEqual([
      true,
      false,
      true,
      undefined,
      undefined,
    ]);
  });

  it('turns alive: false and heartbeat_age into a heartbeat age', () => {
    const { agents } = parseScenario(
      {
        agents: [
          { name: 'a', agent_type: 'ovs', host: 'h', alive: false },
          { name: 'b', agent_type: 'ovs', host: 'h', alive: false, heartbeat_age: 80 },
          { name: 'c', agent_type: 'ovs', host: 'h' },
        ],
      },
      't',
    );
    expect(agents.map((agent) => agent.heartbeatAge)).toEqual([3600, 80, null]);
    expect(
      failure({ agents: [{ name: 'a', agent_type: 'ovs', host: 'h', heartbeat_age: -1 }] }).key,
    ).toBe('agents[0].heartbeat_age');
  });

  it('accepts provider attributes in short form and segment lists', () => {
    const { networks } = parseScenario(
      {
        networks: [
          { name: 'a', network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 5 },
          {
            name: 'b',
            segments: [
              { network_type: 'vxlan' },
              { 'provider:network_type': 'vlan', physical_network: 'physnet1' },
            ],
            subnets: [{ cidr: '10.0.0.0/24', enable_dhcp: false }],
          },
        ],
      },
      't',
    );
    expect(networks[0].request).toEqual({
      name: 'a',
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 5,
    });
    expect(networks[1].request).toEqual({
      name: 'b',
      segments: [
        { 'provider:network_type': 'vxlan' },
        { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1' },
      ],
    });
    expect(networks[1].subnets).toEqual([{ cidr: '10.0.0.0/24', enable_dhcp: false }]);
  });

  it('resolves port aliases, the wire name winning', () => {
    const { ports } = parseScenario(
      {
        networks: [{ name: 'n' }],
        ports: [
          {
            name: 'p',
            network: 'n',
            host: 'h1',
            vnic_type: 'direct',
            'binding:vnic_type': 'macvtap',
            profile: { a: 1 },
            device_owner: 'compute:nova',
            id: '11111111-2222-4333-8444-555555555555',
          },
        ],
      },
      't',
    );
    expect(ports[0]).toEqual({
      name: 'p',
      network: 'n',
      id: '11111111-2222-4333-8444-555555555555',
      attributes: {
        'binding:host_id': 'h1',
        'binding:vnic_type': 'macvtap',
        'binding:profile': { a: 1 },
        device_owner: 'compute:nova',
      },
    });
  });

  it('takes update_port attributes from the top level and from attrs', () => {
    const { steps } = parseScenario(
      {
        ...base,
        steps: [
          {
            op: 'update_port',
            port: 'p1',
            host: 'h2',
            attrs: { device_id: 'vm', vnic_type: 'direct' },
          },
        ],
      },
      't',
    );
    expect(steps[0]).toEqual({
      op: 'update_port',
      port: 'p1',
      attributes: { 'binding:host_id': 'h2', device_id: 'vm', 'binding:vnic_type': 'direct' },
    });
  });

  it('requires labels to be declared before a step uses them', () => {
    expect(failure({ ...base, steps: [{ op: 'unbind', port: 'p9' }] }).key).toBe('steps[0].port');
    expect(
      failure({
        ...base,
        steps: [
          { op: 'delete_port', port: 'p2' },
          { op: 'create_port', port: { name: 'p2', network: 'net1' } },
        ],
      }).key,
    ).toBe('steps[0].port');
    expect(
      parseScenario(
        {
          ...base,
          steps: [
            { op: 'create_port', port: { name: 'p2', network: 'net1' } },
            { op: 'delete_port', port: 'p2' },
          ],
        },
        't',
      ).steps,
    ).toHaveLength(2);
    expect(failure({ ...base, steps: [{ op: 'kill_agent', agent: 'lb1' }] }).key).toBe(
      'steps[0].agent',
    );
    expect(failure({ ports: [{ name: 'p1', network: 'nowhere' }] }).key).toBe('ports[0].network');
  });

  it('refuses a label used twice in one setup list', () => {
    expect(failure({ networks: [{ name: 'n' }, { name: 'n' }] }).key).toBe('networks[1].name');
  });

  it('refuses unknown operations and malformed step values, naming the key', () => {
    expect(failure({ steps: [{ op: 'reboot' }] }).key).toBe('steps[0].op');
    expect(
      failure({ ...base, steps: [{ op: 'get_device_details', port: 'p1', device_style: 'qvo' }] })
        .key,
    ).toBe('steps[0].device_style');
    expect(failure({ ...base, steps: [{ op: 'set_agent_admin_state', agent: 'ovs1' }] }).key).toBe(
      'steps[0].admin_state_up',
    );
    expect(failure({ ...base, steps: [{ op: 'update_port', port: 'p1', attrs: [] }] }).key).toBe(
      'steps[0].attrs',
    );
  });

  it('defaults kill_agent to an hour-old heartbeat and RPCs to the port id as device', () => {
    const { steps } = parseScenario(
      {
        ...base,
        steps: [
          { op: 'kill_agent', agent: 'ovs1' },
          { op: 'update_device_up', port: 'p1', host: '' },
        ],
      },
      't',
    );
    expect(steps).toEqual([
      { op: 'kill_agent', agent: 'ovs1', heartbeatAge: 3600 },
      { op: 'update_device_up', port: 'p1', host: '', deviceStyle: 'id' },
    ]);
  });
});
