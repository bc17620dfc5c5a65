import { NeutronConfigError } from './neutron-config-error';
import { OptionReader } from './option-reader';
import { readServerSettings } from './read-server-settings';
import { iniTableOf } from './test-support/ini-table-of';

/** The server settings of one file, `neutron.conf`, and what was ignored. */
function settingsOf(text: string) {
  const reader = new OptionReader(iniTableOf({ 'neutron.conf': text }));
  return { server: readServerSettings(reader), ignored: reader.ignored() };
}

/** The `NeutronConfigError` reading `text` throws. */
function errorOf(text: string): NeutronConfigError {
  try {
    settingsOf(text);
  } catch (error) {
    if (error instanceof NeutronConfigError) return error;
    throw error;
  }
  throw new Error('reading did not throw');
}

describe('readServerSettings', () => {
  it("takes Neutron's defaults for what the file leaves out, but listens on loopback", () => {
    expect(settingsOf('[DEFAULT]\nbind_port = 9696\n').server).toEqual({
      host: '127.0.0.1',
      port: 9696,
      authStrategy: 'noauth',
      nova: { endpointType: 'public' },
      notifyNovaOnPortStatusChanges: true,
      notifyNovaOnPortDataChanges: true,
      sendEventsInterval: 2,
      maxRequestBodySize: 114_688,
      maxAllowedAddressPair: 10,
      debug: false,
    });
  });

  it('reads every option it knows', () => {
    const { server, ignored } = settingsOf(`[DEFAULT]
auth_strategy = NOAUTH
core_plugin = neutron.plugins.ml2.plugin.Ml2Plugin
bind_host = 192.0.2.10
bind_port = 19696
notify_nova_on_port_status_changes = off
notify_nova_on_port_data_changes = 0
send_events_interval = 5
max_allowed_address_pair = 3
base_mac = FA:16:3E:4F:00:00
debug = yes
[oslo_middleware]
max_request_body_size = 1048576
[nova]
auth_type = password
auth_url = http://keystone:5000
region_name = RegionOne
endpoint_type = internal
username = nova
password = s3cret
[ml2ts]
nova_url = http://nova.example:8774/v2.1
`);
    expect(server).toEqual({
      host: '192.0.2.10',
      port: 19696,
      authStrategy: 'noauth',
      novaUrl: 'http://nova.example:8774/v2.1',
      nova: {
        url: 'http://nova.example:8774/v2.1',
        authType: 'password',
        authUrl: 'http://keystone:5000',
        regionName: 'RegionOne',
        endpointType: 'internal',
      },
      notifyNovaOnPortStatusChanges: false,
      notifyNovaOnPortDataChanges: false,
      sendEventsInterval: 5,
      maxRequestBodySize: 1_048_576,
      maxAllowedAddressPair: 3,
      debug: true,
    });
    expect(ignored).toEqual([
      expect.objectContaining({ section: 'nova', option: 'username', line: 19 }),
      expect.objectContaining({
        section: 'nova',
        option: 'password',
        reason: expect.stringContaining('ml2ts does not authenticate to Nova'),
      }),
    ]);
  });

  it('refuses keystone authentication; noauth is the default', () => {
    expect(errorOf('[DEFAULT]\nbind_port = 1\nauth_strategy = keystone\n')).toMatchObject({
      file: 'neutron.conf',
      line: 3,
      option: 'auth_strategy',
      message: expect.stringContaining(
        'keystone is not supported; ml2ts does not validate Keystone tokens yet: set ' +
          'auth_strategy = noauth in [DEFAULT]',
      ),
    });
    expect(settingsOf('[DEFAULT]\nbind_port = 1\n').server.authStrategy).toBe('noauth');
    expect(errorOf('[DEFAULT]\nauth_strategy = ldap\n').message).toContain(
      '"ldap" is not one of noauth, keystone',
    );
  });

  it('refuses a core plugin other than ML2', () => {
    expect(errorOf('[DEFAULT]\nauth_strategy = noauth\ncore_plugin = ovn\n')).toMatchObject({
      line: 3,
      message: expect.stringContaining(
        'ml2ts is the ML2 plugin and cannot serve "ovn": set core_plugin = ml2',
      ),
    });
  });

  it('refuses bad values, naming file, line and option', () => {
    const base = '[DEFAULT]\nauth_strategy = noauth\n';
    expect(errorOf(`${base}bind_port = 70000\n`).message).toBe(
      'neutron.conf:3: [DEFAULT] bind_port: "70000" is not an integer from 0 to 65535: correct ' +
        'the value, or remove the line to get the default',
    );
    expect(errorOf(`${base}send_events_interval = -1\n`).message).toContain('an integer >= 0');
    expect(errorOf(`${base}base_mac = fa:16:3e\n`).message).toContain('is not a MAC address');
    expect(errorOf(`${base}base_mac = 01:00:5e:00:00:00\n`).message).toContain('multicast');
    expect(errorOf(`${base}[ml2ts]\nnova_url = nova:8774\n`).message).toContain(
      'is not an http:// or https:// URL',
    );
    expect(errorOf(`${base}[nova]\nendpoint_type = public_url\n`).message).toContain(
      'is not one of public, internal, admin',
    );
  });
});
