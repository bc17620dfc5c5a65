import { attribute, type ResourceDescription } from '../resource-description';
import {
  descriptionAttribute,
  projectAttributes,
  revisionAttribute,
  timestampAttributes,
} from './standard-attributes';

/**
 * `/v2.0/security-group-rules`. Filters on `protocol`, the port range, `ethertype` and
 * `remote_ip_prefix` read their values the way a rule create does. An unknown `marker` is
 * ignored.
 */
export const securityGroupRuleDescription: ResourceDescription = {
  resource: 'security_group_rule',
  collection: 'security_group_rules',
  pagination: true,
  sorting: true,
  unknownMarker: 'ignore',
  attributes: [
    attribute('id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('security_group_id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('remote_group_id', 'uuid', { nullable: true, filter: 'exact', sortable: true }),
    attribute('remote_address_group_id', 'uuid', {
      nullable: true,
      filter: 'exact',
      sortable: true,
    }),
    attribute('direction', 'string', { filter: 'exact', sortable: true }),
    attribute('protocol', 'string', { nullable: true, filter: 'protocol', sortable: true }),
    attribute('port_range_min', 'integer', {
      nullable: true,
      filter: 'port-number',
      sortable: true,
    }),
    attribute('port_range_max', 'integer', {
      nullable: true,
      filter: 'port-number',
      sortable: true,
    }),
    attribute('ethertype', 'string', { filter: 'ethertype', sortable: true }),
    attribute('remote_ip_prefix', 'string', {
      nullable: true,
      filter: 'ip-prefix',
      sortable: true,
    }),
    attribute('normalized_cidr', 'string', {
      nullable: true,
      filter: 'ip-prefix',
      sortable: true,
    }),
    ...projectAttributes(),
    descriptionAttribute(),
    revisionAttribute(),
    ...timestampAttributes(),
  ],
};
