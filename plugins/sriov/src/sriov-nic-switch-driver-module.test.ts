import { ConfigurationError, DI, silentLogger } from '@ml2ts/driver-api';
import { makeConfiguration } from '@ml2ts/testkit';
import { Container } from 'inversify';
import * as entry from './index';
import { SriovNicSwitchMechanismDriver } from './sriov-nic-switch-mechanism-driver';

/** Manifest and module loading are checked by the contract suite (driver-module group). */
describe('sriovNicSwitchDriverModule', () => {
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
