import { type ContractCheck, type ContractGroup } from '../contract-group';
import { ContractSubject } from '../contract-subject';

/**
 * Builds a `ContractGroup` whose checks are made by `build` from the driver under test. `build`
 * must only read the declaration (it runs when jest collects tests).
 */
export function defineContractGroup(
  id: string,
  title: string,
  build: (subject: ContractSubject) => ContractCheck[],
): ContractGroup {
  return { id, title, checks: (options) => build(new ContractSubject(options)) };
}

/** A check named `name` that runs `run`. */
export function check(name: string, run: () => Promise<void>): ContractCheck {
  return { name, run };
}
