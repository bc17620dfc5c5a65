import {
  VERSIONED_OBJECT_NAMESPACE,
  VERSIONED_RESOURCE_VERSIONS,
  type VersionedObjectPrimitive,
} from '@ml2ts/agent-rpc';
import { type ResourceChange } from '../ml2/notifier';

/**
 * The versioned object a `deleted` push carries: no longer the resource's state, only its id
 * and the few fields agents read while forgetting it (a port's QoS policies and security groups,
 * none of them set any more; a network's MTU and `shared`), marked as changed as Neutron's
 * deleted objects are. Pure; never throws.
 */
export function deletedResourceObject(change: ResourceChange): VersionedObjectPrimitive {
  const data: Record<string, unknown> = { id: change.id };
  if (change.resourceType === 'Port') {
    Object.assign(data, {
      qos_network_policy_id: null,
      qos_policy_id: null,
      security_group_ids: null,
    });
  }
  if (change.resourceType === 'Network') {
    Object.assign(data, {
      mtu: change.deletedNetwork?.mtu ?? null,
      qos_policy_id: null,
      shared: change.deletedNetwork?.shared ?? false,
    });
  }
  return {
    'versioned_object.name': change.resourceType,
    'versioned_object.namespace': VERSIONED_OBJECT_NAMESPACE,
    'versioned_object.version': VERSIONED_RESOURCE_VERSIONS[change.resourceType],
    'versioned_object.data': data,
    'versioned_object.changes': Object.keys(data).sort(),
  };
}
