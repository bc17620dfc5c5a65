import { type PortResource } from '@ml2ts/driver-api';

/**
 * `port_update`: a bound port changed. Fanout: every agent receives it and checks
 * whether the port is one of its devices. Carries the port and its bottom bound segment.
 */
export interface PortUpdateNotification {
  type: 'portUpdate';
  port: PortResource;
  network_type: string;
  segmentation_id: number | null;
  physical_network: string | null;
}

/** `port_delete`: the port is gone (sent once the delete is committed). Fanout to every agent. */
export interface PortDeleteNotification {
  type: 'portDelete';
  port_id: string;
}

/**
 * `binding_deactivate`: during live migration the port's binding on `host` became
 * INACTIVE (another host's binding was activated), so the agent on that host should stop
 * treating the port as active. Fanout; sent once the activation is committed.
 */
export interface BindingDeactivateNotification {
  type: 'bindingDeactivate';
  port_id: string;
  host: string;
}

/**
 * `binding_activate`: during live migration the port's binding on `host` became its ACTIVE
 * one, so the agent on that host should wire the port now. Fanout; sent once the activation is
 * committed, after `bindingDeactivate`.
 */
export interface BindingActivateNotification {
  type: 'bindingActivate';
  port_id: string;
  host: string;
}

/** What the server tells agents. Every payload is plain JSON. */
export type AgentNotification =
  | PortUpdateNotification
  | PortDeleteNotification
  | BindingDeactivateNotification
  | BindingActivateNotification;

/**
 * Receives notifications on one agent channel. Called asynchronously, never inside the server
 * call that caused the notification; must not block. A throw is swallowed by the transport.
 */
export type AgentNotificationListener = (notification: AgentNotification) => void;
