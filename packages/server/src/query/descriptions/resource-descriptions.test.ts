import { type ResourceDescription } from '../resource-description';
import { resourceDescriptions } from './resource-descriptions';

function filters(description: ResourceDescription): string[] {
  return description.attributes
    .filter((a) => a.filter !== null)
    .map((a) => a.name)
    .sort();
}

function sortKeys(description: ResourceDescription): string[] {
  return description.attributes
    .filter((a) => a.sortable)
    .map((a) => a.name)
    .sort();
}

const TAGS = ['not-tags', 'not-tags-any', 'tags', 'tags-any'];

describe('the resource descriptions', () => {
  it('cover the seven listed collections under their JSON keys', () => {
    expect(Object.keys(resourceDescriptions).sort()).toEqual([
      'agents',
      'networks',
      'ports',
      'security_group_rules',
      'security_groups',
      'segments',
      'subnets',
    ]);
    for (const [key, description] of Object.entries(resourceDescriptions)) {
      expect(description.collection).toBe(key);
      expect(`${description.resource}s`).toBe(key);
    }
  });

  it.each(Object.values(resourceDescriptions))(
    '$collection: names are unique, id is there',
    (d) => {
      const names = d.attributes.map((a) => a.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('id');
      expect(d.pagination).toBe(d.sorting);
      if (d.pagination) expect(sortKeys(d)).toContain('id');
    },
  );

  it.each(Object.values(resourceDescriptions))('$collection: project_id mirrors tenant_id', (d) => {
    const project = d.attributes.find((a) => a.name === 'project_id');
    const tenant = d.attributes.find((a) => a.name === 'tenant_id');
    expect({ ...project, name: '' }).toEqual({ ...tenant, name: '' });
  });

  it('only filter-only and never-shown attributes are hidden', () => {
    const hidden = Object.values(resourceDescriptions).flatMap((d) =>
      d.attributes.filter((a) => !a.visible).map((a) => `${d.collection}.${a.name}`),
    );
    expect(hidden.sort()).toEqual(
      [
        ...['networks', 'ports', 'security_groups', 'subnets'].flatMap((c) =>
          TAGS.filter((t) => t !== 'tags').map((t) => `${c}.${t}`),
        ),
        'segments.project_id',
        'segments.tenant_id',
        'subnets.shared',
      ].sort(),
    );
  });

  it('networks: the filters and sort keys Neutron has', () => {
    const networks = resourceDescriptions.networks;
    expect(filters(networks)).toEqual(
      [
        'admin_state_up',
        'description',
        'id',
        'mtu',
        'name',
        'project_id',
        'provider:network_type',
        'provider:physical_network',
        'provider:segmentation_id',
        'revision_number',
        'router:external',
        'shared',
        'status',
        'tenant_id',
        ...TAGS,
      ].sort(),
    );
    expect(sortKeys(networks)).toEqual(
      [
        'admin_state_up',
        'availability_zone_hints',
        'id',
        'mtu',
        'name',
        'project_id',
        'status',
        'tenant_id',
      ].sort(),
    );
  });

  it('ports: the filters and sort keys Neutron has', () => {
    const ports = resourceDescriptions.ports;
    expect(filters(ports)).toEqual(
      [
        'admin_state_up',
        'binding:host_id',
        'description',
        'device_id',
        'device_owner',
        'fixed_ips',
        'id',
        'ip_allocation',
        'mac_address',
        'name',
        'network_id',
        'project_id',
        'revision_number',
        'security_groups',
        'status',
        'tenant_id',
        ...TAGS,
      ].sort(),
    );
    expect(sortKeys(ports)).toEqual(
      [
        'admin_state_up',
        'device_id',
        'device_owner',
        'id',
        'ip_allocation',
        'mac_address',
        'name',
        'network_id',
        'project_id',
        'status',
        'tenant_id',
      ].sort(),
    );
  });

  it('segments: segmentation_id sorts but does not filter', () => {
    const segments = resourceDescriptions.segments;
    expect(filters(segments)).toEqual(
      [
        'description',
        'id',
        'name',
        'network_id',
        'network_type',
        'physical_network',
        'revision_number',
      ].sort(),
    );
    expect(sortKeys(segments)).toContain('segmentation_id');
  });

  it('agents: no sorting, no pagination, no sort keys', () => {
    const agents = resourceDescriptions.agents;
    expect(agents).toMatchObject({ pagination: false, sorting: false, unknownMarker: 'ignore' });
    expect(sortKeys(agents)).toEqual([]);
    expect(filters(agents)).toEqual(
      [
        'admin_state_up',
        'agent_type',
        'alive',
        'availability_zone',
        'binary',
        'description',
        'host',
        'id',
        'topic',
      ].sort(),
    );
  });

  it('an unknown marker is a 404 for networks and ports only', () => {
    expect(
      Object.values(resourceDescriptions)
        .filter((d) => d.unknownMarker !== 'ignore')
        .map((d) => [d.collection, d.unknownMarker]),
    ).toEqual([
      ['networks', 'NetworkNotFound'],
      ['ports', 'PortNotFound'],
    ]);
  });
});
