import { createEngine } from '@ml2ts/core';
import { loadNeutronConfig } from './load-neutron-config';
import { fixturePath } from './test-support/fixture-path';

const SERVER_FILES = [fixturePath('neutron.conf'), fixturePath('ml2_conf.ini')];

describe('loadNeutronConfig', () => {
  it("maps the sample server's files to the engine's configuration", () => {
    const { configuration, overrides, files } = loadNeutronConfig(SERVER_FILES);
    expect(files).toEqual(SERVER_FILES);
    expect(configuration.ml2).toMatchObject({
      type_drivers: ['flat', 'vlan', 'vxlan', 'local'],
      tenant_network_types: ['vxlan'],
      mechanism_drivers: ['openvswitch', 'linuxbridge', 'sriovnicswitch'],
      path_mtu: 0,
    });
    expect(configuration.ml2_type_flat.flat_networks).toEqual(['*']);
    expect(configuration.ml2_type_vlan.network_vlan_ranges).toEqual(['physnet1:100:199']);
    expect(configuration.ml2_type_vxlan.vni_ranges).toEqual(['1000:1999']);
    expect(configuration.DEFAULT).toMatchObject({
      agent_down_time: 86400,
      global_physnet_mtu: 1500,
      enable_new_agents: true,
    });
    expect(configuration.experimental.linuxbridge).toBe(true);
    expect(configuration.securitygroup.enable_security_group).toBe(true);
    expect(configuration.ml2ts.database).toBe('sqlite:////var/lib/neutron/neutron.db');
    expect(Object.isFrozen(configuration.ml2)).toBe(true);
    expect(overrides).toEqual({
      DEFAULT: { agent_down_time: 86400 },
      ml2: {
        type_drivers: ['flat', 'vlan', 'vxlan', 'local'],
        tenant_network_types: ['vxlan'],
        mechanism_drivers: ['openvswitch', 'linuxbridge', 'sriovnicswitch'],
      },
      ml2_type_flat: { flat_networks: ['*'] },
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199'] },
      ml2_type_vxlan: { vni_ranges: ['1000:1999'] },
      securitygroup: { enable_security_group: true },
      experimental: { linuxbridge: true },
      ml2ts: { database: 'sqlite:////var/lib/neutron/neutron.db' },
    });
  });

  it("reads the server's settings, the database and the transport URL", () => {
    const config = loadNeutronConfig(SERVER_FILES);
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 9696,
      authStrategy: 'noauth',
      nova: { endpointType: 'public' },
      notifyNovaOnPortStatusChanges: false,
      notifyNovaOnPortDataChanges: false,
      sendEventsInterval: 2,
      maxRequestBodySize: 114_688,
      maxAllowedAddressPair: 10,
      debug: false,
    });
    expect(config.databaseUrl).toBe('sqlite:////var/lib/neutron/neutron.db');
    expect(config.transportUrl).toBe('fake://');
    expect(config.warnings).toEqual([]);
  });

  it('lists every option it does not use, with its place and why', () => {
    const { ignored } = loadNeutronConfig(SERVER_FILES);
    expect(ignored.map(({ section, option }) => `${section}.${option}`)).toEqual([
      'DEFAULT.service_plugins',
      'DEFAULT.api_workers',
      'DEFAULT.rpc_workers',
      'DEFAULT.rpc_state_report_workers',
      'DEFAULT.api_paste_config',
      'DEFAULT.state_path',
      'DEFAULT.log_file',
      'DEFAULT.use_stderr',
      'oslo_concurrency.lock_path',
      'oslo_messaging_notifications.driver',
      'oslo_policy.policy_file',
      'quotas.quota_port',
      'ml2.extension_drivers',
    ]);
    expect(ignored[0]).toEqual({
      file: SERVER_FILES[0],
      line: 9,
      section: 'DEFAULT',
      option: 'service_plugins',
      reason:
        'ml2ts serves the core API (networks, subnets, ports, agents) and loads no service plugins',
    });
    expect(ignored.at(-1)).toMatchObject({
      file: SERVER_FILES[1],
      line: 5,
      reason: expect.stringContaining('no ML2 extension drivers'),
    });
  });

  it("ignores an agent's file but its security group switch, and lets it override", () => {
    const config = loadNeutronConfig([...SERVER_FILES, fixturePath('ovs-agent.conf')]);
    expect(config.transportUrl).toBe('rabbit://guest:guest@127.0.0.1:5672/');
    expect(config.server.debug).toBe(true);
    const agentLines = config.ignored.filter((entry) => entry.file.endsWith('ovs-agent.conf'));
    expect(agentLines.map(({ section, option }) => `${section}.${option}`)).toEqual(
      expect.arrayContaining([
        'DEFAULT.host',
        'ovs.bridge_mappings',
        'securitygroup.firewall_driver',
      ]),
    );
    expect(agentLines.find((entry) => entry.option === 'bridge_mappings')?.reason).toBe(
      'an L2 agent option; the server does not read it',
    );
    expect(agentLines.some((entry) => entry.option === 'enable_security_group')).toBe(false);
  });

  it('gives a configuration the engine starts with', async () => {
    const { configuration } = loadNeutronConfig(SERVER_FILES);
    const engine = await createEngine({ configuration, database: ':memory:' });
    await engine.close();
    expect(engine.configuration).toEqual(configuration);
  });

  it('needs at least one file', () => {
    expect(() => loadNeutronConfig([])).toThrow(
      'Neutron configuration: no configuration file given: pass --config-file neutron.conf',
    );
  });
});
