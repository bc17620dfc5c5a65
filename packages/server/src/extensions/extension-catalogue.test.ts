import { EXTENSIONS } from './extension-catalogue';

/** Alias, name and `updated` of each, as a real neutron-server 21 answered them, in its order. */
const RECORDED: ReadonlyArray<readonly [string, string, string]> = [
  ['agent', 'agent', '2013-02-03T10:00:00-00:00'],
  ['allowed-address-pairs', 'Allowed Address Pairs', '2013-07-23T10:00:00-00:00'],
  ['empty-string-filtering', 'Empty String Filtering Extension', '2018-05-01T10:00:00-00:00'],
  ['external-net', 'Neutron external network', '2013-01-14T10:00:00-00:00'],
  ['filter-validation', 'Filter parameters validation', '2018-07-04T10:00:00-00:00'],
  ['ip_allocation', 'IP Allocation', '2016-06-10T23:00:00-00:00'],
  ['multi-provider', 'Multi Provider Network', '2013-06-27T10:00:00-00:00'],
  ['net-mtu', 'Network MTU', '2015-03-25T10:00:00-00:00'],
  ['pagination', 'Pagination support', '2016-06-12T00:00:00-00:00'],
  ['binding', 'Port Binding', '2014-02-03T10:00:00-00:00'],
  ['binding-extended', 'Port Bindings Extended', '2017-07-17T10:00:00-00:00'],
  ['project-id', 'project_id field enabled', '2016-09-09T09:09:09-09:09'],
  ['provider', 'Provider Network', '2012-09-07T10:00:00-00:00'],
  [
    'revision-if-match',
    'If-Match constraints based on revision_number',
    '2016-12-11T00:00:00-00:00',
  ],
  ['standard-attr-revisions', 'Resource revision numbers', '2016-04-11T10:00:00-00:00'],
  ['security-group', 'security-group', '2012-10-05T10:00:00-00:00'],
  ['segment', 'Segment', '2016-02-24T17:00:00-00:00'],
  ['sorting', 'Sorting support', '2016-06-12T00:00:00-00:00'],
  ['standard-attr-description', 'standard-attr-description', '2016-02-10T10:00:00-00:00'],
  [
    'standard-attr-tag',
    'Tag support for resources with standard attribute: port, subnet, subnetpool, network, ' +
      'security_group, router, floatingip, policy, trunk, network_segment_range',
    '2017-01-01T00:00:00-00:00',
  ],
  ['standard-attr-timestamp', 'Resource timestamps', '2016-09-12T10:00:00-00:00'],
];

describe('EXTENSIONS', () => {
  it("has the recorded aliases, names and dates, in the recorded server's order", () => {
    expect(EXTENSIONS.map((one) => [one.alias, one.name, one.updated])).toEqual(RECORDED);
  });

  it('gives each an ml2ts description and no links', () => {
    for (const one of EXTENSIONS) {
      expect(one.description.length).toBeGreaterThan(10);
      expect(one.links).toEqual([]);
      expect(Object.keys(one).sort()).toEqual(['alias', 'description', 'links', 'name', 'updated']);
    }
    expect(new Set(EXTENSIONS.map((one) => one.description)).size).toBe(EXTENSIONS.length);
  });

  it('leaves out what ml2ts does not implement', () => {
    const aliases = EXTENSIONS.map((one) => one.alias);
    for (const absent of [
      'port-security',
      'fip-port-details',
      'availability_zone',
      'network_availability_zone',
      'router',
      'qos',
    ]) {
      expect(aliases).not.toContain(absent);
    }
  });
});
