import {
  type AgentNotification,
  VERSIONED_RESOURCE_VERSIONS,
  type VersionedObjectPrimitive,
  type VersionedResourceType,
} from '@ml2ts/agent-rpc';
import { type PortResource } from '@ml2ts/driver-api';
import { agentNotifierTopic, NeutronEndpointVersion, resourceTopic } from './neutron-rpc-methods';
import { type OsloEndpoint } from './oslo-rpc-server';

/** One fanout cast, as Neutron's notifiers send it. */
export interface NeutronFanout {
  /** Published to `<topic>_fanout`. */
  readonly topic: string;
  readonly method: string;
  readonly version: string;
  readonly args: Record<string, unknown>;
  /**
   * Which context goes with it: `server` (an API request's: project `fake_project_id`) or
   * `agent` (admin without project, as the RPC workers send after an agent's call).
   */
  readonly context: 'server' | 'agent';
}

/** The topics of the fanouts the notifications map to (see `neutronFanoutOf`). */
export const NeutronNotifierTopic = {
  PORT_UPDATE: agentNotifierTopic('port', 'update'),
  PORT_DELETE: agentNotifierTopic('port', 'delete'),
  NETWORK_UPDATE: agentNotifierTopic('network', 'update'),
  NETWORK_DELETE: agentNotifierTopic('network', 'delete'),
  BINDING_ACTIVATE: agentNotifierTopic('binding', 'activate'),
  BINDING_DEACTIVATE: agentNotifierTopic('binding', 'deactivate'),
  TUNNEL_UPDATE: agentNotifierTopic('tunnel', 'update'),
  SECURITY_GROUP_UPDATE: agentNotifierTopic('security_group', 'update'),
} as const;

/** The DHCP agents' topic (`dhcp_agent_fanout` is its fanout exchange). */
export const DHCP_AGENT_TOPIC = 'dhcp_agent';

/** The servers' topic for agents' object versions (`q-server-resource-versions_fanout`). */
export const SERVER_RESOURCE_VERSIONS_TOPIC = 'q-server-resource-versions';

/** The priority Neutron's DHCP notifications give a network delete (DHCP agents order by it). */
const DHCP_NETWORK_DELETE_PRIORITY = 2;

/**
 * Every topic an ml2ts agent's subscriber listens on: the versioned-object topics of the types
 * ml2ts pushes (`neutron-vo-Port-1.7`, ...) and the notifier topics above.
 */
export const AGENT_NOTIFICATION_TOPICS: readonly string[] = [
  ...Object.entries(VERSIONED_RESOURCE_VERSIONS).map(([type, version]) =>
    resourceTopic(type, version),
  ),
  ...Object.values(NeutronNotifierTopic),
];

/**
 * The fanout cast Neutron's server sends for a notification: `resourcePush` → `push` (1.1) on
 * `neutron-vo-<Type>-<version>`; `portUpdate` → `port_update`, `portDelete` → `port_delete`,
 * `networkDelete` → `network_delete` (1.0); `networkUpdate` → `network_update` (1.4);
 * `bindingActivate` / `bindingDeactivate` → `binding_activate` / `binding_deactivate` (1.5);
 * `tunnelUpdate` → `tunnel_update` (1.0); the security group notifications →
 * `security_groups_rule_updated` / `security_groups_member_updated` (1.1) on
 * `q-agent-notifier-security_group-update`; `dhcpNetworkDelete` → `network_delete_end` (1.0) on
 * `dhcp_agent`; `agentResourceVersions` → `report_agent_resource_versions` (1.0) on
 * `q-server-resource-versions`. Null when Neutron sends nothing (a push without
 * resources, a security group notification without groups). Pure.
 */
export function neutronFanoutOf(notification: AgentNotification): NeutronFanout | null {
  switch (notification.type) {
    case 'resourcePush': {
      if (notification.resources.length === 0) return null;
      const version =
        VERSIONED_RESOURCE_VERSIONS[notification.resource_type] ??
        notification.resources[0]['versioned_object.version'];
      return {
        topic: resourceTopic(notification.resource_type, version),
        method: 'push',
        version: NeutronEndpointVersion.RESOURCES_PUSH,
        args: { resource_list: notification.resources, event_type: notification.event_type },
        context: 'server',
      };
    }
    case 'portUpdate':
      return {
        topic: NeutronNotifierTopic.PORT_UPDATE,
        method: 'port_update',
        version: '1.0',
        args: {
          port: notification.port,
          network_type: notification.network_type,
          segmentation_id: notification.segmentation_id,
          physical_network: notification.physical_network,
        },
        context: 'server',
      };
    case 'portDelete':
      return {
        topic: NeutronNotifierTopic.PORT_DELETE,
        method: 'port_delete',
        version: '1.0',
        args: { port_id: notification.port_id },
        context: 'server',
      };
    case 'networkDelete':
      return {
        topic: NeutronNotifierTopic.NETWORK_DELETE,
        method: 'network_delete',
        version: '1.0',
        args: { network_id: notification.network_id },
        context: 'server',
      };
    case 'networkUpdate':
      return {
        topic: NeutronNotifierTopic.NETWORK_UPDATE,
        method: 'network_update',
        version: '1.4',
        args: { network: notification.network },
        context: 'server',
      };
    case 'bindingActivate':
      return {
        topic: NeutronNotifierTopic.BINDING_ACTIVATE,
        method: 'binding_activate',
        version: '1.5',
        args: { port_id: notification.port_id, host: notification.host },
        context: 'server',
      };
    case 'bindingDeactivate': {
      return {
        topic: NeutronNotifierTopic.BINDING_DEACTIVATE,
        method: 'binding_deactivate',
        version: '1.5',
        args: {
          port_id: notification.port_id,
          host: notification.host,
          network_id: notification.network_id,
        },
        context: 'server',
      };
    }
    case 'tunnelUpdate':
      return {
        topic: NeutronNotifierTopic.TUNNEL_UPDATE,
        method: 'tunnel_update',
        version: '1.0',
        args: { tunnel_ip: notification.tunnel_ip, tunnel_type: notification.tunnel_type },
        context: 'agent',
      };
    case 'securityGroupsRuleUpdated':
    case 'securityGroupsMemberUpdated':
      if (notification.security_groups.length === 0) return null;
      return {
        topic: NeutronNotifierTopic.SECURITY_GROUP_UPDATE,
        method:
          notification.type === 'securityGroupsRuleUpdated'
            ? 'security_groups_rule_updated'
            : 'security_groups_member_updated',
        version: '1.1',
        args: { security_groups: notification.security_groups },
        context: 'server',
      };
    case 'dhcpNetworkDelete':
      return {
        topic: DHCP_AGENT_TOPIC,
        method: 'network_delete_end',
        version: '1.0',
        args: {
          payload: { network_id: notification.network_id, priority: DHCP_NETWORK_DELETE_PRIORITY },
        },
        context: 'server',
      };
    case 'agentResourceVersions':
      return {
        topic: SERVER_RESOURCE_VERSIONS_TOPIC,
        method: 'report_agent_resource_versions',
        version: '1.0',
        args: {
          agent_host: notification.agent_host,
          agent_type: notification.agent_type,
          version_map: notification.version_map,
        },
        context: 'agent',
      };
  }
}

/**
 * The endpoints an agent's subscriber serves on every topic it listens on: Neutron's L2 agent
 * notification methods (at 1.7) and the versioned-object `push` receiver (at 1.1). Each turns
 * the cast back into its `AgentNotification` and hands it to `deliver`, synchronously, in the
 * order the casts arrive. A cast whose arguments do not make a notification (a push without
 * resources) is ignored. Pure; building them calls nothing.
 */
export function agentNotificationEndpoints(
  topic: string,
  deliver: (notification: AgentNotification) => void,
): OsloEndpoint[] {
  const emit = (notification: AgentNotification | null) => {
    if (notification) deliver(notification);
    return null;
  };
  return [
    {
      version: NeutronEndpointVersion.AGENT_NOTIFICATIONS,
      methods: {
        port_update: (args) =>
          emit({
            type: 'portUpdate',
            port: args.port as PortResource,
            network_type: stringOr(args.network_type, ''),
            segmentation_id: typeof args.segmentation_id === 'number' ? args.segmentation_id : null,
            physical_network: stringOr(args.physical_network, null),
          }),
        port_delete: (args) => emit({ type: 'portDelete', port_id: stringOr(args.port_id, '') }),
        network_delete: (args) =>
          emit({ type: 'networkDelete', network_id: stringOr(args.network_id, '') }),
        network_update: (args) => emit({ type: 'networkUpdate', network: objectOr(args.network) }),
        binding_activate: (args) =>
          emit({
            type: 'bindingActivate',
            port_id: stringOr(args.port_id, ''),
            host: stringOr(args.host, ''),
          }),
        binding_deactivate: (args) =>
          emit({
            type: 'bindingDeactivate',
            port_id: stringOr(args.port_id, ''),
            host: stringOr(args.host, ''),
            network_id: stringOr(args.network_id, ''),
          }),
        tunnel_update: (args) =>
          emit({
            type: 'tunnelUpdate',
            tunnel_ip: stringOr(args.tunnel_ip, ''),
            tunnel_type: stringOr(args.tunnel_type, ''),
            ...(typeof args.host === 'string' ? { host: args.host } : {}),
          }),
        security_groups_rule_updated: (args) =>
          emit({
            type: 'securityGroupsRuleUpdated',
            security_groups: stringList(args.security_groups),
          }),
        security_groups_member_updated: (args) =>
          emit({
            type: 'securityGroupsMemberUpdated',
            security_groups: stringList(args.security_groups),
          }),
      },
    },
    {
      version: NeutronEndpointVersion.RESOURCES_PUSH,
      methods: {
        push: (args) => emit(pushNotificationOf(topic, args)),
      },
    },
  ];
}

/** A `push` cast's arguments as a `resourcePush`; null without resources. Pure. */
function pushNotificationOf(
  topic: string,
  args: Record<string, unknown>,
): AgentNotification | null {
  const resources = Array.isArray(args.resource_list)
    ? (args.resource_list as VersionedObjectPrimitive[])
    : [];
  if (resources.length === 0) return null;
  const named = resources[0]?.['versioned_object.name'];
  const fromTopic = /^neutron-vo-(.+)-\d+\.\d+$/.exec(topic)?.[1];
  const resourceType = (
    typeof named === 'string' ? named : (fromTopic ?? '')
  ) as VersionedResourceType;
  return {
    type: 'resourcePush',
    resource_type: resourceType,
    event_type: args.event_type === 'deleted' ? 'deleted' : 'updated',
    resources,
  };
}

function stringOr<T extends string | null>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

function objectOr(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
