import { attribute, type ResourceDescription } from '../resource-description';
import {
  descriptionAttribute,
  projectAttributes,
  revisionAttribute,
  tagAttributes,
  timestampAttributes,
} from './standard-attributes';

/**
 * `/v2.0/subnets`. `shared` (whether the subnet's network is shared) is a filter the API never
 * shows: give it on the items to filter by it; answers drop it. An unknown `marker` is ignored.
 */
export const subnetDescription: ResourceDescription = {
  resource: 'subnet',
  collection: 'subnets',
  pagination: true,
  sorting: true,
  unknownMarker: 'ignore',
  attributes: [
    attribute('id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('name', 'string', { filter: 'exact', sortable: true }),
    attribute('ip_version', 'integer', { filter: 'integer', sortable: true }),
    attribute('network_id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('subnetpool_id', 'uuid', { nullable: true, filter: 'exact', sortable: true }),
    attribute('cidr', 'string', { filter: 'cidr', sortable: true }),
    attribute('gateway_ip', 'string', { nullable: true, filter: 'exact', sortable: true }),
    attribute('allocation_pools', 'dict-list'),
    attribute('dns_nameservers', 'string-list'),
    attribute('host_routes', 'dict-list'),
    ...projectAttributes(),
    attribute('enable_dhcp', 'boolean', { filter: 'boolean', sortable: true }),
    attribute('ipv6_ra_mode', 'string', { nullable: true, filter: 'exact', sortable: true }),
    attribute('ipv6_address_mode', 'string', { nullable: true, filter: 'exact', sortable: true }),
    attribute('shared', 'boolean', { filter: 'boolean', visible: false }),
    attribute('service_types', 'string-list'),
    attribute('segment_id', 'uuid', { nullable: true, filter: 'exact', sortable: true }),
    descriptionAttribute(),
    revisionAttribute(),
    ...tagAttributes(),
    ...timestampAttributes(),
  ],
};
