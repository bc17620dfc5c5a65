export * from './openvswitch-driver-module';
export * from './openvswitch-mechanism-driver';
export * from './openvswitch-capabilities';
