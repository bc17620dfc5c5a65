import { type DriverCatalog } from './driver-catalog';

/**
 * One line for error messages and the CLI: every available driver with the package providing it
 * (`echo (@acme/mech-echo), noop (mech-noop)`), or a note that none was found and where ml2ts
 * looked. Pure; never throws.
 */
export function describeAvailableDrivers(catalog: DriverCatalog): string {
  if (catalog.drivers.length === 0) {
    return `Available mechanism drivers: none (no package with an "ml2ts" manifest was found in ${
      catalog.searchPaths.join(', ') || 'no search path'
    } or ml2ts.plugin_modules).`;
  }
  const listed = catalog.drivers.map((driver) => `${driver.name} (${driver.packageName})`);
  return `Available mechanism drivers: ${listed.join(', ')}.`;
}
