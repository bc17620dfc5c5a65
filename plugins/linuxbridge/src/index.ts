export * from './linuxbridge-driver-module';
export * from './linuxbridge-mechanism-driver';
export * from './linuxbridge-capabilities';
