import { type DriverCapabilities, type MechanismDriver } from '@ml2ts/driver-api';
import { makeConfiguration } from '../fixtures/make-configuration';
import { type MechanismDriverContractOptions } from './mechanism-driver-contract-options';

const known = new WeakMap<MechanismDriverContractOptions, DriverCapabilities>();

/**
 * The declaration the suite checks a driver against: the `capabilities` option when given,
 * otherwise the `capabilities` property of a driver built by `createDriver` with the suite's
 * configuration. Read once per options object, while tests are being registered, so
 * `createDriver` must then return the driver itself, not a promise. Throws an `Error` saying
 * what to add when there is no declaration.
 */
export function declaredCapabilities(options: MechanismDriverContractOptions): DriverCapabilities {
  if (options.capabilities) return options.capabilities;
  const cached = known.get(options);
  if (cached) return cached;
  const driver = options.createDriver(makeConfiguration(options.configuration));
  if (driver instanceof Promise) {
    void driver.catch(() => undefined);
    throw new Error(
      'The contract suite reads the driver capabilities while it registers tests, but createDriver returned a promise: pass `capabilities` in the suite options, or build the driver synchronously.',
    );
  }
  const declared = (driver as MechanismDriver).capabilities;
  if (!declared) {
    throw new Error(
      `The driver ${(driver as MechanismDriver).name} declares no \`capabilities\`: add a \`readonly capabilities\` property (a DriverCapabilities from @ml2ts/driver-api) to the driver, or pass \`capabilities\` in the suite options.`,
    );
  }
  known.set(options, declared);
  return declared;
}
