import { DeviceOwner, PortStatus } from '@ml2ts/driver-api';
import { type EngineEvents } from '@ml2ts/core';
import {
  type NovaEvent,
  portDeletedEvent,
  statusChangeEvent,
  vifPluggedElsewhereEvent,
} from './nova-event';

/** Which kinds of port changes Nova is told about. */
export interface NovaEventSwitches {
  /** `notify_nova_on_port_status_changes`: VIF plugged and unplugged. */
  readonly statusChanges: boolean;
  /** `notify_nova_on_port_data_changes`: VIF deleted. */
  readonly dataChanges: boolean;
}

/**
 * Turns the engine's events into Nova events, one engine event at a time, as they are emitted.
 *
 * The engine emits `vifPlugged` in two cases: right after the `portStatusChanged` of a compute
 * port that became ACTIVE (synchronously, in the same call), and on its own when a device came up
 * on a host the port is not bound to (live migration). The first is already covered by the
 * status change, so the translator remembers the last status change to ACTIVE of a compute
 * port and skips the `vifPlugged` that echoes it; only the second becomes an event of its own.
 */
export class PortEventTranslator {
  /** The port of the status change to ACTIVE whose echoing `vifPlugged` is still to come. */
  private echoExpectedFor: string | null = null;

  constructor(private readonly switches: NovaEventSwitches) {}

  /** The event for a `portStatusChanged`, or null. Synchronous; never throws. */
  statusChanged(change: EngineEvents['portStatusChanged']): NovaEvent | null {
    this.echoExpectedFor =
      change.to === PortStatus.ACTIVE && change.deviceOwner.startsWith(DeviceOwner.COMPUTE_PREFIX)
        ? change.portId
        : null;
    return this.switches.statusChanges ? statusChangeEvent(change) : null;
  }

  /**
   * The event for a `vifPlugged`: null when it echoes the status change just seen (or status
   * changes are switched off), `network-vif-plugged` `completed` otherwise. Synchronous; never
   * throws.
   */
  vifPlugged(event: EngineEvents['vifPlugged']): NovaEvent | null {
    const echo = event.portId === this.echoExpectedFor;
    this.echoExpectedFor = null;
    if (echo || !this.switches.statusChanges) return null;
    // The engine emits `vifPlugged` only for compute ports.
    return vifPluggedElsewhereEvent(event);
  }

  /** The event for a `portDelete`, or null. Synchronous; never throws. */
  portDeleted(event: EngineEvents['portDelete']): NovaEvent | null {
    return this.switches.dataChanges ? portDeletedEvent(event) : null;
  }
}
