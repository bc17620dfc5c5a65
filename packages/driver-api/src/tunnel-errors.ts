import { Conflict } from './errors';

/**
 * 409: an agent announced a tunnel address (`tunnel_sync`) that another host already holds for
 * the same tunnel type. Two hosts cannot share one tunnel address, so ml2ts keeps the holder's
 * and records nothing for the caller. Thrown before anything is written (or its unit of work
 * rolled back).
 */
export class TunnelIpInUse extends Conflict {
  /** The contested address. */
  readonly tunnelIp: string;
  /** `vxlan`, `gre` or `geneve`. */
  readonly tunnelType: string;
  /** The host whose endpoint the address is. */
  readonly holder: string;
  /** The host that asked for it. */
  readonly host: string;

  constructor(tunnelIp: string, tunnelType: string, holder: string, host: string) {
    super(
      'TunnelIpInUse',
      `Tunnel IP ${tunnelIp} (${tunnelType}) is already the tunnel endpoint of host ${holder}, ` +
        `so host ${host} cannot use it. Two hosts cannot share a tunnel address: set another ` +
        `local_ip in the agent configuration of ${host} or of ${holder} and restart that agent ` +
        `(if ${holder} no longer exists, delete its row from ml2_${tunnelType}_endpoints).`,
    );
    this.tunnelIp = tunnelIp;
    this.tunnelType = tunnelType;
    this.holder = holder;
    this.host = host;
  }
}
