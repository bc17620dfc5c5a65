import { type Ml2Configuration } from '@ml2ts/driver-api';
import { defaultConfiguration } from '@ml2ts/driver-api';

/** Per-section option overrides of a test configuration. */
export type TypeTestOverrides = {
  readonly [S in Exclude<keyof Ml2Configuration, 'pluginSections'>]?: Partial<Ml2Configuration[S]>;
};

/**
 * Test-only: a complete configuration holding every default, with `overrides` merged in section
 * by section (a given option replaces the default; lists are not merged). Not validated, so
 * tests can hand deliberately inconsistent configurations to the code under test.
 */
export function typeTestConfiguration(overrides: TypeTestOverrides = {}): Ml2Configuration {
  const base = defaultConfiguration();
  const merged: Record<string, unknown> = { ...base };
  for (const [section, values] of Object.entries(overrides)) {
    merged[section] = { ...(base[section as keyof Ml2Configuration] as object), ...values };
  }
  return merged as unknown as Ml2Configuration;
}
