import { type NetworkResource, type PortResource } from '@ml2ts/driver-api';
import { type VersionedResourceType } from '@ml2ts/agent-rpc';

/**
 * One committed change of a resource that agents cache: a port, network, subnet, security group
 * or rule was created or updated (`updated`) or deleted (`deleted`).
 */
export interface ResourceChange {
  resourceType: VersionedResourceType;
  eventType: 'updated' | 'deleted';
  id: string;
  /** A deleted network's MTU and `shared` flag, which the deleted object still carries. */
  deletedNetwork?: { mtu: number; shared: boolean };
  /** A rule's change: the group it belongs to (agents asking for rules refresh that group). */
  securityGroupId?: string;
}

/** The segment an agent must wire a port on (the bottom bound segment). */
export interface NotifiedSegment {
  network_type: string;
  segmentation_id: number | null;
  physical_network: string | null;
}

/** Events the engine emits after commits. Listeners must not throw and should not block. */
export interface EngineEvents {
  /** Fanout `port_update` to agents: sent when a bound port changed. */
  portUpdate: { port: PortResource; segment: NotifiedSegment };
  /** Fanout `port_delete` to agents; `deviceId`/`deviceOwner` are the deleted port's (for the compute side). */
  portDelete: { portId: string; deviceId: string; deviceOwner: string };
  /** The compute side's `network-vif-plugged`: the port became ACTIVE, or a device came up elsewhere during live migration. */
  vifPlugged: { portId: string; deviceId: string; status: string };
  /** A port's status changed; `deviceId`/`deviceOwner` are the port's at the change. */
  portStatusChanged: {
    portId: string;
    from: string;
    to: string;
    deviceId: string;
    deviceOwner: string;
  };
  /**
   * A binding attempt's result was committed for the port on `host`: `bound` (with the bottom
   * driver's `vifType`) or `binding_failed`. `reasons`: for a failed binding, the distinct
   * reason codes of the committed attempt's declined, skipped and failed driver turns, at least
   * one (`not_bound` when none was given); empty when bound.
   */
  portBound: {
    portId: string;
    host: string;
    vifType: string;
    outcome: 'bound' | 'binding_failed';
    reasons: string[];
  };
  /**
   * Fanout `binding_deactivate`: an activation made another host's binding the port's ACTIVE one,
   * so its binding on `host` (the host it was ACTIVE on) is INACTIVE now: the agent there stops
   * treating the port as its own. Emitted after the activation's commit, before `bindingActivate`.
   */
  bindingDeactivate: { portId: string; host: string; networkId: string };
  /**
   * Fanout `binding_activate`: the port's binding on `host` became its ACTIVE one (live
   * migration): the agent there wires the port. Emitted after the activation's commit.
   */
  bindingActivate: { portId: string; host: string };
  /**
   * A port, network, subnet, security group or rule changed; emitted after the commit by the
   * plugin's create, update and delete operations (binding and status changes of ports have
   * their own events above). Agents that cache resources are pushed the new state.
   */
  resourceChanged: ResourceChange;
  /**
   * Fanout `tunnel_update`: an agent's `tunnel_sync` recorded a tunnel endpoint that is new, or
   * its host's new address (`tunnelType` `vxlan`, `gre` or `geneve`; `host` empty when the agent
   * named none). Emitted after the commit, once per new endpoint, not for a repeated sync; the
   * other agents build a tunnel to `tunnelIp`.
   */
  tunnelUpdate: { tunnelIp: string; tunnelType: string; host: string };
  /**
   * Fanout `network_update`: an update set the network's MTU (changed or not), which agents apply
   * to its ports. Emitted after the commit, with the network as the API shows it.
   */
  networkUpdate: { network: NetworkResource };
}

type Listener<K extends keyof EngineEvents> = (event: EngineEvents[K]) => void;

/**
 * The in-process channel from the engine to agents and the compute side. A transport (message
 * bus) subscribes here and forwards.
 */
export class Notifier {
  private readonly listeners: { [K in keyof EngineEvents]?: Array<Listener<K>> } = {};

  /** Subscribes; returns a function that unsubscribes. */
  on<K extends keyof EngineEvents>(event: K, listener: Listener<K>): () => void {
    const list = (this.listeners[event] ??= []) as Array<Listener<K>>;
    list.push(listener);
    return () => {
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** Delivers synchronously to every listener; a throwing listener does not stop the others. */
  emit<K extends keyof EngineEvents>(event: K, payload: EngineEvents[K]): void {
    for (const listener of (this.listeners[event] ?? []) as Array<Listener<K>>) {
      try {
        listener(payload);
      } catch {
        // A listener's failure must not break the engine's flow.
      }
    }
  }
}

/** Emits the events of a port status change: always `portStatusChanged`, and `vifPlugged` when a compute port became ACTIVE. */
export function emitStatusChange(
  notifier: Notifier,
  port: { id: string; deviceId: string; deviceOwner: string },
  from: string,
  to: string,
): void {
  if (from === to) return;
  notifier.emit('portStatusChanged', {
    portId: port.id,
    from,
    to,
    deviceId: port.deviceId,
    deviceOwner: port.deviceOwner,
  });
  if (to === 'ACTIVE' && port.deviceOwner.startsWith('compute:')) {
    notifier.emit('vifPlugged', { portId: port.id, deviceId: port.deviceId, status: to });
  }
}
