import { DI } from '@ml2ts/driver-api';
import { ContainerModule } from 'inversify';
import { OpenvswitchMechanismDriver } from './openvswitch-mechanism-driver';

/**
 * The container module named in this package's manifest: binds `OpenvswitchMechanismDriver` to
 * `DI.MECHANISM_DRIVER` as a singleton. Expects `DI.CONFIGURATION` and `DI.LOGGER` to be bound.
 */
export const openvswitchDriverModule = new ContainerModule(({ bind }) => {
  bind(DI.MECHANISM_DRIVER).to(OpenvswitchMechanismDriver).inSingletonScope();
});
