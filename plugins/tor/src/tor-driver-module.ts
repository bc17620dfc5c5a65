import { DI } from '@ml2ts/driver-api';
import { ContainerModule } from 'inversify';
import { TorMechanismDriver } from './tor-mechanism-driver';

/**
 * The container module this package's manifest names (`"export": "torDriverModule"`): binds the
 * driver to `DI.MECHANISM_DRIVER` once, as a singleton, without a name or tag. The engine binds
 * `DI.CONFIGURATION` and `DI.LOGGER` before it loads the module.
 */
export const torDriverModule = new ContainerModule(({ bind }) => {
  bind(DI.MECHANISM_DRIVER).to(TorMechanismDriver).inSingletonScope();
});
