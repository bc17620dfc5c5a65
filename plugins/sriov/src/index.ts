export * from './sriov-nic-switch-driver-module';
export * from './sriov-nic-switch-mechanism-driver';
export * from './sriov-nic-switch-capabilities';
