export * from './plugin-agent-server';
export * from './security-group-info';
export * from './serve-agent-rpc';
export * from './watch-agent-notifications';
export * from './versioned-objects';
