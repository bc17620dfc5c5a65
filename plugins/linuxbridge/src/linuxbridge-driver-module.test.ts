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
import { LinuxbridgeMechanismDriver } from './linuxbridge-mechanism-driver';

const manifest = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    ml2ts: PluginManifest;
  }
).ml2ts;

describe('linuxbridgeDriverModule', () => {
  it('is the export the manifest names and yields a singleton driver with the manifest name', () => {
    expect(manifest.mechanismDrivers).toHaveLength(1);
    const [declared] = manifest.mechanismDrivers;
    const module = (entry as Record<string, unknown>)[declared.export];
    expect(module).toBe(entry.linuxbridgeDriverModule);

    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(makeConfiguration());
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.linuxbridgeDriverModule);
    const driver = container.get<MechanismDriver>(DI.MECHANISM_DRIVER);
    expect(driver).toBeInstanceOf(LinuxbridgeMechanismDriver);
    expect(driver.name).toBe(declared.name);
    expect(container.get(DI.MECHANISM_DRIVER)).toBe(driver);
  });

  it('reads its configuration from DI.CONFIGURATION', () => {
    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(
      makeConfiguration({
        securitygroup: { enable_security_group: false },
        experimental: { linuxbridge: false },
      }),
    );
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.linuxbridgeDriverModule);
    const driver = container.get<LinuxbridgeMechanismDriver>(DI.MECHANISM_DRIVER);
    expect(driver.vifDetails).toEqual({ connectivity: 'l2', port_filter: false });
    expect(() => driver.initialize()).toThrow(ConfigurationError);
  });
});
