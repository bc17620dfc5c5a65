import { type PortBindingResource } from '@ml2ts/driver-api';
import { type PortBinding } from '@ml2ts/store';
import { parseJsonObject } from '../support/canonical-json';

/**
 * A binding row as the `binding-extended` API shows it: its stored `vif_details` and `profile`
 * parsed (`''` reads as `{}`), without the port's computed `bound_drivers`. Pure.
 */
export function toPortBindingResource(binding: PortBinding): PortBindingResource {
  return {
    host: binding.host,
    vif_type: binding.vifType,
    vif_details: parseJsonObject(binding.vifDetails).value,
    vnic_type: binding.vnicType,
    profile: parseJsonObject(binding.profile).value,
    status: binding.status,
  };
}

/** The port's bindings in the API's order: by host (the order of the table's key). Pure. */
export function sortedBindings(bindings: readonly PortBinding[]): PortBinding[] {
  return [...bindings].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}
