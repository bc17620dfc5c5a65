import { type PortResource } from '@ml2ts/driver-api';
import { type VersionedObjectPrimitive, type VersionedResourceType } from './versioned-object';

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
  /** The port's network: agents that wire per network (Linux bridge) find the bridge by it. */
  network_id: string;
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

/**
 * `push`: resources of one type changed (`updated`, created included) or are gone (`deleted`),
 * as versioned objects, so that agents caching them (Neutron's OVS agent) refresh their cache.
 * Fanout; sent after the commit that changed them.
 */
export interface ResourcePushNotification {
  type: 'resourcePush';
  resource_type: VersionedResourceType;
  event_type: 'updated' | 'deleted';
  resources: VersionedObjectPrimitive[];
}

/** `tunnel_update`: an agent announced a new tunnel endpoint; the others build a tunnel to it. */
export interface TunnelUpdateNotification {
  type: 'tunnelUpdate';
  tunnel_ip: string;
  tunnel_type: string;
  /** The endpoint's host, when the agent named one. */
  host?: string;
}

/** `network_delete`: the network is gone (sent once the delete is committed). Fanout. */
export interface NetworkDeleteNotification {
  type: 'networkDelete';
  network_id: string;
}

/**
 * `network_update`: a network's MTU, provider attributes or admin state changed, which agents
 * must rewire for. Fanout; carries the network's API attributes.
 */
export interface NetworkUpdateNotification {
  type: 'networkUpdate';
  network: Record<string, unknown>;
}

/**
 * `security_groups_rule_updated` / `security_groups_member_updated`: the rules of these groups,
 * or their member ports, changed. Fanout, for agents whose firewall asks the server for rules
 * (Linux bridge); agents caching versioned objects get pushes instead.
 */
export interface SecurityGroupsUpdatedNotification {
  type: 'securityGroupsRuleUpdated' | 'securityGroupsMemberUpdated';
  security_groups: string[];
}

/**
 * `network_delete_end`: DHCP agents drop a deleted network. Fanout to every DHCP agent, sent with
 * `networkDelete`; L2 agents ignore it.
 */
export interface DhcpNetworkDeleteNotification {
  type: 'dhcpNetworkDelete';
  network_id: string;
}

/**
 * `report_agent_resource_versions`: an agent reported the versions of the versioned objects it
 * understands (its first report's `resource_versions`). Fanout to the other servers of the
 * deployment; agents ignore it.
 */
export interface AgentResourceVersionsNotification {
  type: 'agentResourceVersions';
  agent_host: string;
  agent_type: string;
  version_map: Record<string, string>;
}

/** What the server tells agents. Every payload is plain JSON. */
export type AgentNotification =
  | PortUpdateNotification
  | PortDeleteNotification
  | BindingDeactivateNotification
  | BindingActivateNotification
  | ResourcePushNotification
  | TunnelUpdateNotification
  | NetworkDeleteNotification
  | NetworkUpdateNotification
  | SecurityGroupsUpdatedNotification
  | DhcpNetworkDeleteNotification
  | AgentResourceVersionsNotification;

/**
 * Receives notifications on one agent channel. Called asynchronously, never inside the server
 * call that caused the notification; must not block. A throw is swallowed by the transport.
 */
export type AgentNotificationListener = (notification: AgentNotification) => void;
