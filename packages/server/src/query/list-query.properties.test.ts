import fc from 'fast-check';
import { NetworkNotFound, PortNotFound } from '@ml2ts/driver-api';
import { type ListPage } from './apply-list-query';
import { resourceDescriptions } from './descriptions/resource-descriptions';
import { networkDescription } from './descriptions/network-description';
import { ListQueryError } from './list-query-error';
import { parseListQuery } from './parse-list-query';
import { type QueryParam } from './query-params';
import { runListQuery } from './run-list-query';
import { urlEncode } from './url-encode';

/**
 * Properties of list queries over random queries and random collections. The seed is random
 * unless `ML2TS_FAST_CHECK_SEED` is set (to replay a failure, whose message names the seed).
 */
const seedText = process.env.ML2TS_FAST_CHECK_SEED;
const PARAMETERS: fc.Parameters<unknown> = {
  numRuns: 300,
  ...(seedText !== undefined ? { seed: Number(seedText) } : {}),
};

const URL = 'http://127.0.0.1:9696/v2.0/networks';
const DESCRIPTIONS = Object.values(resourceDescriptions);

/** Keys a random query draws from: real attributes, list options, and noise. */
const KEY = fc.oneof(
  fc.constantFrom(...new Set(DESCRIPTIONS.flatMap((d) => d.attributes.map((a) => a.name)))),
  fc.constantFrom('fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse', 'keys'),
  fc.string({ maxLength: 6 }),
);

/** Values a random query draws from: ones attributes take, near misses, and noise. */
const VALUE = fc.oneof(
  fc.constantFrom(
    '',
    'true',
    'False',
    '1',
    '0',
    'maybe',
    '2',
    '-1',
    '1_0',
    ' 3 ',
    'asc',
    'desc',
    'ASC',
    'name',
    'id',
    'mtu',
    'ip_address=10.0.0.1',
    'subnet_id=s',
    '10.0.0.0/24',
    '10.0.0.5',
    'fe80::1/64',
    'tcp',
    'TCP',
    '300',
    'IPv4',
    'ipv6',
    'red,blue',
    'FA-16-3E-00-00-01',
    'x',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

const RAW_QUERY = fc.oneof(
  fc.array(fc.tuple(KEY, VALUE), { maxLength: 8 }).map((pairs) => urlEncode(pairs as QueryParam[])),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.constantFrom('&', ';', '=', '%', '%2', '%zz', '%C3', '+', 'a', 'limit', 'name'), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
);

/** A network with random sortable attributes; names may hold any character. */
const NETWORK = fc.record({
  name: fc.oneof(fc.constantFrom('a', 'b', 'c', 'a b', 'é&=+%'), fc.string({ maxLength: 4 })),
  mtu: fc.constantFrom(1400, 1450, 1500),
  admin_state_up: fc.boolean(),
  status: fc.constantFrom('ACTIVE', 'DOWN'),
  'provider:network_type': fc.constantFrom('vlan', 'vxlan', 'flat'),
});

const NETWORKS = fc.array(NETWORK, { maxLength: 25 }).map((networks) =>
  networks.map((network, i) => ({
    ...network,
    id: `${(i * 7919) % 1000}-${i}`.padStart(8, '0'),
  })),
);

const SORTS = fc.array(
  fc.tuple(
    fc.constantFrom('name', 'mtu', 'admin_state_up', 'status', 'id'),
    fc.constantFrom('asc', 'desc'),
  ),
  { maxLength: 3 },
);

/** A filter that keeps some networks, or none. */
const FILTER = fc.constantFrom<QueryParam[]>(
  [],
  [['admin_state_up', 'true']],
  [
    ['provider:network_type', 'vlan'],
    ['provider:network_type', 'flat'],
  ],
  [['name', 'a']],
);

function queryOf(pairs: readonly QueryParam[]): string {
  return urlEncode(pairs);
}

function sortPairs(sorts: ReadonlyArray<[string, string]>): QueryParam[] {
  return sorts.flatMap(([key, direction]): QueryParam[] => [
    ['sort_key', key],
    ['sort_dir', direction],
  ]);
}

function list(query: string, networks: readonly object[]): ListPage<Partial<object>> {
  return runListQuery(networkDescription, query, networks, { collectionUrl: URL });
}

function ids(items: readonly object[]): string[] {
  return items.map((item) => (item as { id: string }).id);
}

function queryOfLink(
  page: ListPage<Partial<object>>,
  rel: 'next' | 'previous',
): string | undefined {
  const link = page.links.find((one) => one.rel === rel);
  if (link === undefined) return undefined;
  expect(link.href.startsWith(`${URL}?`)).toBe(true);
  return link.href.slice(URL.length + 1);
}

describe('list queries, on random input', () => {
  it('refuse a bad query only with a ListQueryError (400), and never throw otherwise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DESCRIPTIONS),
        RAW_QUERY,
        NETWORKS,
        (description, raw, items) => {
          let parsed;
          try {
            parsed = parseListQuery(description, raw);
          } catch (error) {
            expect(error).toBeInstanceOf(ListQueryError);
            expect((error as ListQueryError).httpStatus).toBe(400);
            return;
          }
          try {
            runListQuery(description, parsed.params, items, { collectionUrl: URL });
          } catch (error) {
            // Only an unknown marker may fail once the query is accepted.
            expect(error instanceof NetworkNotFound || error instanceof PortNotFound).toBe(true);
            expect(parsed.marker).not.toBeNull();
          }
        },
      ),
      PARAMETERS,
    );
  });

  it('following next links from the first page lists the sorted list exactly once', () => {
    fc.assert(
      fc.property(
        NETWORKS,
        SORTS,
        FILTER,
        fc.integer({ min: 1, max: 6 }),
        (networks, sorts, filter, limit) => {
          const base = [...filter, ...sortPairs(sorts)];
          const whole = ids(list(queryOf(base), networks).items);
          const seen: string[] = [];
          let query: string | undefined = queryOf([...base, ['limit', String(limit)]]);
          for (let pages = 0; query !== undefined; pages++) {
            expect(pages).toBeLessThanOrEqual(whole.length / limit + 1);
            const page = list(query, networks);
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...ids(page.items));
            query = queryOfLink(page, 'next');
          }
          expect(seen).toEqual(whole);
        },
      ),
      PARAMETERS,
    );
  });

  it('following previous links from the last page lists it too, back to front', () => {
    fc.assert(
      fc.property(
        NETWORKS,
        SORTS,
        FILTER,
        fc.integer({ min: 1, max: 6 }),
        (networks, sorts, filter, limit) => {
          const base = [...filter, ...sortPairs(sorts)];
          const whole = ids(list(queryOf(base), networks).items);
          const pages: string[][] = [];
          let query: string | undefined = queryOf([
            ...base,
            ['limit', String(limit)],
            ['page_reverse', 'True'],
          ]);
          while (query !== undefined) {
            expect(pages.length).toBeLessThanOrEqual(whole.length / limit + 1);
            const page = list(query, networks);
            pages.unshift(ids(page.items));
            query = queryOfLink(page, 'previous');
          }
          expect(pages.flat()).toEqual(whole);
        },
      ),
      PARAMETERS,
    );
  });

  it('a reverse page mirrors a forward page of the reversed order, from any marker', () => {
    fc.assert(
      fc.property(
        NETWORKS.filter((networks) => networks.length > 0),
        SORTS,
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        (networks, sorts, limit, pick) => {
          const keyed: Array<[string, string]> = [
            ...sorts.filter(([key]) => key !== 'id'),
            ['id', 'asc'],
          ];
          const flipped = keyed.map(([key, dir]): [string, string] => [
            key,
            dir === 'asc' ? 'desc' : 'asc',
          ]);
          const whole = ids(list(queryOf(sortPairs(keyed)), networks).items);
          const markerIndex = pick % whole.length;
          const marker = whole[markerIndex];
          const paging: QueryParam[] = [
            ['limit', String(limit)],
            ['marker', marker],
          ];
          const reversePage = ids(
            list(queryOf([...sortPairs(keyed), ...paging, ['page_reverse', 'True']]), networks)
              .items,
          );
          const mirrored = ids(list(queryOf([...sortPairs(flipped), ...paging]), networks).items);
          expect(reversePage).toEqual([...mirrored].reverse());
          expect(reversePage).toEqual(whole.slice(Math.max(0, markerIndex - limit), markerIndex));
          const forwardPage = ids(list(queryOf([...sortPairs(keyed), ...paging]), networks).items);
          expect(forwardPage).toEqual(whole.slice(markerIndex + 1, markerIndex + 1 + limit));
        },
      ),
      PARAMETERS,
    );
  });

  it('a filter value survives the round trip through a link, whatever its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 10 }), (name) => {
        const networks = [
          { id: '1', name },
          { id: '2', name },
        ];
        const first = list(
          queryOf([
            ['name', name],
            ['limit', '1'],
          ]),
          networks,
        );
        const next = queryOfLink(first, 'next');
        expect(next).toBeDefined();
        expect(ids(list(next ?? '', networks).items)).toEqual(['2']);
      }),
      PARAMETERS,
    );
  });
});
