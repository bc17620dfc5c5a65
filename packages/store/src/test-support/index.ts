export * from './database-kinds';
export { isServerReachable } from './probe-server';
export * from '../testing/sample-rows';
export * from './schema-inspection';
