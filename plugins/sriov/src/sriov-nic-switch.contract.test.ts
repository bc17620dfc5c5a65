import { join } from 'node:path';
import { silentLogger } from '@ml2ts/driver-api';
import { describeMechanismDriverContract } from '@ml2ts/testkit';
import { SriovNicSwitchMechanismDriver } from './sriov-nic-switch-mechanism-driver';

describeMechanismDriverContract({
  createDriver: (configuration) => new SriovNicSwitchMechanismDriver(configuration, silentLogger),
  packageDir: join(__dirname, '..'),
});
