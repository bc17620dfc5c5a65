import { DI } from '@ml2ts/driver-api';
import { ContainerModule } from 'inversify';
import { LinuxbridgeMechanismDriver } from './linuxbridge-mechanism-driver';

/**
 * The container module named in this package's manifest: binds `LinuxbridgeMechanismDriver` to
 * `DI.MECHANISM_DRIVER` as a singleton. Expects `DI.CONFIGURATION` and `DI.LOGGER` to be bound.
 */
export const linuxbridgeDriverModule = new ContainerModule(({ bind }) => {
  bind(DI.MECHANISM_DRIVER).to(LinuxbridgeMechanismDriver).inSingletonScope();
});
