import { mapNeutronOptions } from './map-neutron-options';
import { NeutronConfigError } from './neutron-config-error';
import { dedent, iniTableOf } from './test-support/ini-table-of';

/** The `[DEFAULT]` every test needs, on lines 1 and 2 of `neutron.conf`. */
const BASE = '[DEFAULT]\nauth_strategy = noauth\n';

/** Maps `neutron.conf` (BASE, then `text`) and, if given, `ml2_conf.ini`. */
function mapped(text: string, ml2Conf?: string) {
  const files: Record<string, string> = { 'neutron.conf': BASE + dedent(text) };
  if (ml2Conf !== undefined) files['ml2_conf.ini'] = ml2Conf;
  return mapNeutronOptions(iniTableOf(files));
}

/** The `NeutronConfigError` mapping the files throws. */
function errorOf(text: string, ml2Conf?: string): NeutronConfigError {
  try {
    mapped(text, ml2Conf);
  } catch (error) {
    if (error instanceof NeutronConfigError) return error;
    throw error;
  }
  throw new Error('mapping did not throw');
}

describe('mapNeutronOptions', () => {
  it("maps every option of ml2ts's configuration by its section and name", () => {
    const { configuration } = mapped(
      `
       global_physnet_mtu = 9000
       enable_new_agents = False
       `,
      `
       [ml2]
       type_drivers = vlan, vxlan, geneve, gre
       tenant_network_types = geneve
       external_network_type = vlan
       mechanism_drivers = openvswitch
       path_mtu = 8950
       physical_network_mtus = physnet1:1500,physnet2:9000
       overlay_ip_version = 6
       driver_timeout = 12.5
       precommit_timeout = 0.5
       [ml2_type_vlan]
       network_vlan_ranges = physnet1:100:199,
           physnet2
       [ml2_type_vxlan]
       vni_ranges = 1:10
       vxlan_group = 239.1.1.1
       [ml2_type_geneve]
       vni_ranges = 20:30, 40:50
       max_header_size = 38
       [ml2_type_gre]
       tunnel_id_ranges = 5:6
       [ml2_type_flat]
       flat_networks =
       [ml2ts]
       plugin_modules = /opt/drivers/my-driver
       `,
    );
    expect(configuration.DEFAULT).toMatchObject({
      global_physnet_mtu: 9000,
      enable_new_agents: false,
    });
    expect(configuration.ml2).toEqual({
      type_drivers: ['vlan', 'vxlan', 'geneve', 'gre'],
      tenant_network_types: ['geneve'],
      external_network_type: 'vlan',
      mechanism_drivers: ['openvswitch'],
      path_mtu: 8950,
      physical_network_mtus: ['physnet1:1500', 'physnet2:9000'],
      overlay_ip_version: 6,
      driver_timeout: 12.5,
      precommit_timeout: 0.5,
    });
    expect(configuration.ml2_type_vlan.network_vlan_ranges).toEqual([
      'physnet1:100:199',
      'physnet2',
    ]);
    expect(configuration.ml2_type_vxlan).toEqual({
      vni_ranges: ['1:10'],
      vxlan_group: '239.1.1.1',
    });
    expect(configuration.ml2_type_geneve).toEqual({
      vni_ranges: ['20:30', '40:50'],
      max_header_size: 38,
    });
    expect(configuration.ml2_type_gre.tunnel_id_ranges).toEqual(['5:6']);
    expect(configuration.ml2_type_flat.flat_networks).toEqual([]);
    expect(configuration.ml2ts.plugin_modules).toEqual(['/opt/drivers/my-driver']);
  });

  it('names the file, line and option of a value that does not fit', () => {
    expect(errorOf('', '[ml2]\n\npath_mtu = big\n')).toMatchObject({
      file: 'ml2_conf.ini',
      line: 3,
      section: 'ml2',
      option: 'path_mtu',
      message:
        'ml2_conf.ini:3: [ml2] path_mtu: "big" is not an integer: correct the value, or remove ' +
        'the line to get the default',
    });
    expect(errorOf('enable_new_agents = sometimes\n')).toMatchObject({
      file: 'neutron.conf',
      line: 3,
      option: 'enable_new_agents',
    });
  });

  it("names the line whose value ml2ts's validation refuses", () => {
    expect(errorOf('', '[ml2]\ntype_drivers = vxlan\ntenant_network_types = vlan\n')).toMatchObject(
      {
        file: 'ml2_conf.ini',
        line: 3,
        option: 'tenant_network_types',
        message: expect.stringContaining(
          'ml2.tenant_network_types = "vlan"; each entry must be a loaded type driver',
        ),
      },
    );
    expect(
      errorOf('', '[ml2_type_vlan]\nnetwork_vlan_ranges = physnet1:5000:6000\n'),
    ).toMatchObject({ line: 2, option: 'network_vlan_ranges' });
    expect(errorOf('agent_down_time = 0\n')).toMatchObject({
      file: 'neutron.conf',
      line: 3,
      message: expect.stringContaining('must be an integer > 0'),
    });
  });

  it('says when the value refused is a default no file sets', () => {
    const error = errorOf('', '[ml2]\ntype_drivers = vlan\n');
    expect(error).toMatchObject({
      file: undefined,
      line: undefined,
      option: 'tenant_network_types',
    });
    expect(error.message).toMatch(
      /^Neutron configuration: \[ml2\] tenant_network_types: ml2\.tenant_network_types = "local"; .*No file sets it, so its default applies: set it in \[ml2\]$/,
    );
  });

  it("passes a loaded driver's section on, and ignores the section of a driver not loaded", () => {
    const loaded = mapped(
      '[ovs_driver]\nvnic_type_prohibit_list = direct\n[sriov_driver]\nvnic_type_prohibit_list = macvtap\n',
      '[ml2]\nmechanism_drivers = openvswitch\n',
    );
    expect(loaded.configuration.pluginSections).toEqual({
      ovs_driver: { vnic_type_prohibit_list: ['direct'] },
    });
    expect(loaded.overrides).toMatchObject({ ovs_driver: { vnic_type_prohibit_list: ['direct'] } });
    expect(loaded.ignored).toEqual([
      {
        file: 'neutron.conf',
        line: 6,
        section: 'sriov_driver',
        option: 'vnic_type_prohibit_list',
        reason: 'the sriovnicswitch mechanism driver is not in [ml2] mechanism_drivers',
      },
    ]);
  });

  it('maps [database] connection, with references to other options substituted', () => {
    const config = mapped(
      'state_path = /var/lib/neutron\n[database]\nconnection = sqlite:///$state_path/neutron.db\n',
    );
    expect(config.databaseUrl).toBe('sqlite:////var/lib/neutron/neutron.db');
    expect(config.configuration.ml2ts.database).toBe('sqlite:////var/lib/neutron/neutron.db');
    expect(config.ignored.map((entry) => entry.option)).toEqual(['state_path']);
    expect(
      mapped('[database]\nconnection = mysql+pymysql://neutron:pw@db/neutron\n').databaseUrl,
    ).toBe('mysql://neutron:pw@db/neutron');
    expect(mapped('[ml2ts]\ndatabase = ./ml2ts.sqlite\n').databaseUrl).toBe('./ml2ts.sqlite');
    expect(mapped('').databaseUrl).toBeUndefined();
    expect(mapped('').configuration.ml2ts.database).toBe('./ml2ts.sqlite');
  });

  it('refuses a database named twice, or one it has no store for, without showing the password', () => {
    expect(
      errorOf('[database]\nconnection = sqlite:///a.db\n[ml2ts]\ndatabase = b.db\n'),
    ).toMatchObject({
      line: 6,
      message: expect.stringContaining(
        '[ml2ts] database: names the database a second time ([database] connection is set at ' +
          'neutron.conf:4): keep one of the two',
      ),
    });
    const error = errorOf('[database]\nconnection = oracle://neutron:s3cret@db/neutron\n');
    expect(error.message).toContain('the database scheme "oracle" is not one ml2ts stores in');
    expect(error.message).not.toContain('s3cret');
    expect(errorOf('[database]\nconnection = sqlite:///$nowhere/x.db\n').message).toContain(
      '$nowhere refers to the option nowhere',
    );
  });

  it('refuses an option of [ml2ts] that ml2ts does not know', () => {
    expect(errorOf('[ml2ts]\nnova_ulr = http://nova:8774\n')).toMatchObject({
      line: 4,
      section: 'ml2ts',
      option: 'nova_ulr',
      message:
        'neutron.conf:4: [ml2ts] nova_ulr: is not an option of ml2ts: [ml2ts] has database, ' +
        'nova_url, plugin_modules; correct the name',
    });
  });

  it('gives the engine base_mac, and refuses one that is not a unicast MAC address', () => {
    expect(mapped('base_mac = fa:16:3e:4f:00:00\n').configuration.DEFAULT?.base_mac).toBe(
      'fa:16:3e:4f:00:00',
    );
    expect(errorOf('base_mac = 01:00:5e:00:00:00\n')).toMatchObject({
      line: 3,
      option: 'base_mac',
      message: expect.stringContaining('multicast'),
    });
  });

  it('keeps transport_url as written, and nothing when it is empty', () => {
    expect(mapped('transport_url = rabbit://u:p@mq:5672/\n').transportUrl).toBe(
      'rabbit://u:p@mq:5672/',
    );
    expect(mapped('transport_url =\n').transportUrl).toBeUndefined();
    expect(mapped('').transportUrl).toBeUndefined();
  });

  it('warns about Nova notifications without a Nova URL', () => {
    expect(mapped('bind_host = 0.0.0.0\n').warnings).toEqual([
      '[DEFAULT] notify_nova_on_port_status_changes and notify_nova_on_port_data_changes are ' +
        'true (the default unless set) but [ml2ts] nova_url is not set, so Nova is told nothing: ' +
        'set nova_url, or set these options to false',
    ]);
    expect(
      mapped(
        'bind_host = ::1\nnotify_nova_on_port_status_changes = false\n[ml2ts]\nnova_url = http://nova:8774/v2.1\n',
      ).warnings,
    ).toEqual([]);
  });
});
