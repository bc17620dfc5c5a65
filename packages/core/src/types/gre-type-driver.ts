import { EncapOverhead, type Logger, type Ml2Configuration, NetworkType } from '@ml2ts/driver-api';
import { MAX_GRE_ID, parseTunnelRanges } from '../config/parse-tunnel-ranges';
import { type RandomSource } from '@ml2ts/driver-api';
import { TunnelTypeDriver } from './tunnel-type-driver';

/**
 * `gre`: keys from `[ml2_type_gre] tunnel_id_ranges` (1..4294967295), 22 bytes of encapsulation
 * (MTU 1458 with the defaults).
 */
export class GreTypeDriver extends TunnelTypeDriver {
  /** Reads the configuration once; throws `ConfigurationError` for a bad `tunnel_id_ranges` entry. */
  constructor(config: Ml2Configuration, random: RandomSource, logger: Logger) {
    super(
      {
        networkType: NetworkType.GRE,
        table: 'gre',
        ranges: parseTunnelRanges(
          config.ml2_type_gre.tunnel_id_ranges,
          1,
          MAX_GRE_ID,
          'ml2_type_gre.tunnel_id_ranges',
        ),
        encapOverhead: EncapOverhead.GRE,
      },
      config,
      random,
      logger,
    );
  }
}
