import { attribute, type ResourceDescription } from '../resource-description';
import {
  descriptionAttribute,
  projectAttributes,
  revisionAttribute,
  timestampAttributes,
} from './standard-attributes';

/**
 * `/v2.0/segments`. `segmentation_id` sorts but does not filter; `project_id`/`tenant_id` are
 * never shown. An unknown `marker` is ignored.
 */
export const segmentDescription: ResourceDescription = {
  resource: 'segment',
  collection: 'segments',
  pagination: true,
  sorting: true,
  unknownMarker: 'ignore',
  attributes: [
    attribute('id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('network_id', 'uuid', { filter: 'exact', sortable: true }),
    attribute('name', 'string', { nullable: true, filter: 'exact', sortable: true }),
    attribute('network_type', 'string', { filter: 'exact', sortable: true }),
    attribute('physical_network', 'string', { nullable: true, filter: 'exact', sortable: true }),
    attribute('segmentation_id', 'integer', { nullable: true, sortable: true }),
    ...projectAttributes({ visible: false, filter: false, sortable: false }),
    descriptionAttribute(true),
    revisionAttribute(),
    ...timestampAttributes(),
  ],
};
