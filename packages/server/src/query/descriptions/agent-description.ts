import { attribute, type ResourceDescription } from '../resource-description';

/**
 * `/v2.0/agents`: filters and `fields` only. `sort_key`, `sort_dir`, `limit`, `marker` and
 * `page_reverse` are ignored and the list keeps the caller's order. `alive` filters on its
 * first value only.
 */
export const agentDescription: ResourceDescription = {
  resource: 'agent',
  collection: 'agents',
  pagination: false,
  sorting: false,
  unknownMarker: 'ignore',
  attributes: [
    attribute('id', 'uuid', { filter: 'exact' }),
    attribute('agent_type', 'string', { filter: 'exact' }),
    attribute('binary', 'string', { filter: 'exact' }),
    attribute('topic', 'string', { filter: 'exact' }),
    attribute('host', 'string', { filter: 'exact' }),
    attribute('admin_state_up', 'boolean', { filter: 'boolean' }),
    attribute('alive', 'boolean', { filter: 'first-boolean' }),
    attribute('availability_zone', 'string', { nullable: true, filter: 'exact' }),
    attribute('configurations', 'dict'),
    attribute('description', 'string', { nullable: true, filter: 'exact' }),
    attribute('resources_synced', 'boolean', { nullable: true }),
    attribute('created_at', 'timestamp'),
    attribute('started_at', 'timestamp'),
    attribute('heartbeat_timestamp', 'timestamp'),
  ],
};
