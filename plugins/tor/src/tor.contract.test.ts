import { join } from 'node:path';
import { silentLogger } from '@ml2ts/driver-api';
import { describeMechanismDriverContract } from '@ml2ts/testkit';
import { TorMechanismDriver } from './tor-mechanism-driver';

describeMechanismDriverContract({
  createDriver: (configuration) => new TorMechanismDriver(configuration, silentLogger),
  packageDir: join(__dirname, '..'),
});
