/** One entry of `GET /v2.0/extensions`. */
export interface Extension {
  /** The short name clients look extensions up by, e.g. `binding`. */
  readonly alias: string;
  readonly name: string;
  readonly description: string;
  /** Always empty. */
  readonly links: readonly [];
  /** When the extension's API last changed, e.g. `2014-02-03T10:00:00-00:00`. */
  readonly updated: string;
}

function extension(alias: string, name: string, updated: string, description: string): Extension {
  return { alias, name, description, links: [], updated };
}

/**
 * The API extensions ml2ts implements, with the aliases, names and `updated` stamps clients
 * know them by, in the order Neutron lists them (which is not alphabetical by alias: `binding`
 * comes after `pagination`).
 */
export const EXTENSIONS: readonly Extension[] = [
  extension(
    'agent',
    'agent',
    '2013-02-03T10:00:00-00:00',
    'The L2 agents that report to the server, with their configuration and liveness.',
  ),
  extension(
    'allowed-address-pairs',
    'Allowed Address Pairs',
    '2013-07-23T10:00:00-00:00',
    'Ports carry allowed_address_pairs: extra IP and MAC addresses the port may use.',
  ),
  extension(
    'empty-string-filtering',
    'Empty String Filtering Extension',
    '2018-05-01T10:00:00-00:00',
    'A list filter with an empty value (name=) matches resources whose attribute is empty.',
  ),
  extension(
    'external-net',
    'Neutron external network',
    '2013-01-14T10:00:00-00:00',
    'Networks carry router:external.',
  ),
  extension(
    'filter-validation',
    'Filter parameters validation',
    '2018-07-04T10:00:00-00:00',
    'A list query naming an attribute that is not a filter is refused with a 400.',
  ),
  extension(
    'ip_allocation',
    'IP Allocation',
    '2016-06-10T23:00:00-00:00',
    'Ports carry ip_allocation, which tells when their addresses are assigned.',
  ),
  extension(
    'multi-provider',
    'Multi Provider Network',
    '2013-06-27T10:00:00-00:00',
    'Networks may have several segments, given and shown as segments.',
  ),
  extension(
    'net-mtu',
    'Network MTU',
    '2015-03-25T10:00:00-00:00',
    'Networks carry mtu, the largest packet their segments carry.',
  ),
  extension(
    'pagination',
    'Pagination support',
    '2016-06-12T00:00:00-00:00',
    'Lists take limit, marker and page_reverse and answer links to the next and previous pages.',
  ),
  extension(
    'binding',
    'Port Binding',
    '2014-02-03T10:00:00-00:00',
    'Ports carry their binding: binding:host_id, binding:vnic_type, binding:profile, ' +
      'binding:vif_type and binding:vif_details.',
  ),
  extension(
    'binding-extended',
    'Port Bindings Extended',
    '2017-07-17T10:00:00-00:00',
    'Port bindings as resources of their own, one per host.',
  ),
  extension(
    'project-id',
    'project_id field enabled',
    '2016-09-09T09:09:09-09:09',
    'Resources carry project_id beside tenant_id.',
  ),
  extension(
    'provider',
    'Provider Network',
    '2012-09-07T10:00:00-00:00',
    'Networks carry provider:network_type, provider:physical_network and ' +
      'provider:segmentation_id.',
  ),
  extension(
    'revision-if-match',
    'If-Match constraints based on revision_number',
    '2016-12-11T00:00:00-00:00',
    'Updates and deletes honour If-Match: revision_number=<n>.',
  ),
  extension(
    'standard-attr-revisions',
    'Resource revision numbers',
    '2016-04-11T10:00:00-00:00',
    'Resources carry revision_number, raised on every change.',
  ),
  extension(
    'security-group',
    'security-group',
    '2012-10-05T10:00:00-00:00',
    'Security groups and their rules; ports carry security_groups.',
  ),
  extension(
    'segment',
    'Segment',
    '2016-02-24T17:00:00-00:00',
    'Network segments as resources of their own.',
  ),
  extension(
    'sorting',
    'Sorting support',
    '2016-06-12T00:00:00-00:00',
    'Lists take sort_key and sort_dir.',
  ),
  extension(
    'standard-attr-description',
    'standard-attr-description',
    '2016-02-10T10:00:00-00:00',
    'Resources carry a free-text description.',
  ),
  extension(
    'standard-attr-tag',
    'Tag support for resources with standard attribute: port, subnet, subnetpool, network, ' +
      'security_group, router, floatingip, policy, trunk, network_segment_range',
    '2017-01-01T00:00:00-00:00',
    'Resources carry tags, and lists filter on them with tags, tags-any, not-tags and ' +
      'not-tags-any.',
  ),
  extension(
    'standard-attr-timestamp',
    'Resource timestamps',
    '2016-09-12T10:00:00-00:00',
    'Resources carry created_at and updated_at.',
  ),
];
