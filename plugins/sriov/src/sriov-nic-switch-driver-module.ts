import { DI } from '@ml2ts/driver-api';
import { ContainerModule } from 'inversify';
import { SriovNicSwitchMechanismDriver } from './sriov-nic-switch-mechanism-driver';

/**
 * The container module named in this package's manifest: binds `SriovNicSwitchMechanismDriver`
 * to `DI.MECHANISM_DRIVER` as a singleton. Expects `DI.CONFIGURATION` and `DI.LOGGER` to be bound.
 */
export const sriovNicSwitchDriverModule = new ContainerModule(({ bind }) => {
  bind(DI.MECHANISM_DRIVER).to(SriovNicSwitchMechanismDriver).inSingletonScope();
});
