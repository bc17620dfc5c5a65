export * from './tor-driver-module';
export * from './tor-mechanism-driver';
export * from './tor-settings';
export * from './tor-capabilities';
