export * from './sriov-nic-switch-driver-module';
export * from './sriov-nic-switch-mechanism-driver';
