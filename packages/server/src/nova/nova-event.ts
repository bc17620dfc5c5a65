import { DeviceOwner, PortStatus } from '@ml2ts/driver-api';

/** The names of the server external events ml2ts sends to Nova. */
export const NovaEventName = {
  /** The port's VIF is wired (status `completed`) or could not be (status `failed`). */
  VIF_PLUGGED: 'network-vif-plugged',
  /** The port's VIF went down after being up. */
  VIF_UNPLUGGED: 'network-vif-unplugged',
  /** The compute port was deleted. */
  VIF_DELETED: 'network-vif-deleted',
} as const;
export type NovaEventName = (typeof NovaEventName)[keyof typeof NovaEventName];

/** The outcome an event reports to Nova. */
export type NovaEventStatus = 'completed' | 'failed';

/**
 * One entry of the `events` list of `POST /os-server-external-events`, spelt as on the wire:
 * `server_uuid` is the port's `device_id` (the instance), `tag` the port id. `status` is
 * absent for `network-vif-deleted` (Nova then takes `completed`).
 */
export interface NovaEvent {
  readonly name: NovaEventName;
  readonly server_uuid: string;
  readonly tag: string;
  readonly status?: NovaEventStatus;
}

/** What the mapping needs to know of a port: its id, device and owner. */
export interface NovaPortFacts {
  readonly portId: string;
  readonly deviceId: string;
  readonly deviceOwner: string;
}

/** A port status change as the engine reports it, with the port's device and owner. */
export interface NovaPortStatusChange extends NovaPortFacts {
  readonly from: string;
  readonly to: string;
}

const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The statuses a port leaves when its VIF gets plugged ('' is a port that had none yet). */
const PLUGGABLE_FROM: ReadonlySet<string> = new Set(['', PortStatus.DOWN, PortStatus.BUILD]);

/** Whether a `device_id` names an instance: a UUID, with or without hyphens. Pure. */
export function isInstanceId(deviceId: string): boolean {
  return UUID_LIKE.test(deviceId);
}

/**
 * Whether Nova cares about the port: its owner starts with `compute:` and its `device_id` is an
 * instance's (`isInstanceId`). Pure; never throws.
 */
export function isNovaPort(port: Pick<NovaPortFacts, 'deviceId' | 'deviceOwner'>): boolean {
  return port.deviceOwner.startsWith(DeviceOwner.COMPUTE_PREFIX) && isInstanceId(port.deviceId);
}

/**
 * The event a status change means to Nova, or null: DOWN, BUILD (or no status) to ACTIVE is
 * `network-vif-plugged` `completed`, to ERROR is `network-vif-plugged` `failed`; ACTIVE to DOWN
 * is `network-vif-unplugged` `completed`; every other change, and ports Nova does not own
 * (`isNovaPort`), mean nothing. Pure; never throws.
 */
export function statusChangeEvent(change: NovaPortStatusChange): NovaEvent | null {
  if (!isNovaPort(change)) return null;
  const { from, to } = change;
  if (from === PortStatus.ACTIVE && to === PortStatus.DOWN) {
    return eventFor(change, NovaEventName.VIF_UNPLUGGED, 'completed');
  }
  if (PLUGGABLE_FROM.has(from)) {
    if (to === PortStatus.ACTIVE) return eventFor(change, NovaEventName.VIF_PLUGGED, 'completed');
    if (to === PortStatus.ERROR) return eventFor(change, NovaEventName.VIF_PLUGGED, 'failed');
  }
  return null;
}

/**
 * `network-vif-plugged` `completed` for a compute port whose device an agent brought up on a
 * host the port is not bound to (live migration: the port's status does not change), or null
 * when the `device_id` is no instance's. Pure; never throws.
 */
export function vifPluggedElsewhereEvent(
  port: Pick<NovaPortFacts, 'portId' | 'deviceId'>,
): NovaEvent | null {
  return isInstanceId(port.deviceId)
    ? eventFor(port, NovaEventName.VIF_PLUGGED, 'completed')
    : null;
}

/** `network-vif-deleted` for a deleted port Nova owns, or null. Pure; never throws. */
export function portDeletedEvent(port: NovaPortFacts): NovaEvent | null {
  return isNovaPort(port) ? eventFor(port, NovaEventName.VIF_DELETED) : null;
}

/**
 * The events in the shape the notifier logs them: name, port, instance and status, nothing
 * else. Pure.
 */
export function describeEvents(
  events: readonly NovaEvent[],
): Array<{ name: string; port: string; server: string; status?: string }> {
  return events.map((event) => ({
    name: event.name,
    port: event.tag,
    server: event.server_uuid,
    ...(event.status === undefined ? {} : { status: event.status }),
  }));
}

function eventFor(
  port: Pick<NovaPortFacts, 'portId' | 'deviceId'>,
  name: NovaEventName,
  status?: NovaEventStatus,
): NovaEvent {
  return {
    name,
    server_uuid: port.deviceId,
    tag: port.portId,
    ...(status === undefined ? {} : { status }),
  };
}
