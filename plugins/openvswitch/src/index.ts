export * from './openvswitch-driver-module';
export * from './openvswitch-mechanism-driver';
