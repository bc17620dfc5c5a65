// The conformance scenario runner: declarative scenarios run through the real engine.
export * from './run-scenario';
export * from './compare-scenario-results';
export * from './format-conformance-report';
export * from './scenario';
export * from './scenario-error';
export * from './scenario-result';
export { parseScenario, type ParsedScenario } from './parse-scenario';
export { scenarioConfigurationOverrides, CONFIG_KEYS } from './scenario-configuration';
export { scenarioPortId, SCENARIO_ID_NAMESPACE } from './scenario-ids';
export { uuidV5 } from './uuid-v5';
