import { type ContractGroup } from './contract-group';
import {
  agentLiveness,
  bindPortBasics,
  bindPortDeadline,
  bindPortPurity,
  contextLifetime,
  driverModule,
  hierarchicalBinding,
  networkTypes,
  otherHostAgents,
  physicalNetworkMappings,
  precommitDeadline,
  tunnelTypes,
  vifDetailsShape,
  vnicTypeFiltering,
} from './groups';
import { MECHANISM_DRIVER_CONTRACT_GROUPS } from './mechanism-driver-contract';
import { declaredCapabilities } from './declared-capabilities';
import {
  type ContractTestRunner,
  type MechanismDriverContractOptions,
} from './mechanism-driver-contract-options';

/**
 * Registers the whole mechanism driver contract as tests of the test framework (`runner`,
 * default the global `describe`/`it` of jest): one `describe` named after the driver, one nested
 * `describe` per group, one `it` per check. Call it at the top level of a test file of the
 * driver's package, the way a third party would:
 *
 * ```ts
 * describeMechanismDriverContract({
 *   createDriver: (configuration) => new TorMechanismDriver(configuration, silentLogger),
 *   packageDir: join(__dirname, '..'),
 * });
 * ```
 *
 * Each check builds fresh drivers with `createDriver` and fake contexts; checks that do not
 * apply to the declared capabilities are not registered.
 */
export function describeMechanismDriverContract(options: MechanismDriverContractOptions): void {
  const runner = testRunner(options);
  runner.describe(`mechanism driver contract: ${declaredCapabilities(options).name}`, () => {
    for (const group of MECHANISM_DRIVER_CONTRACT_GROUPS) describeContractGroup(group, options);
  });
}

/**
 * Registers one group as a `describe` with one `it` per check (see `runner`). A group without applicable
 * checks registers nothing.
 */
export function describeContractGroup(
  group: ContractGroup,
  options: MechanismDriverContractOptions,
): void {
  const checks = group.checks(options);
  if (checks.length === 0) return;
  const runner = testRunner(options);
  runner.describe(group.title, () => {
    for (const check of checks) runner.it(check.name, () => check.run());
  });
}

/** The runner of `options`, else the global `describe` and `it`; throws when there is none. */
function testRunner(options: MechanismDriverContractOptions): ContractTestRunner {
  if (options.runner) return options.runner;
  const globals = globalThis as Partial<ContractTestRunner>;
  if (typeof globals.describe !== 'function' || typeof globals.it !== 'function') {
    throw new Error(
      "No global describe/it found: pass `runner: { describe, it }` from your test framework (for node's runner, from node:test).",
    );
  }
  return { describe: globals.describe, it: globals.it };
}

/** The bind-port basics group as jest tests (see `bindPortBasics`). */
export function describeBindPortBasics(options: MechanismDriverContractOptions): void {
  describeContractGroup(bindPortBasics, options);
}

/** The vnic type filtering group as jest tests (see `vnicTypeFiltering`). */
export function describeVnicTypeFiltering(options: MechanismDriverContractOptions): void {
  describeContractGroup(vnicTypeFiltering, options);
}

/** The dead and absent agents group as jest tests (see `agentLiveness`). */
export function describeAgentLiveness(options: MechanismDriverContractOptions): void {
  describeContractGroup(agentLiveness, options);
}

/** The agents on other hosts group as jest tests (see `otherHostAgents`). */
export function describeOtherHostAgents(options: MechanismDriverContractOptions): void {
  describeContractGroup(otherHostAgents, options);
}

/** The network types group as jest tests (see `networkTypes`). */
export function describeNetworkTypes(options: MechanismDriverContractOptions): void {
  describeContractGroup(networkTypes, options);
}

/** The physical network mappings group as jest tests (see `physicalNetworkMappings`). */
export function describePhysicalNetworkMappings(options: MechanismDriverContractOptions): void {
  describeContractGroup(physicalNetworkMappings, options);
}

/** The tunnel types group as jest tests (see `tunnelTypes`). */
export function describeTunnelTypes(options: MechanismDriverContractOptions): void {
  describeContractGroup(tunnelTypes, options);
}

/** The vif_details shape group as jest tests (see `vifDetailsShape`). */
export function describeVifDetailsShape(options: MechanismDriverContractOptions): void {
  describeContractGroup(vifDetailsShape, options);
}

/** The hierarchical binding group as jest tests (see `hierarchicalBinding`). */
export function describeHierarchicalBinding(options: MechanismDriverContractOptions): void {
  describeContractGroup(hierarchicalBinding, options);
}

/** The bindPort purity group as jest tests (see `bindPortPurity`). */
export function describeBindPortPurity(options: MechanismDriverContractOptions): void {
  describeContractGroup(bindPortPurity, options);
}

/** The bindPort deadline group as jest tests (see `bindPortDeadline`). */
export function describeBindPortDeadline(options: MechanismDriverContractOptions): void {
  describeContractGroup(bindPortDeadline, options);
}

/** The context lifetime group as jest tests (see `contextLifetime`). */
export function describeContextLifetime(options: MechanismDriverContractOptions): void {
  describeContractGroup(contextLifetime, options);
}

/** The pre-commit hooks group as jest tests (see `precommitDeadline`). */
export function describePrecommitDeadline(options: MechanismDriverContractOptions): void {
  describeContractGroup(precommitDeadline, options);
}

/** The DI module and manifest group as jest tests (see `driverModule`). */
export function describeDriverModule(options: MechanismDriverContractOptions): void {
  describeContractGroup(driverModule, options);
}
