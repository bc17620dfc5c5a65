import { attribute, type ResourceDescription } from '../resource-description';
import {
  descriptionAttribute,
  projectAttributes,
  revisionAttribute,
  tagAttributes,
  timestampAttributes,
} from './standard-attributes';

/** `/v2.0/security-groups`. An unknown `marker` is ignored. */
export const securityGroupDescription: ResourceDescription = {
  resource: 'security_group',
  collection: 'security_groups',
  pagination: true,
  sorting: true,
  unknownMarker: 'ignore',
  attributes: [
    attribute('id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('name', 'string', { filter: 'exact', sortable: true }),
    ...projectAttributes(),
    attribute('security_group_rules', 'dict-list'),
    attribute('stateful', 'boolean'),
    attribute('shared', 'boolean', { filter: 'boolean' }),
    descriptionAttribute(),
    revisionAttribute(),
    ...tagAttributes(),
    ...timestampAttributes(),
  ],
};
