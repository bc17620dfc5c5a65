export * from './count-agent-reports';
export * from './observe-http-requests';
export * from './register-metrics';
export * from './server-metrics';
export * from './watch-engine-events';
