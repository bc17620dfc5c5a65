import { type Logger, TunnelIpInUse } from '@ml2ts/driver-api';
import { isUniqueViolation } from '@ml2ts/store';
import {
  isTunnelEndpointType,
  type TunnelEndpointRow,
  type TunnelEndpointType,
} from '../repositories/tunnel-endpoint-repository';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';

/** The UDP port a VXLAN endpoint receives on when its agent names none (IANA's VXLAN port). */
export const DEFAULT_VXLAN_UDP_PORT = 4789;

/**
 * How many times `syncTunnelEndpoint` runs its unit of work when a concurrent sync wrote the same
 * address or host first (a unique violation): the next run reads that row and answers from it.
 */
const TUNNEL_SYNC_ATTEMPTS = 3;

/** What the engine's `tunnel_sync` depends on in the configuration. */
export interface TunnelSyncSettings {
  /** The tunnel types the type manager loaded (`ml2.type_drivers`), in that order. */
  readonly tunnelTypes: readonly TunnelEndpointType[];
  /** `ml2.overlay_ip_version`: every tunnel address must be of this version. */
  readonly overlayIpVersion: 4 | 6;
}

/**
 * The `TunnelSyncSettings` of an engine whose type manager loaded `networkTypes`: the tunnel
 * types among them, in order. Pure.
 */
export function tunnelSyncSettings(
  networkTypes: readonly string[],
  overlayIpVersion: 4 | 6,
): TunnelSyncSettings {
  return { tunnelTypes: networkTypes.filter(isTunnelEndpointType), overlayIpVersion };
}

/** One agent's announcement, checked: the endpoint it wants recorded. */
export interface TunnelAnnouncement {
  readonly type: TunnelEndpointType;
  /** Canonical. */
  readonly ipAddress: string;
  /** Null when the agent named no host (agents before Neutron's RPC 1.4). */
  readonly host: string | null;
  /** VXLAN: the port to record (the agent's, else 4789); null for the other types. */
  readonly udpPort: number | null;
}

/**
 * What recording an announcement did. The other agents must be told (`tunnelUpdate`) when the
 * address is new or replaced the host's old one: they build a tunnel to it.
 */
export interface TunnelSyncOutcome {
  /** Every endpoint of the type once the announcement is recorded, the caller's included. */
  readonly endpoints: TunnelEndpointRow[];
  /** True when the address was not recorded before (for any host, or for none). */
  readonly isNew: boolean;
  /** The address the host held before its new one (now deleted); null when none was replaced. */
  readonly replaced: string | null;
}

/**
 * Records `announcement` in the caller's unit of work (a write transaction) and reads every
 * endpoint of its type back. The rules, per tunnel type:
 *
 * - an address already recorded for the same host changes nothing but a VXLAN endpoint's UDP
 *   port; an agent naming no host whose address is recorded (for any host) changes nothing but
 *   the port of an endpoint recorded without a host;
 * - an address recorded for another host is refused with `TunnelIpInUse` (409) before anything
 *   is written;
 * - an address recorded without a host (an old agent's) is taken over by the host announcing it;
 * - a host that held another address loses it: its old endpoint is deleted and the new one
 *   recorded (`replaced` names the old one).
 *
 * Opens no transaction and takes no locks: a concurrent sync of the same address or host makes
 * one of the two inserts fail on the table's keys, and the loser's unit must run again (as
 * `syncTunnelEndpoint` does). Throws the database's errors unchanged.
 */
export async function recordTunnelEndpoint(
  unit: UnitOfWork,
  announcement: TunnelAnnouncement,
  logger: Logger,
): Promise<TunnelSyncOutcome> {
  const endpoints = unit.tunnelEndpoints;
  const { type, ipAddress, host, udpPort } = announcement;
  const atAddress = await endpoints.findByAddress(type, ipAddress);
  let isNew = false;
  let replaced: string | null = null;
  if (atAddress !== null && (host === null || atAddress.host === host)) {
    if (atAddress.host === host && udpPort !== null && atAddress.udpPort !== udpPort) {
      await endpoints.updateUdpPort(ipAddress, udpPort);
    }
  } else if (atAddress !== null && atAddress.host !== null) {
    throw new TunnelIpInUse(ipAddress, type, atAddress.host, host ?? '');
  } else {
    if (host !== null) {
      const held = await endpoints.findByHost(type, host);
      if (held !== null) {
        await endpoints.delete(type, held.ipAddress);
        replaced = held.ipAddress;
        logger.info('Tunnel endpoint of a host changed address', {
          tunnel_type: type,
          host,
          old_ip: held.ipAddress,
          new_ip: ipAddress,
        });
      }
    }
    if (atAddress !== null) {
      // An endpoint an agent recorded without naming its host: this host owns it from now on.
      await endpoints.delete(type, ipAddress);
      logger.info('Tunnel endpoint recorded without a host is now claimed by its host', {
        tunnel_type: type,
        host,
        tunnel_ip: ipAddress,
      });
    } else {
      isNew = true;
    }
    await endpoints.insert(type, { ipAddress, host, udpPort });
  }
  return { endpoints: await endpoints.list(type), isNew, replaced };
}

/**
 * Records `announcement` in a write transaction of its own (see `recordTunnelEndpoint`), after
 * which it is committed. Must not be called inside a unit of work; blocks on the database only.
 * The store runs the unit again on transient errors; a unique violation (a concurrent sync of the
 * same address or host won) runs it again too, up to 3 times in all. Rejects with `TunnelIpInUse`
 * (409), or the store's typed database errors.
 */
export async function syncTunnelEndpoint(
  repositories: Repositories,
  announcement: TunnelAnnouncement,
  logger: Logger,
): Promise<TunnelSyncOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await repositories.transaction((unit) =>
        recordTunnelEndpoint(unit, announcement, logger),
      );
    } catch (error) {
      if (attempt >= TUNNEL_SYNC_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}
