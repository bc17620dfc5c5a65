import { type Notifier } from '../ml2/notifier';
import { type AgentNotification } from '@ml2ts/agent-rpc';

/**
 * Turns the engine's events into the notifications agents listen to: `portUpdate` (with the
 * bottom bound segment flattened into Neutron's `network_type`, `segmentation_id`,
 * `physical_network`), `portDelete`, and a live migration's `bindingDeactivate` and
 * `bindingActivate`, `networkUpdate` when an update set a network's MTU, a deleted network's
 * `networkDelete` (and `dhcpNetworkDelete` for DHCP agents), and `securityGroupsRuleUpdated` for the group of a rule created or deleted. Events that concern only the compute side (`vifPlugged`,
 * `portStatusChanged`) are not forwarded. `listener` is called synchronously from the engine's
 * emit, after the commit; it must not block or throw. Returns a function that stops the
 * forwarding. A new tunnel endpoint (`tunnelUpdate`) becomes Neutron's `tunnel_update`, its host
 * left out when the agent named none.
 */
export function watchAgentNotifications(
  notifier: Notifier,
  listener: (notification: AgentNotification) => void,
): () => void {
  const stopUpdates = notifier.on('portUpdate', ({ port, segment }) =>
    listener({
      type: 'portUpdate',
      port,
      network_type: segment.network_type,
      segmentation_id: segment.segmentation_id,
      physical_network: segment.physical_network,
    }),
  );
  const stopDeletes = notifier.on('portDelete', ({ portId }) =>
    listener({ type: 'portDelete', port_id: portId }),
  );
  const stopDeactivations = notifier.on('bindingDeactivate', ({ portId, host, networkId }) =>
    listener({ type: 'bindingDeactivate', port_id: portId, host, network_id: networkId }),
  );
  const stopActivations = notifier.on('bindingActivate', ({ portId, host }) =>
    listener({ type: 'bindingActivate', port_id: portId, host }),
  );
  const stopTunnelUpdates = notifier.on('tunnelUpdate', ({ tunnelIp, tunnelType, host }) =>
    listener({
      type: 'tunnelUpdate',
      tunnel_ip: tunnelIp,
      tunnel_type: tunnelType,
      ...(host !== '' ? { host } : {}),
    }),
  );
  const stopResourceChanges = notifier.on('resourceChanged', (change) => {
    if (change.resourceType === 'Network' && change.eventType === 'deleted') {
      listener({ type: 'networkDelete', network_id: change.id });
      listener({ type: 'dhcpNetworkDelete', network_id: change.id });
    }
    if (change.resourceType === 'SecurityGroupRule' && change.securityGroupId) {
      listener({ type: 'securityGroupsRuleUpdated', security_groups: [change.securityGroupId] });
    }
  });
  const stopNetworkUpdates = notifier.on('networkUpdate', ({ network }) =>
    listener({ type: 'networkUpdate', network: { ...network } }),
  );
  return () => {
    stopNetworkUpdates();
    stopTunnelUpdates();
    stopResourceChanges();
    stopUpdates();
    stopDeletes();
    stopDeactivations();
    stopActivations();
  };
}
