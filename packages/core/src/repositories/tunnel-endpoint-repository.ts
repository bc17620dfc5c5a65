/** The tunnel types whose endpoints ml2ts records: one table each. */
export type TunnelEndpointType = 'vxlan' | 'gre' | 'geneve';

/** Every `TunnelEndpointType`, for narrowing a checked string. */
export const TUNNEL_ENDPOINT_TYPES: readonly TunnelEndpointType[] = ['vxlan', 'gre', 'geneve'];

/** True when `type` names a table of tunnel endpoints. Pure. */
export function isTunnelEndpointType(type: string): type is TunnelEndpointType {
  return (TUNNEL_ENDPOINT_TYPES as readonly string[]).includes(type);
}

/** One recorded tunnel endpoint. */
export interface TunnelEndpointRow {
  /** Its address, canonical (`10.0.0.5`, `2001:db8::5`); the key of its table. */
  readonly ipAddress: string;
  /** The host that announced it; null when its agent named none (agents before RPC 1.4). */
  readonly host: string | null;
  /** VXLAN: the UDP port it receives on. Null for the other types, which have no port. */
  readonly udpPort: number | null;
}

/**
 * The engine's storage of tunnel endpoints (`ml2_vxlan_endpoints`, `ml2_gre_endpoints`,
 * `ml2_geneve_endpoints`): per tunnel type, one row per address, a host at most once.
 *
 * One instance serves one unit of work: every method runs inside the caller's transaction (or
 * read), on its connection, and opens none itself. Reads take no locks; a write that collides
 * with a concurrent one fails on the table's keys (the caller runs its unit again). A throw is
 * the database's error (a unique violation included) and the caller's unit of work rolls back.
 */
export interface TunnelEndpointRepository {
  /** Every endpoint of `type`, ordered by address (code-unit order, the same on every database). */
  list(type: TunnelEndpointType): Promise<TunnelEndpointRow[]>;
  /** The endpoint of `type` at `ipAddress` (canonical), or null. */
  findByAddress(type: TunnelEndpointType, ipAddress: string): Promise<TunnelEndpointRow | null>;
  /** The endpoint of `type` that `host` holds, or null. */
  findByHost(type: TunnelEndpointType, host: string): Promise<TunnelEndpointRow | null>;
  /**
   * Inserts an endpoint. `udpPort` is written for `vxlan`, where it is required (a null there is
   * a programming error, thrown before any statement), and ignored for the other types. Throws
   * the database's unique violation when the address, or the host, is already recorded.
   */
  insert(type: TunnelEndpointType, row: TunnelEndpointRow): Promise<void>;
  /** `vxlan` only: writes the endpoint's UDP port; false when the row is gone. */
  updateUdpPort(ipAddress: string, udpPort: number): Promise<boolean>;
  /** Deletes the endpoint of `type` at `ipAddress`; false when there was none. */
  delete(type: TunnelEndpointType, ipAddress: string): Promise<boolean>;
}
