import { type TunnelSyncRequest } from '@ml2ts/agent-rpc';
import { AttributeLimits } from '@ml2ts/driver-api';
import { parseIpAddress } from '../ipam/ip-address';
import { ipAddressRule } from './address-rules';
import { objectRule } from './object-rule';
import { invalidValue, type Rule } from './rule';
import { integerRule, stringRule } from './scalar-rules';

/** The highest UDP port. */
const MAX_UDP_PORT = 65535;

/**
 * The request of `tunnel_sync`: `tunnel_ip` an IPv4 or IPv6 address (required; passed on in
 * canonical form, see `ipAddressRule`), `tunnel_type` a non-empty string (required; whether
 * ml2ts serves that type is `tunnelTypeRule`'s check, which needs the configuration), `host` a
 * string (empty or absent: an agent that names no host), `udp_port` an integer from 1 to 65535.
 * Any other key is refused (400).
 */
export const tunnelSyncRequestRule: Rule<TunnelSyncRequest> = objectRule<TunnelSyncRequest>({
  resource: 'tunnel_sync request',
  fields: {
    tunnel_ip: ipAddressRule,
    tunnel_type: stringRule(AttributeLimits.NETWORK_TYPE_MAX_LENGTH, { nonEmpty: true }),
    host: stringRule(AttributeLimits.HOST_MAX_LENGTH),
    udp_port: integerRule(1, MAX_UDP_PORT),
  },
  required: ['tunnel_ip', 'tunnel_type'],
});

/**
 * A tunnel type among `loaded`, the tunnel types ml2ts's type manager has loaded
 * (`ml2.type_drivers`), compared exactly. The 400 lists them, or says that none is loaded.
 */
export function tunnelTypeRule<T extends string>(loaded: readonly T[]): Rule<T> {
  const expected =
    loaded.length > 0
      ? `a tunnel type ml2ts has loaded (${loaded.map((type) => JSON.stringify(type)).join(', ')})`
      : 'a tunnel type ml2ts has loaded, and it has none (ml2.type_drivers lists no vxlan, gre or geneve)';
  return {
    expected,
    check(value, path) {
      if (!(loaded as readonly unknown[]).includes(value))
        throw invalidValue(path, expected, value);
      return value as T;
    },
  };
}

/**
 * An IP address of the overlay's version (`ml2.overlay_ip_version`, 4 or 6): tunnels of one
 * deployment all run over IPv4 or all over IPv6. Expects text `ipAddressRule` already accepted.
 */
export function overlayAddressRule(overlayIpVersion: 4 | 6): Rule<string> {
  const expected = `an IPv${overlayIpVersion} address (ml2.overlay_ip_version is ${overlayIpVersion})`;
  return {
    expected,
    check(value, path) {
      const address = typeof value === 'string' ? parseIpAddress(value) : null;
      if (address === null || address.version !== overlayIpVersion) {
        throw invalidValue(path, expected, value);
      }
      return value as string;
    },
  };
}
