import { join } from 'node:path';
import { silentLogger } from '@ml2ts/driver-api';
import { describeMechanismDriverContract } from '@ml2ts/testkit';
import { OpenvswitchMechanismDriver } from './openvswitch-mechanism-driver';

describeMechanismDriverContract({
  createDriver: (configuration) => new OpenvswitchMechanismDriver(configuration, silentLogger),
  packageDir: join(__dirname, '..'),
});
