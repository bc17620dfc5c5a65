import { type PortBinding } from '@ml2ts/store';
import { canonicalJson, parseJsonObject } from '../support/canonical-json';

/** The binding attributes of a create or update request. Absent keys are "not specified". */
export interface BindingAttributes {
  'binding:host_id'?: string | null;
  'binding:vnic_type'?: string | null;
  'binding:profile'?: Record<string, unknown> | null;
}

/**
 * Applies request attributes (host, vnic type, profile) to a binding row and tells whether
 * anything changed and which host the binding had before. Mutates `binding`; the caller writes
 * it in its transaction. The attributes were checked by the request schema
 * (`portCreateRule` / `portUpdateRule`).
 */
export function applyBindingAttributes(
  binding: PortBinding,
  attributes: BindingAttributes,
): { changed: boolean; originalHost: string } {
  const originalHost = binding.host;
  let changed = false;
  if ('binding:host_id' in attributes) {
    const host = attributes['binding:host_id'] ?? '';
    if (host !== binding.host) {
      binding.host = host;
      changed = true;
    }
  }
  const vnicType = attributes['binding:vnic_type'];
  if (vnicType !== undefined && vnicType !== null && vnicType !== binding.vnicType) {
    binding.vnicType = vnicType;
    changed = true;
  }
  if ('binding:profile' in attributes) {
    const requested = attributes['binding:profile'] ?? {};
    const serialized = canonicalJson(requested);
    if (serialized !== canonicalJson(parseJsonObject(binding.profile).value)) {
      binding.profile = Object.keys(requested).length === 0 ? '' : serialized;
      changed = true;
    }
  }
  return { changed, originalHost };
}
