import { join } from 'node:path';
import { silentLogger } from '@ml2ts/driver-api';
import { describeMechanismDriverContract } from '@ml2ts/testkit';
import { LinuxbridgeMechanismDriver } from './linuxbridge-mechanism-driver';

describeMechanismDriverContract({
  createDriver: (configuration) => new LinuxbridgeMechanismDriver(configuration, silentLogger),
  packageDir: join(__dirname, '..'),
  configuration: { experimental: { linuxbridge: true } },
});
