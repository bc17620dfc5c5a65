export * from './api-dependencies';
export * from './build-server';
export * from './engine-logger';
export * from './start-server';
export * from './neutron-config';
export * from './nova';
export * from './metrics';
