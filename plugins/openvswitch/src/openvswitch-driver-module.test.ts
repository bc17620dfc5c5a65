import { ConfigurationError, DI, silentLogger } from '@ml2ts/driver-api';
import { makeConfiguration } from '@ml2ts/testkit';
import { Container } from 'inversify';
import * as entry from './index';
import { OpenvswitchMechanismDriver } from './openvswitch-mechanism-driver';

/** Manifest and module loading are checked by the contract suite (driver-module group). */
describe('openvswitchDriverModule', () => {
  it('reads its configuration from DI.CONFIGURATION', () => {
    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(
      makeConfiguration({
        pluginSections: { ovs_driver: { vnic_type_prohibit_list: ['vdpa'] } },
      }),
    );
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.openvswitchDriverModule);
    const driver = container.get<OpenvswitchMechanismDriver>(DI.MECHANISM_DRIVER);
    expect(driver.supportedVnicTypes).toEqual(['normal', 'direct', 'smart-nic']);
  });

  it('fails resolution with the ConfigurationError of an invalid prohibit list', () => {
    const container = new Container();
    container.bind(DI.CONFIGURATION).toConstantValue(
      makeConfiguration({
        pluginSections: { ovs_driver: { vnic_type_prohibit_list: ['baremetal'] } },
      }),
    );
    container.bind(DI.LOGGER).toConstantValue(silentLogger);
    container.load(entry.openvswitchDriverModule);
    expect(() => container.get(DI.MECHANISM_DRIVER)).toThrow(ConfigurationError);
  });
});
