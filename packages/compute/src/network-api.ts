import { type EngineEvents, type Ml2Plugin } from '@ml2ts/core';
import {
  type PortCreateRequest,
  type PortResource,
  type PortUpdateRequest,
} from '@ml2ts/driver-api';
import { type BindingTrace } from '@ml2ts/driver-api';

/** The server's `network-vif-plugged` event for one port. */
export type VifPluggedEvent = EngineEvents['vifPlugged'];

/**
 * What the compute side needs from the networking server: the port calls Nova makes on
 * Neutron's API, the binding trace, and the `network-vif-plugged` events. The in-process
 * implementation calls an `Ml2Plugin` directly; a REST or message-bus client is another
 * implementation of the same interface.
 */
export interface NetworkApi {
  /** Creates a port; see `Ml2Plugin.createPort`. Rejects with the server's `Ml2Error`. */
  createPort(request: PortCreateRequest): Promise<PortResource>;
  /** Updates a port and binds it when needed; see `Ml2Plugin.updatePort`. */
  updatePort(portId: string, request: PortUpdateRequest): Promise<PortResource>;
  /** Reads a port; rejects with `PortNotFound` when it is gone. */
  getPort(portId: string): Promise<PortResource>;
  /** Deletes a port; an unknown id is not an error. */
  deletePort(portId: string): Promise<void>;
  /** The stored trace of the port's last binding run, or null. */
  explainBinding(portId: string): Promise<BindingTrace | null>;
  /**
   * Subscribes to `network-vif-plugged` events for every port; returns the unsubscribe function.
   * Listeners are called synchronously by the server and must not throw or block.
   */
  onVifPlugged(listener: (event: VifPluggedEvent) => void): () => void;
}

/**
 * The in-process `NetworkApi`: calls go straight to the plugin, events come from its notifier.
 * Nothing is copied or serialized.
 */
export function inProcessNetworkApi(plugin: Ml2Plugin): NetworkApi {
  return {
    createPort: (request) => plugin.createPort(request),
    updatePort: (portId, request) => plugin.updatePort(portId, request),
    getPort: (portId) => plugin.getPort(portId),
    deletePort: (portId) => plugin.deletePort(portId),
    explainBinding: (portId) => plugin.explainBinding(portId),
    onVifPlugged: (listener) => plugin.notifier.on('vifPlugged', listener),
  };
}
