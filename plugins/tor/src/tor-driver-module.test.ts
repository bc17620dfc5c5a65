import { ConfigurationError, DI, silentLogger } from '@ml2ts/driver-api';
import { makeConfiguration } from '@ml2ts/testkit';
import { Container } from 'inversify';
import * as entry from './index';
import { TorMechanismDriver } from './tor-mechanism-driver';

/** Manifest and module loading are checked by the contract suite (driver-module group). */
describe('torDriverModule', () => {
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
