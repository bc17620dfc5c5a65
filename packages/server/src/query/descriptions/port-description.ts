import { attribute, type ResourceDescription } from '../resource-description';
import {
  descriptionAttribute,
  projectAttributes,
  revisionAttribute,
  tagAttributes,
  timestampAttributes,
} from './standard-attributes';

/** `/v2.0/ports`. An unknown `marker` is a 404 `PortNotFound`. */
export const portDescription: ResourceDescription = {
  resource: 'port',
  collection: 'ports',
  pagination: true,
  sorting: true,
  unknownMarker: 'PortNotFound',
  attributes: [
    attribute('id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('name', 'string', { filter: 'exact', sortable: true }),
    attribute('network_id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('admin_state_up', 'boolean', { filter: 'boolean', sortable: true }),
    attribute('mac_address', 'string', { filter: 'mac', sortable: true }),
    attribute('fixed_ips', 'dict-list', { filter: 'fixed-ips' }),
    attribute('device_id', 'string', { filter: 'exact', sortable: true }),
    attribute('device_owner', 'string', { filter: 'exact', sortable: true }),
    ...projectAttributes(),
    attribute('status', 'string', { filter: 'exact', sortable: true }),
    attribute('allowed_address_pairs', 'dict-list'),
    attribute('extra_dhcp_opts', 'dict-list'),
    attribute('ip_allocation', 'string', { filter: 'exact', sortable: true }),
    attribute('binding:host_id', 'string', { filter: 'exact' }),
    attribute('binding:profile', 'dict'),
    attribute('binding:vif_details', 'dict'),
    attribute('binding:vif_type', 'string'),
    attribute('binding:vnic_type', 'string'),
    attribute('security_groups', 'string-list', { filter: 'contains' }),
    descriptionAttribute(),
    revisionAttribute(),
    ...tagAttributes(),
    ...timestampAttributes(),
  ],
};
