// The ml2ts command line, for programs that want to run it in-process.
export * from './cli-io';
export * from './run-cli';
export * from './parse-arguments';
export * from './usage-error';
export { simulateCommand, SIMULATE_HELP } from './commands/simulate';
export { migrateCommand, MIGRATE_HELP } from './commands/migrate';
export { demoCommand, DEMO_HELP, DEMO_DATABASE } from './commands/demo';
export { explainCommand, EXPLAIN_HELP } from './commands/explain';
export { agentsCommand, AGENTS_HELP } from './commands/agents';
export { runDemo, type DemoOptions, type DemoResult } from './demo/run-demo';
