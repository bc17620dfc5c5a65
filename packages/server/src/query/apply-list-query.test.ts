import { NetworkNotFound, PortNotFound } from '@ml2ts/driver-api';
import { applyListQuery } from './apply-list-query';
import { agentDescription } from './descriptions/agent-description';
import { networkDescription } from './descriptions/network-description';
import { portDescription } from './descriptions/port-description';
import { segmentDescription } from './descriptions/segment-description';
import { subnetDescription } from './descriptions/subnet-description';
import { listResponseBody } from './list-response-body';
import { parseListQuery } from './parse-list-query';
import { type ResourceDescription } from './resource-description';
import { runListQuery } from './run-list-query';
import {
  COLLECTION_URL,
  PAGING_NETWORK_IDS as IDS,
  pagingNetwork,
  pagingNetworks,
} from './test-support/paging-networks';

const NAMES = 'name=page-1&name=page-2&name=page-3&name=page-4&name=page-5';
const BY_NAME = `limit=2&sort_key=name&sort_dir=asc&${NAMES}`;

function list<T extends object>(
  description: ResourceDescription,
  query: string,
  items: readonly T[],
  url = 'http://127.0.0.1:9696/v2.0/x',
) {
  return runListQuery(description, query, items, { collectionUrl: url });
}

function networks(query: string) {
  return runListQuery(networkDescription, query, pagingNetworks(), {
    collectionUrl: COLLECTION_URL,
  });
}

function namesOf(items: readonly object[]): unknown[] {
  return items.map((item) => (item as { name?: unknown }).name);
}

describe('applyListQuery: the recorded exchanges', () => {
  it('pages by name: first page, with next and previous links', () => {
    const page = networks(BY_NAME);
    expect(page.items).toEqual([pagingNetwork(0), pagingNetwork(1)]);
    expect(page.links).toEqual([
      { rel: 'next', href: `${COLLECTION_URL}?${BY_NAME}&marker=${IDS[1]}` },
      { rel: 'previous', href: `${COLLECTION_URL}?${BY_NAME}&marker=${IDS[0]}&page_reverse=True` },
    ]);
  });

  it('pages by name: the next page, after the marker', () => {
    const page = networks(`${BY_NAME}&marker=${IDS[1]}`);
    expect(page.items).toEqual([pagingNetwork(2), pagingNetwork(3)]);
    expect(page.links).toEqual([
      { rel: 'next', href: `${COLLECTION_URL}?${BY_NAME}&marker=${IDS[3]}` },
      { rel: 'previous', href: `${COLLECTION_URL}?${BY_NAME}&marker=${IDS[2]}&page_reverse=True` },
    ]);
  });

  it('pages by name: a short reverse page has only a next link', () => {
    const page = networks(`${BY_NAME}&marker=${IDS[1]}&page_reverse=True`);
    expect(page.items).toEqual([pagingNetwork(0)]);
    expect(page.links).toEqual([
      { rel: 'next', href: `${COLLECTION_URL}?${BY_NAME}&marker=${IDS[0]}` },
    ]);
  });

  it('sorts descending and cuts to the requested fields, adding nothing', () => {
    const page = networks(
      'fields=name&fields=status&name=page-1&name=page-2&name=page-3&sort_dir=desc&sort_key=name',
    );
    expect(page).toEqual({
      items: [
        { name: 'page-3', status: 'ACTIVE' },
        { name: 'page-2', status: 'ACTIVE' },
        { name: 'page-1', status: 'ACTIVE' },
      ],
      links: [],
    });
  });

  it('filters by name and by admin_state_up', () => {
    expect(networks('name=page-2').items).toEqual([pagingNetwork(1)]);
    expect(networks('name=no-such-name').items).toEqual([]);
    expect(networks('admin_state_up=true&name=page-3').items).toEqual([pagingNetwork(2)]);
    expect(() => networks('no_such_filter=1')).toThrow(
      "['no_such_filter'] is invalid attribute for filtering",
    );
  });

  it('lists in id order by default, fields cutting each item', () => {
    const ports = [
      { id: 'ed387f7b', name: 'port-a', status: 'DOWN', mac_address: 'm1', fixed_ips: [] },
      { id: 'a95f0257', name: 'port-unbound', status: 'DOWN', mac_address: 'm2', fixed_ips: [] },
    ];
    const page = list(
      portDescription,
      'fields=id&fields=name&fields=mac_address&fields=fixed_ips&fields=status',
      ports,
    );
    expect(page.items.map((item) => item.id)).toEqual(['a95f0257', 'ed387f7b']);
    expect(Object.keys(page.items[0]).sort()).toEqual([
      'fixed_ips',
      'id',
      'mac_address',
      'name',
      'status',
    ]);
  });
});

describe('applyListQuery', () => {
  const items = [
    { id: 'a', name: 'x', mtu: 1500 },
    { id: 'b', name: 'y', mtu: 1450 },
    { id: 'c', name: 'x', mtu: 1400 },
    { id: 'd', name: 'z', mtu: 1450 },
    { id: 'e', name: 'x', mtu: 1500 },
  ];

  it('pages after a marker that the filters leave out, from its place in the order', () => {
    const page = list(networkDescription, 'name=x&limit=5&marker=b', items);
    expect(page.items.map((item) => item.id)).toEqual(['c', 'e']);
  });

  it('answers 404 for an unknown network or port marker', () => {
    expect(() => list(networkDescription, 'limit=1&marker=nope', items)).toThrow(NetworkNotFound);
    expect(() => list(networkDescription, 'limit=1&marker=nope', items)).toThrow(
      'Network nope could not be found.',
    );
    expect(() => list(portDescription, 'limit=1&marker=nope', items)).toThrow(PortNotFound);
  });

  it('starts over for an unknown marker of other collections', () => {
    for (const description of [subnetDescription, segmentDescription]) {
      const page = list(description, 'limit=2&marker=nope', items);
      expect(page.items.map((item) => item.id)).toEqual(['a', 'b']);
      expect(page.links[0].href).toBe('http://127.0.0.1:9696/v2.0/x?limit=2&marker=b');
    }
  });

  it('ignores a marker without a limit, even an unknown one', () => {
    expect(list(networkDescription, 'marker=nope', items).items).toHaveLength(5);
  });

  it('takes the last page for page_reverse without a marker', () => {
    const page = list(networkDescription, 'limit=2&page_reverse=true', items);
    expect(page.items.map((item) => item.id)).toEqual(['d', 'e']);
    expect(page.links.map((link) => link.rel)).toEqual(['next', 'previous']);
  });

  it('reverses the whole list for page_reverse without a limit', () => {
    const page = list(networkDescription, 'page_reverse=True', items);
    expect(page.items.map((item) => item.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(page.links).toEqual([]);
  });

  it('sorts by several keys, id last', () => {
    const page = list(
      networkDescription,
      'sort_key=mtu&sort_dir=desc&sort_key=name&sort_dir=asc',
      [...items].reverse(),
    );
    expect(page.items.map((item) => item.id)).toEqual(['a', 'e', 'b', 'd', 'c']);
  });

  it('links an empty page: no next, a previous without marker', () => {
    const page = list(networkDescription, 'limit=2&marker=e', items);
    expect(page.items).toEqual([]);
    expect(page.links).toEqual([
      { rel: 'previous', href: 'http://127.0.0.1:9696/v2.0/x?limit=2&page_reverse=True' },
    ]);
  });

  it('links a full last page with a next link that leads to an empty page', () => {
    const page = list(networkDescription, 'limit=5', items);
    expect(page.links.map((link) => link.rel)).toEqual(['next', 'previous']);
  });

  it('repeats the query in order: the first marker dropped, later ones too; first page_reverse dropped', () => {
    const page = list(
      networkDescription,
      'marker=a&page_reverse=true&name=x&marker=b&limit=1&page_reverse=false',
      items,
    );
    expect(page.items.map((item) => item.id)).toEqual(['c']);
    expect(page.links).toEqual([
      {
        rel: 'next',
        href: 'http://127.0.0.1:9696/v2.0/x?name=x&limit=1&page_reverse=false&marker=c',
      },
      {
        rel: 'previous',
        href: 'http://127.0.0.1:9696/v2.0/x?name=x&limit=1&marker=c&page_reverse=True',
      },
    ]);
  });

  it('encodes the repeated query as form data and drops a query from the collection URL', () => {
    const page = list(
      networkDescription,
      'name=a%20b&limit=1',
      [{ id: 'q', name: 'a b' }],
      'http://h/v2.0/networks?x=1',
    );
    expect(page.links[0].href).toBe('http://h/v2.0/networks?name=a+b&limit=1&marker=q');
  });

  it('drops hidden attributes and keeps unknown ones', () => {
    const subnets = [{ id: 's', shared: true, cidr: '10.0.0.0/24', extra: 1 }];
    expect(list(subnetDescription, 'shared=true', subnets).items).toEqual([
      { id: 's', cidr: '10.0.0.0/24', extra: 1 },
    ]);
    expect(list(subnetDescription, 'shared=false', subnets).items).toEqual([]);
  });

  it('never shows a segment project, even when asked for it', () => {
    const segments = [{ id: 's', project_id: 'p', tenant_id: 'p', name: null }];
    expect(list(segmentDescription, 'fields=project_id&fields=name', segments).items).toEqual([
      { name: null },
    ]);
  });

  it('ignores unknown field names; an empty fields value shows nothing', () => {
    expect(list(networkDescription, 'fields=name&fields=bogus', items).items[0]).toEqual({
      name: 'x',
    });
    expect(list(networkDescription, 'fields=', items).items[0]).toEqual({});
  });

  it('keeps the caller order for collections without sorting', () => {
    const agents = [
      { id: 'z', host: 'h1', alive: true },
      { id: 'a', host: 'h2', alive: false },
      { id: 'm', host: 'h3', alive: true },
    ];
    const page = list(agentDescription, 'alive=True&sort_key=id&sort_dir=asc&limit=1', agents);
    expect(page.items.map((item) => item.id)).toEqual(['z', 'm']);
    expect(page.links).toEqual([]);
  });

  it('does not modify the items it is given', () => {
    const given = items.map((item) => ({ ...item }));
    const frozen = Object.freeze(given.map((item) => Object.freeze(item)));
    list(networkDescription, 'sort_key=name&sort_dir=desc&fields=id&limit=2', frozen);
    expect(given).toEqual(items);
  });

  it('applies a parsed query as runListQuery does', () => {
    const query = parseListQuery(networkDescription, 'name=x&limit=2');
    expect(applyListQuery(networkDescription, query, items, { collectionUrl: 'u' })).toEqual(
      runListQuery(networkDescription, 'name=x&limit=2', items, { collectionUrl: 'u' }),
    );
  });
});

describe('listResponseBody', () => {
  it('puts the items under the collection, links under <collection>_links when any', () => {
    const paged = networks(BY_NAME);
    const body = listResponseBody(networkDescription, paged);
    expect(Object.keys(body)).toEqual(['networks', 'networks_links']);
    expect(namesOf(body.networks as object[])).toEqual(['page-1', 'page-2']);
    expect(listResponseBody(networkDescription, { items: [], links: [] })).toEqual({
      networks: [],
    });
  });
});
