import { type Logger, type Ml2Configuration, NetworkType } from '@ml2ts/driver-api';
import { MAX_VNI, parseTunnelRanges } from '../config/parse-tunnel-ranges';
import { type RandomSource } from '@ml2ts/driver-api';
import { TunnelTypeDriver } from './tunnel-type-driver';

/**
 * `geneve`: VNIs from `[ml2_type_geneve] vni_ranges` (1..16777215); the encapsulation overhead is
 * `[ml2_type_geneve] max_header_size` (default 30, MTU 1450 with the defaults).
 */
export class GeneveTypeDriver extends TunnelTypeDriver {
  /** Reads the configuration once; throws `ConfigurationError` for a bad `vni_ranges` entry. */
  constructor(config: Ml2Configuration, random: RandomSource, logger: Logger) {
    super(
      {
        networkType: NetworkType.GENEVE,
        table: 'geneve',
        ranges: parseTunnelRanges(
          config.ml2_type_geneve.vni_ranges,
          1,
          MAX_VNI,
          'ml2_type_geneve.vni_ranges',
        ),
        encapOverhead: config.ml2_type_geneve.max_header_size,
      },
      config,
      random,
      logger,
    );
  }
}
