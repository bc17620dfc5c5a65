import { createHash } from 'node:crypto';

/**
 * The `standard_attr_id` ml2ts shows for a resource: Neutron numbers every resource with
 * standard attributes from one database sequence; ml2ts keeps no such number, so it derives one
 * from the resource's id instead (the first 48 bits of the id's SHA-256, at least 1): the same
 * in every process, on every database and across restarts, distinct between resources but for
 * a negligible chance of collision, and never reused by another id. The OVS agent does not read
 * it (it reads a network's MTU and provider attributes); it is there because Neutron's
 * `get_network_details` answer carries it. Pure.
 */
export function standardAttributeId(resourceId: string): number {
  const digest = createHash('sha256').update(resourceId, 'utf8').digest();
  return Math.max(1, digest.readUIntBE(0, 6));
}
