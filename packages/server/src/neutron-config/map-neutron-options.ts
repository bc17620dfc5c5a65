import {
  type ConfigurationOverrides,
  isKnownSection,
  loadConfiguration,
  OPTION_KINDS,
  type OptionKind,
} from '@ml2ts/core';
import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';
import { type IniOptionTable } from './ini-option-table';
import { databaseConnectionType } from './map-database-connection';
import { type IgnoredOption, type NeutronConfig, type ServerSettings } from './neutron-config';
import { NeutronConfigError } from './neutron-config-error';
import { OptionReader } from './option-reader';
import { type OptionType, optionTypes } from './option-types';
import { type IniEntry } from './parse-ini';
import { readServerSettings, SERVER_OWN_OPTIONS } from './read-server-settings';

/** The option type that reads each kind of ml2ts option. */
const TYPE_OF_KIND: Readonly<Record<OptionKind, OptionType<unknown>>> = {
  integer: optionTypes.integer(),
  number: optionTypes.number(),
  boolean: optionTypes.boolean,
  string: optionTypes.string,
  'nullable-string': optionTypes.nullableString,
  'string-list': optionTypes.list,
};

/** ml2ts options that are not read one to one (see `readDatabase`). */
const READ_APART = ['ml2ts.database'];

/**
 * Sections a mechanism driver owns, with their options: they are passed on only when the driver
 * is in `[ml2] mechanism_drivers` (the engine refuses a section no loaded driver owns).
 */
const DRIVER_SECTIONS: readonly {
  section: string;
  driver: string;
  options: Readonly<Record<string, OptionType<unknown>>>;
}[] = [
  {
    section: 'ovs_driver',
    driver: 'openvswitch',
    options: { vnic_type_prohibit_list: optionTypes.list },
  },
  {
    section: 'sriov_driver',
    driver: 'sriovnicswitch',
    options: { vnic_type_prohibit_list: optionTypes.list },
  },
];

/**
 * Turns the options of Neutron's files into what ml2ts runs with:
 *
 * - every option of ml2ts's configuration (`OPTION_KINDS`: `[DEFAULT] agent_down_time`,
 *   `global_physnet_mtu`, `enable_new_agents`; `[ml2]`; `[ml2_type_*]`; `[securitygroup]
 *   enable_security_group`; `[experimental] linuxbridge`; `[ml2ts]`) by the same section and
 *   name, lists comma-separated;
 * - `[ovs_driver]` and `[sriov_driver] vnic_type_prohibit_list` when their driver is loaded;
 * - `[database] connection` (or `[ml2ts] database`, not both) into `databaseUrl` and
 *   `ml2ts.database` (see `mapDatabaseConnection`);
 * - the server's own options (see `readServerSettings`), `[DEFAULT] transport_url`;
 * - every other line into `ignored`, with why; but an unknown option in `[ml2ts]`, ml2ts's own
 *   section, is refused as a typo.
 *
 * The configuration is then validated as `loadConfiguration` validates a file. Synchronous.
 * Throws `NeutronConfigError` naming the file, line and option for a value that does not fit
 * its option, a refused setting, or a configuration ml2ts's validation refuses (then naming the
 * line that set the option, or saying that the default applies).
 */
export function mapNeutronOptions(table: IniOptionTable): NeutronConfig {
  const reader = new OptionReader(table);
  const server = readServerSettings(reader);
  const overrides: Record<string, Record<string, unknown>> = {};
  const origins = new Map<string, IniEntry>();
  const set = (section: string, option: string, value: unknown, entry: IniEntry) => {
    overrides[section] = { ...overrides[section], [option]: value };
    origins.set(`${section}.${option}`, entry);
  };

  for (const [section, kinds] of Object.entries(OPTION_KINDS)) {
    for (const [option, kind] of Object.entries(kinds as Record<string, OptionKind>)) {
      if (READ_APART.includes(`${section}.${option}`)) continue;
      const found = reader.read(section, option, TYPE_OF_KIND[kind]);
      if (found) set(section, option, found.value, found.entry);
    }
  }
  const databaseUrl = readDatabase(reader, set);

  const mechanismDrivers = (overrides.ml2?.mechanism_drivers as string[] | undefined) ?? [];
  for (const { section, driver, options } of DRIVER_SECTIONS) {
    for (const [option, type] of Object.entries(options)) {
      if (!mechanismDrivers.includes(driver)) {
        reader.note(
          section,
          option,
          `the ${driver} mechanism driver is not in [ml2] mechanism_drivers`,
        );
        continue;
      }
      const found = reader.read(section, option, type);
      if (found) set(section, option, found.value, found.entry);
    }
  }

  const transportUrl = reader.read('DEFAULT', 'transport_url', optionTypes.nullableString)?.value;
  const ignored = reader.ignored();
  refuseUnknownOwnOptions(reader, ignored);
  const configuration = validate(reader, overrides, origins);
  return {
    files: reader.files,
    configuration,
    overrides: overrides as ConfigurationOverrides,
    server,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(transportUrl === null || transportUrl === undefined ? {} : { transportUrl }),
    ignored,
    warnings: warningsAbout(server),
  };
}

/** `[database] connection` or `[ml2ts] database` (refusing both), into `ml2ts.database`. */
function readDatabase(
  reader: OptionReader,
  set: (section: string, option: string, value: unknown, entry: IniEntry) => void,
): string | undefined {
  const connection = reader.read('database', 'connection', databaseConnectionType);
  const own = reader.read('ml2ts', 'database', databaseConnectionType);
  if (connection && own) {
    throw reader.error(
      own.entry,
      `names the database a second time ([database] connection is set at ` +
        `${connection.entry.file}:${connection.entry.line}): keep one of the two`,
    );
  }
  const chosen = connection ?? own;
  if (chosen === undefined) return undefined;
  set('ml2ts', 'database', chosen.value, chosen.entry);
  return chosen.value;
}

/**
 * Refuses an option of `[ml2ts]`, ml2ts's own section, that ml2ts does not know: there it can
 * only be a typo.
 */
function refuseUnknownOwnOptions(reader: OptionReader, ignored: readonly IgnoredOption[]): void {
  const unknown = ignored.find((entry) => entry.section === 'ml2ts');
  if (unknown === undefined) return;
  const known = [...Object.keys(OPTION_KINDS.ml2ts), ...SERVER_OWN_OPTIONS].sort();
  throw new NeutronConfigError(
    unknown,
    `is not an option of ml2ts: [ml2ts] has ${known.join(', ')}; correct the name`,
  );
}

/**
 * The validated configuration; a `ConfigurationError` becomes a `NeutronConfigError` at the line
 * that set the option it names.
 */
function validate(
  reader: OptionReader,
  overrides: Record<string, Record<string, unknown>>,
  origins: ReadonlyMap<string, IniEntry>,
): Ml2Configuration {
  try {
    return loadConfiguration({ overrides: overrides as ConfigurationOverrides });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const problem = error.message.replace(/^Invalid configuration: /, '');
    const origin = origins.get(error.option);
    if (origin) throw reader.error(origin, problem, error);
    const dot = error.option.indexOf('.');
    const section = error.option.slice(0, Math.max(dot, 0));
    const option = error.option.slice(dot + 1);
    if (dot < 0 || !isKnownSection(section)) {
      throw new NeutronConfigError({ file: reader.files.join(', ') }, problem, { cause: error });
    }
    throw reader.error(
      { section, option },
      `${problem}. No file sets it, so its default applies: set it in [${section}]`,
      error,
    );
  }
}

/** Valid settings that are probably not meant. */
function warningsAbout(server: ServerSettings): string[] {
  const warnings: string[] = [];
  const notify = [
    server.notifyNovaOnPortStatusChanges && 'notify_nova_on_port_status_changes',
    server.notifyNovaOnPortDataChanges && 'notify_nova_on_port_data_changes',
  ].filter((name): name is string => typeof name === 'string');
  if (notify.length > 0 && server.novaUrl === undefined) {
    warnings.push(
      `[DEFAULT] ${notify.join(' and ')} ${notify.length > 1 ? 'are' : 'is'} true (the default ` +
        'unless set) but [ml2ts] nova_url is not set, so Nova is told nothing: set nova_url, ' +
        'or set these options to false',
    );
  }
  return warnings;
}
