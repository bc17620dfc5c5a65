import {
  ConfigurationError,
  DEFAULT_TYPE_DRIVERS,
  type Logger,
  type Ml2Configuration,
  NetworkType,
} from '@ml2ts/driver-api';
import { type RandomSource } from '@ml2ts/driver-api';
import { FlatTypeDriver } from './flat-type-driver';
import { GeneveTypeDriver } from './geneve-type-driver';
import { GreTypeDriver } from './gre-type-driver';
import { LocalTypeDriver } from './local-type-driver';
import { type TypeDriver } from './type-driver';
import { VlanTypeDriver } from './vlan-type-driver';
import { VxlanTypeDriver } from './vxlan-type-driver';

/**
 * Builds the type driver named `name` (an `[ml2] type_drivers` entry). Synchronous; reads the
 * configuration once. Throws `ConfigurationError` for a name ml2ts has no type driver for, or
 * for a bad option of that driver (VLAN / tunnel ranges, physical network MTUs).
 */
export function createTypeDriver(
  name: string,
  config: Ml2Configuration,
  random: RandomSource,
  logger: Logger,
): TypeDriver {
  switch (name) {
    case NetworkType.LOCAL:
      return new LocalTypeDriver(logger);
    case NetworkType.FLAT:
      return new FlatTypeDriver(config, logger);
    case NetworkType.VLAN:
      return new VlanTypeDriver(config, random, logger);
    case NetworkType.VXLAN:
      return new VxlanTypeDriver(config, random, logger);
    case NetworkType.GENEVE:
      return new GeneveTypeDriver(config, random, logger);
    case NetworkType.GRE:
      return new GreTypeDriver(config, random, logger);
    default:
      throw new ConfigurationError(
        'ml2.type_drivers',
        name,
        `each entry must be one of ${DEFAULT_TYPE_DRIVERS.join(', ')}`,
      );
  }
}
