import { mapNeutronOptions } from './map-neutron-options';
import { type NeutronConfig } from './neutron-config';
import { NeutronConfigError } from './neutron-config-error';
import { readIniFiles } from './read-ini-files';

/**
 * Reads Neutron's configuration files, in the order of the `--config-file` options (later files
 * override earlier ones option by option), and returns what ml2ts runs with: the engine's
 * validated configuration, the REST server's settings, the database and message bus URLs, and
 * every option ml2ts does not use (see `mapNeutronOptions` for the mapping).
 *
 * Runs once at start-up; blocks while the files are read. Throws `NeutronConfigError` naming the
 * file (and line and option where there is one) when no file is given, a file cannot be read or
 * is malformed, a value does not fit its option, or a setting cannot be honoured (for example
 * `auth_strategy = keystone`, or none).
 */
export function loadNeutronConfig(files: readonly string[]): NeutronConfig {
  if (files.length === 0) {
    throw new NeutronConfigError(
      {},
      'no configuration file given: pass --config-file neutron.conf (and --config-file ' +
        'ml2_conf.ini, in the order neutron-server takes them)',
    );
  }
  return mapNeutronOptions(readIniFiles(files));
}
