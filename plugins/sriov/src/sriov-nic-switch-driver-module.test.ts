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
import { SriovNicSwitchMechanismDriver } from './sriov-nic-switch-mechanism-driver';

const manifest = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    ml2ts: PluginManifest;
  }
).ml2ts;

describe('sriovNicSwitchDriverModule', () => {
  it('is the export the manifest names and yields a singleton driver with the manifest name', () => {
    expect(manifest.mechanismDrivers).toHaveLength(1);
    const [declared] = manifest.mechanismDrivers;
    const module = (entry as Record<string, unknown>)[declared.export];
    expect(module).toBe(entry.sriovNicSwitchDriverModule);

    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(makeConfiguration());
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.sriovNicSwitchDriverModule);
    const driver = container.get<MechanismDriver>(DI.MECHANISM_DRIVER);
    expect(driver).toBeInstanceOf(SriovNicSwitchMechanismDriver);
    expect(driver.name).toBe(declared.name);
    expect(container.get(DI.MECHANISM_DRIVER)).toBe(driver);
  });

  it('reads its configuration from DI.CONFIGURATION', () => {
    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(
      makeConfiguration({
        pluginSections: { sriov_driver: { vnic_type_prohibit_list: ['macvtap'] } },
      }),
    );
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.sriovNicSwitchDriverModule);
    const driver = container.get<SriovNicSwitchMechanismDriver>(DI.MECHANISM_DRIVER);
    expect(driver.supportedVnicTypes).toEqual(['direct', 'direct-physical', 'accelerator-direct']);
  });

  it('fails resolution with the ConfigurationError of an invalid prohibit list', () => {
    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(
      makeConfiguration({
        pluginSections: { sriov_driver: { vnic_type_prohibit_list: ['normal'] } },
      }),
    );
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.sriovNicSwitchDriverModule);
    expect(() => container.get(DI.MECHANISM_DRIVER)).toThrow(ConfigurationError);
  });
});
