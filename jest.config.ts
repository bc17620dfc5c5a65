/** @jest-config-loader-options {"transpileOnly": true, "skipProject": true} */
import { availableParallelism } from 'node:os';
import type { Config } from 'jest';

const config: Config = {
  projects: ['<rootDir>/packages/*', '<rootDir>/plugins/*', '<rootDir>/migrations'],
  // Many tests wait on database servers, child processes and the openstack CLI more than on the
  // CPU: one worker more than jest's default (cores - 1) keeps a two-core machine busy.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};

export default config;
