/** @jest-config-loader-options {"transpileOnly": true, "skipProject": true} */
import type { Config } from 'jest';

const config: Config = {
  projects: ['<rootDir>/packages/*', '<rootDir>/plugins/*', '<rootDir>/migrations'],
};

export default config;
