import { type MechanismDriverEntry } from '@ml2ts/driver-api';

/** One mechanism driver a package declares in its `ml2ts` manifest. */
export interface DiscoveredDriver {
  /** The name used in `ml2.mechanism_drivers`. */
  readonly name: string;
  /** The `name` of the package that declares it. */
  readonly packageName: string;
  /** The package's folder, symbolic links resolved. */
  readonly packageDir: string;
  /** The manifest entry: the export holding the driver's `ContainerModule`, and its module. */
  readonly entry: MechanismDriverEntry;
}

/** A package (or explicit plugin module) that could not be read as a driver package. */
export interface DiscoveryProblem {
  /** The package name, or the plugin module specifier when it could not be resolved. */
  readonly source: string;
  /** The folder (or specifier) it was looked for in. */
  readonly location: string;
  /** What is wrong, in one sentence. */
  readonly problem: string;
}

/** What `discoverMechanismDrivers` found. */
export interface DriverCatalog {
  /**
   * Every declared driver, sorted by name; a name appears once per package that claims it (more
   * than once means the name is ambiguous).
   */
  readonly drivers: readonly DiscoveredDriver[];
  /** Invalid manifests and plugin modules that could not be found; empty when all is well. */
  readonly problems: readonly DiscoveryProblem[];
  /** The directories that were scanned, in order. */
  readonly searchPaths: readonly string[];
}
