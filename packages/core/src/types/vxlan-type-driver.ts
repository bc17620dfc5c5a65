import { EncapOverhead, type Logger, type Ml2Configuration, NetworkType } from '@ml2ts/driver-api';
import { MAX_VNI, parseTunnelRanges } from '../config/parse-tunnel-ranges';
import { type RandomSource } from '@ml2ts/driver-api';
import { TunnelTypeDriver } from './tunnel-type-driver';

/**
 * `vxlan`: VNIs from `[ml2_type_vxlan] vni_ranges` (1..16777215), 30 bytes of encapsulation
 * (MTU 1450 with the defaults).
 */
export class VxlanTypeDriver extends TunnelTypeDriver {
  /** Reads the configuration once; throws `ConfigurationError` for a bad `vni_ranges` entry. */
  constructor(config: Ml2Configuration, random: RandomSource, logger: Logger) {
    super(
      {
        networkType: NetworkType.VXLAN,
        table: 'vxlan',
        ranges: parseTunnelRanges(
          config.ml2_type_vxlan.vni_ranges,
          1,
          MAX_VNI,
          'ml2_type_vxlan.vni_ranges',
        ),
        encapOverhead: EncapOverhead.VXLAN,
      },
      config,
      random,
      logger,
    );
  }
}
