import { defaultConfiguration, type Ml2Configuration } from '@ml2ts/driver-api';

/**
 * How long the MechanismManager waits for driver code, in seconds (fractions allowed), read from
 * the `[ml2]` section: `driver_timeout` for `bindPort` and every post-commit hook,
 * `precommit_timeout` for pre-commit hooks (they hold the database transaction). The whole `ml2`
 * section of a configuration fits.
 */
export type DriverDeadlines = Pick<Ml2Configuration['ml2'], 'driver_timeout' | 'precommit_timeout'>;

/** The configuration defaults: 30 s for `bindPort` and post-commit hooks, 3 s for pre-commit. */
export const DEFAULT_DRIVER_DEADLINES: DriverDeadlines = Object.freeze({
  driver_timeout: defaultConfiguration().ml2.driver_timeout,
  precommit_timeout: defaultConfiguration().ml2.precommit_timeout,
});
