import { AttributeNotUpdatable, type PortUpdateRequest } from '@ml2ts/driver-api';
import { type Port } from '@ml2ts/store';

/**
 * Throws `AttributeNotUpdatable` (400) when a port update names a `network_id` other than the
 * port's: a port never moves to another network. The stored value sent back is accepted (a
 * client may send what it read). Runs in the update's transaction, before anything is written.
 * The attributes that cannot be updated whatever their value (`id`, `project_id`, `status`, ...)
 * are refused earlier, by the request schema.
 */
export function refuseFixedPortAttributes(request: PortUpdateRequest, port: Port): void {
  if (request.network_id !== undefined && request.network_id !== port.networkId) {
    throw new AttributeNotUpdatable('port', 'network_id');
  }
}
