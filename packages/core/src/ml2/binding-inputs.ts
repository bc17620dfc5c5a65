import { InvalidInput, isVnicType, Limits, VNIC_TYPES } from '@ml2ts/driver-api';
import { type PortBinding } from '@ml2ts/store';
import { canonicalJson, parseJsonObject } from '../support/canonical-json';

/** The binding attributes of a create or update request. Absent keys are "not specified". */
export interface BindingAttributes {
  'binding:host_id'?: string | null;
  'binding:vnic_type'?: string | null;
  'binding:profile'?: Record<string, unknown> | null;
}

/**
 * Checks the binding attributes of a request before anything is written: host a string,
 * vnic type one of the API list, profile a JSON object whose canonical serialization fits in
 * 4095 characters. Throws `InvalidInput` (400).
 */
export function validateBindingAttributes(attributes: BindingAttributes): void {
  const host = attributes['binding:host_id'];
  if (host !== undefined && host !== null && typeof host !== 'string') {
    throw new InvalidInput(`'${String(host)}' is not a valid string for binding:host_id`);
  }
  if (typeof host === 'string' && host.length > 255) {
    throw new InvalidInput(`binding:host_id '${host.slice(0, 32)}...' exceeds 255 characters`);
  }
  const vnicType = attributes['binding:vnic_type'];
  if (vnicType !== undefined && vnicType !== null && !isVnicType(vnicType)) {
    throw new InvalidInput(
      `binding:vnic_type '${String(vnicType)}' is not in [${VNIC_TYPES.map((type) => `'${type}'`).join(', ')}]`,
    );
  }
  const profile = attributes['binding:profile'];
  if (profile !== undefined && profile !== null) {
    if (typeof profile !== 'object' || Array.isArray(profile)) {
      throw new InvalidInput(
        `binding:profile must be a JSON object, not ${JSON.stringify(profile)}`,
      );
    }
    if (canonicalJson(profile).length > Limits.MAX_PROFILE_LENGTH) {
      throw new InvalidInput('binding:profile value too large');
    }
  }
}

/**
 * Applies request attributes (host, vnic type, profile) to a binding row and tells whether
 * anything changed and which host the binding had before. Mutates `binding`; the caller writes
 * it in its transaction. Call `validateBindingAttributes` first.
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
