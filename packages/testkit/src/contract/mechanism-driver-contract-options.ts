import { type MechanismDriver, type Ml2Configuration } from '@ml2ts/driver-api';
import { type ConfigurationOverrides } from '../fixtures/make-configuration';
import { type DriverCapabilities } from '@ml2ts/driver-api';

/** The two functions of a test framework the suite registers its tests with. */
export interface ContractTestRunner {
  /** Declares a group of tests; `body` registers them synchronously. */
  describe(name: string, body: () => void): unknown;
  /** Declares one test; it fails when `body` rejects. */
  it(name: string, body: () => Promise<void>): unknown;
}

/** What the contract suite needs to check a mechanism driver. */
export interface MechanismDriverContractOptions {
  /**
   * Builds a fresh driver from `configuration`, the way the driver's container module would. The
   * suite calls it for every check (often several times) and then calls `initialize`, as the
   * engine does. May be async.
   *
   * ```ts
   * createDriver: (configuration) => new TorMechanismDriver(configuration, silentLogger),
   * ```
   */
  readonly createDriver: (
    configuration: Ml2Configuration,
  ) => MechanismDriver | Promise<MechanismDriver>;
  /**
   * What the driver declares it can do (see `DriverCapabilities`). Default: the `capabilities`
   * property of a driver from `createDriver`, which then must build the driver synchronously.
   */
  readonly capabilities?: DriverCapabilities;
  /**
   * The test framework's `describe` and `it`, for the `describe...` functions. Default: the
   * global ones (jest, vitest with globals, mocha); with node's runner pass
   * `{ describe, it }` from `node:test`.
   */
  readonly runner?: ContractTestRunner;
  /**
   * The folder of the driver's package, holding the `package.json` with the `ml2ts` manifest.
   * The DI module group loads the driver from it through the engine's plugin loader.
   */
  readonly packageDir: string;
  /**
   * Options the driver needs to start, applied over Neutron's defaults to every configuration
   * the suite builds (for example `{ experimental: { linuxbridge: true } }`, or
   * `{ pluginSections: { tor: { ... } } }`). Default none.
   */
  readonly configuration?: ConfigurationOverrides;
}
