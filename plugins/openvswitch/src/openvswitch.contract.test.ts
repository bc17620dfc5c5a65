import { join } from 'node:path';
import { silentLogger } from '@ml2ts/driver-api';
import { describeMechanismDriverContract } from '@ml2ts/testkit';
import { openvswitchCapabilities } from './openvswitch-capabilities';
import { OpenvswitchMechanismDriver } from './openvswitch-mechanism-driver';

describeMechanismDriverContract({
  createDriver: (configuration) => new OpenvswitchMechanismDriver(configuration, silentLogger),
  capabilities: openvswitchCapabilities,
  packageDir: join(__dirname, '..'),
});
