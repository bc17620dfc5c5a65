export * from './binding/engine-port-context';
export * from './binding/mechanism-manager';
export * from './config';
export * from './engine/create-engine';
export * from './engine/open-engine';
export * from './ml2/agent-registry';
export * from './ml2/agent-rpc';
export * from './ml2/ml2-plugin';
export * from './ml2/notifier';
export * from './ml2/tag-filter';
export * from './support/sleeper';
export * from './types';
export * from './binding/explain-trace';

export * from './agent-server';
