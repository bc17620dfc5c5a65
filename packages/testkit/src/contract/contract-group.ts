import { type MechanismDriverContractOptions } from './mechanism-driver-contract-options';

/** One check of the contract: a name (the jest test title) and the code that runs it. */
export interface ContractCheck {
  /** What the driver must do, as a sentence: `declines when the only agent is dead`. */
  readonly name: string;
  /** Resolves when the driver passes; rejects (usually with a `ContractViolation`) otherwise. */
  readonly run: () => Promise<void>;
}

/**
 * A group of checks about one part of the contract. `checks` reads only the declaration, so the
 * list of checks is known before any runs (jest registers one test per check); the checks that
 * do not apply to the driver (tunnel types for a driver without tunnels) are left out.
 */
export interface ContractGroup {
  /** Stable identifier, e.g. `bind-port-purity`. */
  readonly id: string;
  /** The jest `describe` title. */
  readonly title: string;
  /** The checks that apply to the driver described by `options`. Pure; never throws. */
  checks(options: MechanismDriverContractOptions): readonly ContractCheck[];
}

/** One failed check of a `ContractGroupReport`. */
export interface ContractFailure {
  readonly check: string;
  readonly error: Error;
}

/** What running one group found. */
export interface ContractGroupReport {
  readonly group: string;
  /** Names of the checks that passed. */
  readonly passed: readonly string[];
  /** The checks that failed, with the error each threw. */
  readonly failures: readonly ContractFailure[];
}

/**
 * Runs every check of `group` against the driver, one after the other, and reports which passed
 * and which failed. Never rejects because of a check: a failing check is reported. For tools and
 * for testing the suite itself; in a driver's jest file use the `describe...` functions.
 */
export async function runContractGroup(
  group: ContractGroup,
  options: MechanismDriverContractOptions,
): Promise<ContractGroupReport> {
  const passed: string[] = [];
  const failures: ContractFailure[] = [];
  for (const check of group.checks(options)) {
    try {
      await check.run();
      passed.push(check.name);
    } catch (error) {
      failures.push({
        check: check.name,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }
  return { group: group.id, passed, failures };
}
