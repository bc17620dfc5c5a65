import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';
import { isPlainObject } from './check-option-kinds';
import { freezeDeep } from './freeze-deep';
import { shortForm } from './short-form';
import { validateConfiguration } from './validate-configuration';

/**
 * Takes a configuration built by the caller (in code, or loaded earlier with
 * `loadConfiguration`) for an engine: validates it exactly as a loaded file is validated (see
 * `validateConfiguration`: structure, option types, every rule on the values), then returns a
 * deeply frozen copy, so that nothing the caller changes later reaches the engine or its
 * drivers. The caller's object is neither changed nor frozen.
 *
 * Synchronous. Throws the `ConfigurationError` a file with the same values gets (naming the
 * option, the value and what is allowed; for a structure error, the path and `source`).
 */
export function adoptConfiguration(
  configuration: Ml2Configuration,
  source = 'configuration object',
): Ml2Configuration {
  const given: unknown = configuration;
  if (!isPlainObject(given)) {
    throw new ConfigurationError(source, shortForm(given), 'must be an object of sections');
  }
  validateConfiguration(configuration, source);
  let copy: Ml2Configuration;
  try {
    copy = structuredClone(configuration);
  } catch (error) {
    const message = (error as { message?: unknown } | null)?.message;
    throw new ConfigurationError(
      source,
      typeof message === 'string' ? message : String(error),
      'must hold only JSON values (the copy the engine keeps failed)',
    );
  }
  return freezeDeep(copy);
}
