import { type NovaSettings, type ServerSettings } from './neutron-config';
import { type OptionReader } from './option-reader';
import { type OptionType, optionTypes, OptionValueError } from './option-types';

/** The options of `[ml2ts]` that are the server's rather than the engine's. */
export const SERVER_OWN_OPTIONS: readonly string[] = ['nova_url'];

/** The `core_plugin` values that name ML2. */
const ML2_PLUGINS = ['ml2', 'neutron.plugins.ml2.plugin.Ml2Plugin'];

/** The endpoints of Nova that `[nova] endpoint_type` chooses from. */
const ENDPOINT_TYPES = ['public', 'internal', 'admin'] as const;

const count = optionTypes.integer({ min: 0 });

/** A MAC address whose first octet is even (unicast), answered in lower case. */
const macType: OptionType<string> = {
  expected: 'a MAC address such as fa:16:3e:00:00:00',
  parse(raw) {
    const text = raw.trim().toLowerCase();
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(text)) {
      throw new OptionValueError(`${JSON.stringify(raw)} is not a MAC address (fa:16:3e:00:00:00)`);
    }
    if (parseInt(text.slice(0, 2), 16) % 2 !== 0) {
      throw new OptionValueError(
        `${JSON.stringify(raw)} is a multicast address (odd first octet): ports need unicast ` +
          'MAC addresses, such as fa:16:3e:00:00:00',
      );
    }
    return text;
  },
};

/** An http or https URL. */
const httpUrlType: OptionType<string> = {
  expected: 'an http:// or https:// URL',
  parse(raw) {
    const text = raw.trim();
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new OptionValueError(
        `${JSON.stringify(raw)} is not an http:// or https:// URL (such as ` +
          'http://nova.example:8774/v2.1)',
      );
    }
    return text;
  },
};

/**
 * Reads the REST server's own settings from `[DEFAULT]`, `[nova]`, `[ml2ts]` and
 * `[oslo_middleware]` (see `ServerSettings` for each option and its default), and checks the
 * two settings ml2ts cannot honour: `[DEFAULT] core_plugin` must name ML2 (`ml2` or
 * `neutron.plugins.ml2.plugin.Ml2Plugin`; absent is fine) and `[DEFAULT] auth_strategy` must be
 * `noauth`, ml2ts's default (`keystone` is refused). Without `bind_host` the server listens on
 * loopback only: callers are trusted under noauth, so reaching beyond the machine must be asked
 * for.
 *
 * Throws `NeutronConfigError` naming the file, line and option for a bad value or a refused
 * setting. Marks the options it reads as used in `reader`.
 */
export function readServerSettings(reader: OptionReader): ServerSettings {
  const corePlugin = reader.read('DEFAULT', 'core_plugin', optionTypes.string);
  if (corePlugin && !ML2_PLUGINS.includes(corePlugin.value.trim())) {
    throw reader.error(
      corePlugin.entry,
      `ml2ts is the ML2 plugin and cannot serve ${JSON.stringify(corePlugin.value)}: set ` +
        'core_plugin = ml2, or remove the line',
    );
  }
  readAuthStrategy(reader);

  // The engine takes base_mac through its configuration; checked here too, so that a bad value
  // is reported with its file and line.
  reader.read('DEFAULT', 'base_mac', macType);

  const value = <T>(section: string, option: string, type: OptionType<T>, fallback: T): T =>
    reader.read(section, option, type)?.value ?? fallback;
  const nova = readNova(reader);
  return {
    host: value('DEFAULT', 'bind_host', optionTypes.string, '127.0.0.1').trim(),
    port: value('DEFAULT', 'bind_port', optionTypes.integer({ min: 0, max: 65535 }), 9696),
    authStrategy: 'noauth',
    ...(nova.url === undefined ? {} : { novaUrl: nova.url }),
    nova,
    notifyNovaOnPortStatusChanges: value(
      'DEFAULT',
      'notify_nova_on_port_status_changes',
      optionTypes.boolean,
      true,
    ),
    notifyNovaOnPortDataChanges: value(
      'DEFAULT',
      'notify_nova_on_port_data_changes',
      optionTypes.boolean,
      true,
    ),
    sendEventsInterval: value('DEFAULT', 'send_events_interval', count, 2),
    maxRequestBodySize: value('oslo_middleware', 'max_request_body_size', count, 114_688),
    maxAllowedAddressPair: value('DEFAULT', 'max_allowed_address_pair', count, 10),
    debug: value('DEFAULT', 'debug', optionTypes.boolean, false),
  };
}

/** Refuses every `auth_strategy` but `noauth`, which is also what an absent one means. */
function readAuthStrategy(reader: OptionReader): void {
  const strategy = reader.read(
    'DEFAULT',
    'auth_strategy',
    optionTypes.choice(['noauth', 'keystone']),
  );
  const advice =
    'ml2ts does not validate Keystone tokens yet: set auth_strategy = noauth in [DEFAULT] and ' +
    'let only trusted clients reach the server (a loopback address, or an authenticating proxy)';
  if (strategy?.value === 'keystone') {
    throw reader.error(strategy.entry, `keystone is not supported; ${advice}`);
  }
}

/** `[nova]` and `[ml2ts] nova_url`. */
function readNova(reader: OptionReader): NovaSettings {
  const text = (option: string) => {
    const found = reader.read('nova', option, optionTypes.nullableString)?.value;
    return found === null || found === undefined ? undefined : found.trim();
  };
  const url = reader.read('ml2ts', 'nova_url', httpUrlType)?.value;
  const authType = text('auth_type');
  const authUrl = text('auth_url');
  const regionName = text('region_name');
  const endpointType =
    reader.read('nova', 'endpoint_type', optionTypes.choice(ENDPOINT_TYPES))?.value ?? 'public';
  return {
    ...(url === undefined ? {} : { url }),
    ...(authType === undefined ? {} : { authType }),
    ...(authUrl === undefined ? {} : { authUrl }),
    ...(regionName === undefined ? {} : { regionName }),
    endpointType,
  };
}
