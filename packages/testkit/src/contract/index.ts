export { vifDetailsProblems, WELL_KNOWN_VIF_DETAILS } from './check-vif-details';
export {
  type ContractCheck,
  type ContractFailure,
  type ContractGroup,
  type ContractGroupReport,
  runContractGroup,
} from './contract-group';
export { ContractViolation } from './contract-violation';
export * from './describe-mechanism-driver-contract';
export * from './groups';
export * from './mechanism-driver-contract';
export * from './mechanism-driver-contract-options';
