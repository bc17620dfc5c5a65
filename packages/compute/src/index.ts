// The compute side: allocates instances' ports, plugs VIFs, waits for network-vif-plugged.
export * from './compute-service';
export * from './device-names';
export * from './errors';
export * from './host-data-plane';
export * from './instance-port';
export * from './network-api';
export * from './vif-plug-plan';
export * from './vif-plugged-waiter';
export * from './vif-plugger';
