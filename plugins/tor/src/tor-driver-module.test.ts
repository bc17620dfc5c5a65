import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigurationError,
  DI,
  type MechanismDriver,
  type PluginManifest,
  silentLogger,
} from '@ml2ts/driver-api';
import { makeConfiguration } from '@ml2ts/testkit';
import { Container } from 'inversify';
import * as entry from './index';
import { TorMechanismDriver } from './tor-mechanism-driver';

const manifest = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    ml2ts: PluginManifest;
  }
).ml2ts;

describe('torDriverModule', () => {
  it('is the export the manifest names and yields a singleton driver with the manifest name', () => {
    expect(manifest.mechanismDrivers).toHaveLength(1);
    const [declared] = manifest.mechanismDrivers;
    const module = (entry as Record<string, unknown>)[declared.export];
    expect(module).toBe(entry.torDriverModule);

    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(makeConfiguration());
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.torDriverModule);
    const driver = container.get<MechanismDriver>(DI.MECHANISM_DRIVER);
    expect(driver).toBeInstanceOf(TorMechanismDriver);
    expect(driver.name).toBe(declared.name);
    expect(container.get(DI.MECHANISM_DRIVER)).toBe(driver);
  });

  it('reads its configuration from DI.CONFIGURATION', () => {
    const container = new Container();
    container
      .bind(DI.CONFIGURATION)
      .toConstantValue(
        makeConfiguration({ pluginSections: { tor: { release_dynamic_segments: 'no' } } }),
      );
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.torDriverModule);
    const driver = container.get<TorMechanismDriver>(DI.MECHANISM_DRIVER);
    expect(() => driver.initialize()).toThrow(ConfigurationError);
  });
});
