import { attribute, type ResourceDescription } from '../resource-description';
import {
  descriptionAttribute,
  projectAttributes,
  revisionAttribute,
  tagAttributes,
  timestampAttributes,
} from './standard-attributes';

/** `/v2.0/networks`. An unknown `marker` is a 404 `NetworkNotFound`. */
export const networkDescription: ResourceDescription = {
  resource: 'network',
  collection: 'networks',
  pagination: true,
  sorting: true,
  unknownMarker: 'NetworkNotFound',
  attributes: [
    attribute('id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('name', 'string', { filter: 'exact', sortable: true }),
    attribute('admin_state_up', 'boolean', { filter: 'boolean', sortable: true }),
    attribute('status', 'string', { filter: 'exact', sortable: true }),
    ...projectAttributes(),
    attribute('shared', 'boolean', { filter: 'boolean' }),
    attribute('subnets', 'string-list'),
    attribute('mtu', 'integer', { filter: 'integer', sortable: true }),
    attribute('router:external', 'boolean', { filter: 'boolean' }),
    attribute('provider:network_type', 'string', { nullable: true, filter: 'segment' }),
    attribute('provider:physical_network', 'string', { nullable: true, filter: 'segment' }),
    attribute('provider:segmentation_id', 'integer', {
      nullable: true,
      filter: 'segment-integer',
    }),
    attribute('segments', 'dict-list'),
    attribute('availability_zone_hints', 'string-list', { sortable: true }),
    attribute('availability_zones', 'string-list'),
    attribute('ipv4_address_scope', 'uuid', { nullable: true }),
    attribute('ipv6_address_scope', 'uuid', { nullable: true }),
    attribute('l2_adjacency', 'boolean'),
    descriptionAttribute(),
    revisionAttribute(),
    ...tagAttributes(),
    ...timestampAttributes(),
  ],
};
