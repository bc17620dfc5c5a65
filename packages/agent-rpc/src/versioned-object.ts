/**
 * A versioned object as Neutron's agents cache it: an oslo.versionedobjects primitive. Pushed
 * to agents on every change of a port, network, subnet, security group or rule, and answered by
 * `bulkPull`. Nested objects (a port's bindings, binding levels, fixed IPs; a network's
 * segments) are primitives of their own inside `versioned_object.data`.
 */
export interface VersionedObjectPrimitive {
  /** The object's class: `Port`, `Network`, `PortBinding`, `NetworkSegment`, ... */
  readonly 'versioned_object.name': string;
  /** Always `versionedobjects`, as Neutron's objects are registered. */
  readonly 'versioned_object.namespace': string;
  /** `major.minor` of the object's schema: `1.7` for `Port`, `1.1` for `Network`, ... */
  readonly 'versioned_object.version': string;
  /** The object's fields, by Neutron's field names. */
  readonly 'versioned_object.data': Record<string, unknown>;
  /** The fields set since the object was loaded; ml2ts never sends it. */
  readonly 'versioned_object.changes'?: readonly string[];
}

/** The resource types agents cache, with the versions ml2ts serves them at. */
export const VERSIONED_RESOURCE_VERSIONS = {
  Port: '1.7',
  Network: '1.1',
  Subnet: '1.1',
  SecurityGroup: '1.5',
  SecurityGroupRule: '1.2',
} as const;

/** A resource type agents cache: `Port`, `Network`, `Subnet`, `SecurityGroup`, `SecurityGroupRule`. */
export type VersionedResourceType = keyof typeof VERSIONED_RESOURCE_VERSIONS;

/** The namespace every primitive carries. */
export const VERSIONED_OBJECT_NAMESPACE = 'versionedobjects';
