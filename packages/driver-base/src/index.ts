export * from './agent-mechanism-driver-base';
export * from './binding-profile-capabilities';
export * from './plugin-section';
export * from './simple-agent-mechanism-driver-base';
export * from './vnic-type-prohibit-list';
