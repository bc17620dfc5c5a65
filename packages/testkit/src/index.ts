// Fakes and fixtures for mechanism driver tests.
export * from './fakes/fake-clock';
export * from './fakes/fake-port-context';
export * from './fakes/recording-logger';
export * from './fixtures/fixture-now';
export * from './fixtures/make-agent';
export * from './fixtures/make-configuration';
export * from './fixtures/make-port-view';
export * from './fixtures/make-segment';
export * from './fixtures/make-subnet';
// The mechanism driver contract suite.
export * from './contract';
