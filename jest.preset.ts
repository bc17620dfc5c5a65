import type { Config } from 'jest';
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';

/**
 * The jest settings every workspace package shares. Tests sit beside the code in `src/` and run
 * on the TypeScript sources (the `@ml2ts/source` export condition), so no build is needed first.
 */
export function packageJestConfig(packageDir: string): Config {
  const manifest = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8')) as {
    name?: string;
  };
  return {
    displayName: manifest.name ?? basename(packageDir),
    rootDir: packageDir,
    roots: ['<rootDir>/src'],
    testEnvironment: 'node',
    testEnvironmentOptions: { customExportConditions: ['@ml2ts/source', 'node', 'node-addons'] },
    transform: { '^.+\\.[cm]?[tj]s$': ['ts-jest', { tsconfig: { allowJs: true } }] },
    transformIgnorePatterns: ['/node_modules/(?!(inversify|@inversifyjs|cookie)/)'],
    testMatch: ['**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
  };
}
