import fc from 'fast-check';
import { buildTestServer, type TestServer } from './test-support/build-test-server';

// Random and malformed requests: no input may produce a 5xx; every 4xx is in Neutron's error
// shape; and a rejected request leaves the database as it was.
describe('the REST API under random input', () => {
  jest.setTimeout(120_000);
  let server: TestServer;
  let networkId: string;
  let portId: string;

  beforeAll(async () => {
    server = await buildTestServer();
    const network = await server.app.inject({
      method: 'POST',
      url: '/v2.0/networks',
      payload: { network: { name: 'n0' } },
    });
    networkId = network.json().network.id;
    await server.app.inject({
      method: 'POST',
      url: '/v2.0/subnets',
      payload: { subnet: { network_id: networkId, cidr: '10.0.0.0/24', ip_version: 4 } },
    });
    const port = await server.app.inject({
      method: 'POST',
      url: '/v2.0/ports',
      payload: { port: { network_id: networkId, 'binding:host_id': 'compute-1' } },
    });
    portId = port.json().port.id;
  });
  afterAll(() => server.close());

  /** Everything the API shows, as an admin sees it, for before/after comparisons. */
  async function snapshot(): Promise<string> {
    const parts = [];
    for (const collection of ['networks', 'subnets', 'ports', 'segments', 'agents']) {
      const response = await server.app.inject({ method: 'GET', url: `/v2.0/${collection}` });
      const body = response.json()[collection] as Array<Record<string, unknown>>;
      // Liveness and heartbeat ages move with the clock, not with requests.
      parts.push(body.map(({ alive: _a, heartbeat_timestamp: _h, ...rest }) => rest));
    }
    return JSON.stringify(parts);
  }

  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const attributeName = fc.constantFrom(
    'name',
    'admin_state_up',
    'network_id',
    'fixed_ips',
    'binding:host_id',
    'binding:profile',
    'mtu',
    'provider:network_type',
    'provider:segmentation_id',
    'cidr',
    'ip_version',
    'tags',
    'segments',
    'project_id',
    'device_owner',
    'mac_address',
    'description',
    'shared',
    'id',
    'status',
    'allowed_address_pairs',
    'gateway_ip',
    'no_such_attribute',
  );
  const resourceObject = fc.dictionary(attributeName, jsonValue, { maxKeys: 4 });
  const body = fc.oneof(
    fc.constant(undefined),
    jsonValue.map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 40 }),
    fc
      .tuple(
        fc.constantFrom('network', 'subnet', 'port', 'segment', 'agent', 'networks', 'ports'),
        resourceObject,
      )
      .map(([key, value]) => JSON.stringify({ [key]: key.endsWith('s') ? [value] : value })),
  );
  const id = fc.oneof(
    fc.constant('@network'),
    fc.constant('@port'),
    fc.uuid(),
    fc.string({ maxLength: 50 }).map((text) => encodeURIComponent(text)),
  );
  const path = fc.oneof(
    fc.constantFrom('/', '/v2.0', '/v2.0/extensions', '/v2.0/no-such-collection'),
    fc
      .tuple(fc.constantFrom('networks', 'subnets', 'ports', 'segments', 'agents'), fc.option(id))
      .map(([collection, one]) =>
        one === null ? `/v2.0/${collection}` : `/v2.0/${collection}/${one}`,
      ),
  );
  const queryKey = fc.constantFrom(
    'name',
    'limit',
    'marker',
    'page_reverse',
    'sort_key',
    'sort_dir',
    'fields',
    'tags',
    'not-tags',
    'admin_state_up',
    'mtu',
    'fixed_ips',
    'id',
    'status',
    'bogus',
  );
  const query = fc
    .array(fc.tuple(queryKey, fc.string({ maxLength: 12 })), { maxLength: 4 })
    .map((pairs) =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`,
    );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom('application/json', 'text/plain', 'application/xml'),
      'x-project-id': fc.constantFrom('fake_project_id', 'other'),
      'x-roles': fc.constantFrom('admin', 'member', ''),
    },
    { requiredKeys: [] },
  );
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') as fc.Arbitrary<
    'GET' | 'POST' | 'PUT' | 'DELETE'
  >;

  it('never answers a 5xx, always in the error shape, and rejects without writing', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        query,
        body,
        headers,
        async (verb, where, q, payload, hdrs) => {
          const url = where.replace('@network', networkId).replace('@port', portId) + q;
          const before = await snapshot();
          const response = await server.app.inject({
            method: verb,
            url,
            headers: hdrs,
            ...(payload === undefined ? {} : { payload }),
          });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json()).toEqual({
              NeutronError: {
                type: expect.any(String),
                message: expect.any(String),
                detail: expect.any(String),
              },
            });
            expect(await snapshot()).toBe(before);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
