import { type ContractGroup, type ContractGroupReport, runContractGroup } from './contract-group';
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
import { type MechanismDriverContractOptions } from './mechanism-driver-contract-options';

/** Every group of the mechanism driver contract, in the order the suite runs them. */
export const MECHANISM_DRIVER_CONTRACT_GROUPS: readonly ContractGroup[] = [
  bindPortBasics,
  vnicTypeFiltering,
  agentLiveness,
  otherHostAgents,
  networkTypes,
  physicalNetworkMappings,
  tunnelTypes,
  vifDetailsShape,
  hierarchicalBinding,
  bindPortPurity,
  bindPortDeadline,
  contextLifetime,
  precommitDeadline,
  driverModule,
];

/**
 * Runs every group (or the `groups` given) against the driver outside jest's `describe`/`it`
 * and reports, per group, which checks passed and which failed. Never rejects because of a
 * failing check. For tools, and for tests that assert a driver fails the contract.
 */
export async function runMechanismDriverContract(
  options: MechanismDriverContractOptions,
  groups: readonly ContractGroup[] = MECHANISM_DRIVER_CONTRACT_GROUPS,
): Promise<ContractGroupReport[]> {
  const reports: ContractGroupReport[] = [];
  for (const group of groups) reports.push(await runContractGroup(group, options));
  return reports;
}
