export { defaultSearchPaths } from './default-search-paths';
export { describeAvailableDrivers } from './describe-available-drivers';
export {
  discoverMechanismDrivers,
  type DiscoverMechanismDriversOptions,
} from './discover-mechanism-drivers';
export { type DiscoveredDriver, type DiscoveryProblem, type DriverCatalog } from './driver-catalog';
export { loadMechanismDrivers, type LoadMechanismDriversOptions } from './load-mechanism-drivers';
export { resolveDriverEntry } from './resolve-driver-entry';
export { unbuiltEntryProblem } from './unbuilt-entry-problem';
