import { attribute, type ResourceDescription } from '../resource-description';

/**
 * `/v2.0/ports/{id}/bindings` (a port's bindings per host): filters on `host`, `vif_type`,
 * `vnic_type` and `status`, and `fields`. The bindings have no id to page by: `limit`, `marker`,
 * `page_reverse`, `sort_key` and `sort_dir` are ignored and the list keeps the engine's order
 * (by host).
 */
export const portBindingDescription: ResourceDescription = {
  resource: 'binding',
  collection: 'bindings',
  pagination: false,
  sorting: false,
  unknownMarker: 'ignore',
  attributes: [
    attribute('host', 'string', { filter: 'exact' }),
    attribute('vif_type', 'string', { filter: 'exact' }),
    attribute('vif_details', 'dict'),
    attribute('vnic_type', 'string', { filter: 'exact' }),
    attribute('profile', 'dict'),
    attribute('status', 'string', { filter: 'exact' }),
  ],
};
