import { agentDescription } from './descriptions/agent-description';
import { networkDescription } from './descriptions/network-description';
import { portDescription } from './descriptions/port-description';
import {
  InvalidFilterAttributes,
  InvalidFilterValue,
  InvalidLimit,
  InvalidSortDirections,
  InvalidSortKeys,
  ListQueryError,
  SortKeysAndDirsMismatch,
} from './list-query-error';
import { parseListQuery } from './parse-list-query';
import { QueryParams } from './query-params';

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function networksQuery(query: string, maxLimit?: number) {
  return parseListQuery(networkDescription, query, { maxLimit });
}

describe('parseListQuery', () => {
  it('reads an empty query as: no filters, all fields, id order, no paging', () => {
    expect(networksQuery('')).toMatchObject({
      filters: [],
      fields: null,
      sorts: [{ attribute: 'id', direction: 'asc' }],
      limit: null,
      marker: null,
      pageReverse: false,
    });
  });

  it('reads filters in the order of their first key, repeated keys as several values', () => {
    const query = networksQuery('name=b&admin_state_up=True&name=a&mtu=1450');
    expect(query.filters).toEqual([
      { attribute: 'name', rule: 'exact', values: ['b', 'a'] },
      { attribute: 'admin_state_up', rule: 'boolean', values: [true] },
      { attribute: 'mtu', rule: 'integer', values: [1450] },
    ]);
  });

  it('keeps an empty filter value: it filters on the empty string', () => {
    expect(networksQuery('name=').filters).toEqual([
      { attribute: 'name', rule: 'exact', values: [''] },
    ]);
  });

  it('refuses keys that are not filters, naming all of them, as the recorded answer', () => {
    const error = failure(() => networksQuery('no_such_filter=1'));
    expect(error).toBeInstanceOf(InvalidFilterAttributes);
    expect(error).toBeInstanceOf(ListQueryError);
    expect(error).toMatchObject({
      httpStatus: 400,
      type: 'HTTPBadRequest',
      message: "['no_such_filter'] is invalid attribute for filtering",
    });
    expect(failure(() => networksQuery('subnets=x&name=a&created_at=y&subnets=z'))).toMatchObject({
      attributes: ['subnets', 'created_at'],
      message: "['subnets', 'created_at'] is invalid attribute for filtering",
    });
  });

  it('ignores the names a list never treats as filters', () => {
    expect(networksQuery('keys=1&__class__=x&update=1&metadata=2').filters).toEqual([]);
  });

  it('refuses a bad filter value before unknown keys, and unknown keys before the rest', () => {
    expect(failure(() => networksQuery('bogus=1&mtu=x&limit=-1&sort_key=x'))).toBeInstanceOf(
      InvalidFilterValue,
    );
    expect(failure(() => networksQuery('limit=-1&bogus=1&sort_key=x'))).toBeInstanceOf(
      InvalidFilterAttributes,
    );
    expect(failure(() => networksQuery('sort_key=x&limit=-1'))).toBeInstanceOf(InvalidLimit);
  });

  it('reads fields, repeated, empty ones included', () => {
    expect(networksQuery('fields=name&fields=status&fields=').fields).toEqual([
      'name',
      'status',
      '',
    ]);
  });

  describe('sorting', () => {
    it('pairs sort keys with directions in order, then adds id ascending', () => {
      expect(networksQuery('sort_key=name&sort_dir=desc&sort_key=mtu&sort_dir=asc').sorts).toEqual([
        { attribute: 'name', direction: 'desc' },
        { attribute: 'mtu', direction: 'asc' },
        { attribute: 'id', direction: 'asc' },
      ]);
    });

    it('does not add id when it is a requested key', () => {
      expect(networksQuery('sort_key=id&sort_dir=desc').sorts).toEqual([
        { attribute: 'id', direction: 'desc' },
      ]);
    });

    it('drops empty sort keys and directions before pairing them', () => {
      expect(networksQuery('sort_key=&sort_key=name&sort_dir=asc&sort_dir=').sorts[0]).toEqual({
        attribute: 'name',
        direction: 'asc',
      });
    });

    it('refuses unequal numbers of keys and directions', () => {
      for (const query of [
        'sort_key=name',
        'sort_dir=asc',
        'sort_key=name&sort_key=id&sort_dir=asc',
      ]) {
        expect(failure(() => networksQuery(query))).toMatchObject({
          constructor: SortKeysAndDirsMismatch,
          type: 'HTTPBadRequest',
          message: 'The number of sort_keys and sort_dirs must be same',
        });
      }
    });

    it('refuses keys that are not sort keys', () => {
      expect(
        failure(() =>
          networksQuery(
            'sort_key=shared&sort_key=name&sort_key=bogus&sort_dir=asc&sort_dir=asc&sort_dir=asc',
          ),
        ),
      ).toMatchObject({
        constructor: InvalidSortKeys,
        type: 'HTTPBadRequest',
        message: "['shared', 'bogus'] is invalid attribute for sort_keys",
      });
    });

    it('refuses directions other than asc and desc, checked after the keys', () => {
      expect(failure(() => networksQuery('sort_key=name&sort_dir=ASC'))).toMatchObject({
        constructor: InvalidSortDirections,
        type: 'HTTPBadRequest',
        message: "['ASC'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'",
      });
      expect(failure(() => networksQuery('sort_key=bogus&sort_dir=up'))).toBeInstanceOf(
        InvalidSortKeys,
      );
    });

    it('takes tenant_id and project_id alike', () => {
      expect(networksQuery('sort_key=tenant_id&sort_dir=asc').sorts[0].attribute).toBe('tenant_id');
      expect(networksQuery('sort_key=project_id&sort_dir=asc').sorts[0].attribute).toBe(
        'project_id',
      );
    });
  });

  describe('pagination', () => {
    it('reads limit, marker and page_reverse', () => {
      expect(networksQuery('limit=2&marker=abc&page_reverse=True')).toMatchObject({
        limit: 2,
        marker: 'abc',
        pageReverse: true,
      });
      expect(networksQuery('limit=2&page_reverse=TRUE').pageReverse).toBe(true);
      expect(networksQuery('limit=2&page_reverse=1').pageReverse).toBe(false);
      expect(networksQuery('page_reverse=true').pageReverse).toBe(true);
    });

    it('takes the last value of limit, marker and page_reverse', () => {
      expect(
        networksQuery('limit=5&limit=2&marker=a&marker=b&page_reverse=true&page_reverse=x'),
      ).toMatchObject({ limit: 2, marker: 'b', pageReverse: false });
    });

    it('reads limit 0, or none, as no paging, and ignores the marker then', () => {
      expect(networksQuery('limit=0&marker=abc')).toMatchObject({ limit: null, marker: null });
      expect(networksQuery('marker=abc')).toMatchObject({ limit: null, marker: null });
      expect(networksQuery('limit=2&marker=')).toMatchObject({ limit: 2, marker: null });
    });

    it('reads limits the way integers are read', () => {
      expect(networksQuery('limit= 3 ').limit).toBe(3);
      expect(networksQuery('limit=1_0').limit).toBe(10);
    });

    it('refuses limits that are not integers of 0 or more with BadRequest', () => {
      expect(failure(() => networksQuery('limit=abc'))).toMatchObject({
        constructor: InvalidLimit,
        httpStatus: 400,
        type: 'BadRequest',
        value: 'abc',
        message: "Bad limit request: Limit must be an integer 0 or greater and not 'abc'.",
      });
      expect(failure(() => networksQuery('limit=-01'))).toMatchObject({
        message: "Bad limit request: Limit must be an integer 0 or greater and not '-1'.",
      });
      expect(failure(() => networksQuery('limit='))).toMatchObject({
        message: "Bad limit request: Limit must be an integer 0 or greater and not ''.",
      });
    });

    it('cuts the limit down to maxLimit, which also stands for no limit', () => {
      expect(networksQuery('limit=50', 10).limit).toBe(10);
      expect(networksQuery('limit=5', 10).limit).toBe(5);
      expect(networksQuery('', 10).limit).toBe(10);
      expect(networksQuery('', 0).limit).toBeNull();
    });
  });

  describe('a collection without sorting and pagination (agents)', () => {
    it('ignores sort keys, limit, marker and page_reverse, even malformed ones', () => {
      expect(
        parseListQuery(agentDescription, 'sort_key=bogus&limit=abc&marker=x&page_reverse=true'),
      ).toMatchObject({ sorts: [], limit: null, marker: null, pageReverse: false, filters: [] });
    });

    it('still refuses unknown filters', () => {
      expect(failure(() => parseListQuery(agentDescription, 'bogus=1'))).toBeInstanceOf(
        InvalidFilterAttributes,
      );
    });

    it('reads alive from its first value only, after the other checks', () => {
      expect(parseListQuery(agentDescription, 'alive=false&alive=junk').filters).toEqual([
        { attribute: 'alive', rule: 'first-boolean', values: [false] },
      ]);
      expect(failure(() => parseListQuery(agentDescription, 'alive=junk&bogus=1'))).toBeInstanceOf(
        InvalidFilterAttributes,
      );
      expect(failure(() => parseListQuery(agentDescription, 'alive=junk'))).toMatchObject({
        type: 'InvalidInput',
        message: "Invalid input for operation: 'junk' cannot be converted to boolean.",
      });
    });
  });

  it('takes records and QueryParams as well as raw strings', () => {
    const fromRecord = parseListQuery(portDescription, { 'binding:host_id': ['h1', 'h2'] });
    expect(fromRecord.filters).toEqual([
      { attribute: 'binding:host_id', rule: 'exact', values: ['h1', 'h2'] },
    ]);
    const params = QueryParams.from('name=x');
    expect(parseListQuery(portDescription, params).params).toBe(params);
  });
});
