import { ConfigurationError, DI, silentLogger } from '@ml2ts/driver-api';
import { makeConfiguration } from '@ml2ts/testkit';
import { Container } from 'inversify';
import * as entry from './index';
import { LinuxbridgeMechanismDriver } from './linuxbridge-mechanism-driver';

/** Manifest and module loading are checked by the contract suite (driver-module group). */
describe('linuxbridgeDriverModule', () => {
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
