import { buildTestServer, type TestServer } from './test-support/build-test-server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the REST API', () => {
  let server: TestServer;
  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await server.app.inject({
      method,
      url,
      headers: { 'content-type': 'application/json', ...headers },
      ...(payload === undefined
        ? {}
        : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
    return {
      status: response.statusCode,
      body: (response.body === '' ? undefined : response.json()) as Json,
      headers: response.headers,
    };
  };
  const neutronError = (type: string, message?: string) => ({
    NeutronError: { type, message: message ?? expect.any(String), detail: '' },
  });

  beforeEach(async () => {
    server = await buildTestServer();
  });
  afterEach(() => server.close());

  describe('request bodies', () => {
    it('refuses malformed JSON, a body without the resource and a body of the wrong shape', async () => {
      expect(await call('POST', '/v2.0/networks', '{"network": ')).toMatchObject({
        status: 400,
        body: neutronError('HTTPBadRequest', 'Body contains invalid data'),
      });
      expect(await call('POST', '/v2.0/networks', { net: {} })).toMatchObject({
        status: 400,
        body: neutronError('HTTPBadRequest', "Unable to find 'network' in request body"),
      });
      expect(await call('POST', '/v2.0/networks', [1, 2])).toMatchObject({
        status: 400,
        body: neutronError('HTTPBadRequest', 'Body contains invalid data'),
      });
      expect((await call('GET', '/v2.0/networks')).body).toEqual({ networks: [] });
    });

    it('refuses a body over the configured size with a 413', async () => {
      const response = await call('POST', '/v2.0/networks', {
        network: { name: 'x', description: 'y'.repeat(200_000) },
      });
      expect(response).toMatchObject({
        status: 413,
        body: neutronError('HTTPRequestEntityTooLarge'),
      });
    });

    it("converts booleans and integers given as strings, as Neutron's API does", async () => {
      const created = await call('POST', '/v2.0/networks', {
        network: {
          name: 'vlan',
          admin_state_up: 'False',
          'provider:network_type': 'vlan',
          'provider:physical_network': 'physnet1',
          'provider:segmentation_id': '150',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.network).toMatchObject({
        admin_state_up: false,
        'provider:segmentation_id': 150,
      });
      expect(
        await call('POST', '/v2.0/networks', { network: { admin_state_up: 'maybe' } }),
      ).toMatchObject({ status: 400, body: neutronError('HTTPBadRequest') });
    });

    it('answers a method a path does not take with a 405', async () => {
      expect(await call('PUT', '/v2.0/networks', { network: {} })).toMatchObject({
        status: 405,
        body: neutronError(
          'HTTPMethodNotAllowed',
          'The method PUT is not allowed for this resource.',
        ),
      });
      expect(await call('POST', '/v2.0/agents', { agent: {} })).toMatchObject({ status: 405 });
    });

    it('answers an unknown path with a 404 in the error shape', async () => {
      expect(await call('GET', '/v2.0/routers')).toMatchObject({
        status: 404,
        body: neutronError('HTTPNotFound'),
      });
    });
  });

  describe('bulk create', () => {
    it('creates every port of the list, or none of them', async () => {
      const network = (await call('POST', '/v2.0/networks', { network: { name: 'n' } })).body
        .network;
      const created = await call('POST', '/v2.0/ports', {
        ports: [
          { network_id: network.id, name: 'a' },
          { network_id: network.id, name: 'b' },
        ],
      });
      expect(created.status).toBe(201);
      expect(created.body.ports.map((port: Json) => port.name)).toEqual(['a', 'b']);
      const refused = await call('POST', '/v2.0/ports', {
        ports: [
          { network_id: network.id, name: 'c' },
          { network_id: network.id, name: 'd', no_such_attribute: 1 },
        ],
      });
      expect(refused.status).toBe(400);
      const names = (await call('GET', '/v2.0/ports')).body.ports.map((port: Json) => port.name);
      expect(names.sort()).toEqual(['a', 'b']);
    });
  });

  describe('lists', () => {
    beforeEach(async () => {
      for (const name of ['page-1', 'page-2', 'page-3']) {
        await call('POST', '/v2.0/networks', { network: { name } });
      }
    });

    it('filters, sorts, pages and cuts to fields', async () => {
      const first = await call('GET', '/v2.0/networks?limit=2&sort_key=name&sort_dir=desc');
      expect(first.body.networks.map((network: Json) => network.name)).toEqual([
        'page-3',
        'page-2',
      ]);
      // Neutron links a first page both ways: previous ends at its first item.
      expect(first.body.networks_links).toEqual([
        {
          href: `http://localhost:80/v2.0/networks?limit=2&sort_key=name&sort_dir=desc&marker=${first.body.networks[1].id}`,
          rel: 'next',
        },
        {
          href: `http://localhost:80/v2.0/networks?limit=2&sort_key=name&sort_dir=desc&marker=${first.body.networks[0].id}&page_reverse=True`,
          rel: 'previous',
        },
      ]);
      const fields = await call('GET', '/v2.0/networks?name=page-2&fields=name&fields=status');
      expect(fields.body).toEqual({ networks: [{ name: 'page-2', status: 'ACTIVE' }] });
      expect(await call('GET', '/v2.0/networks?no_such_filter=1')).toMatchObject({
        status: 400,
        body: neutronError(
          'HTTPBadRequest',
          "['no_such_filter'] is invalid attribute for filtering",
        ),
      });
      expect(await call('GET', '/v2.0/networks?sort_key=name')).toMatchObject({ status: 400 });
    });

    it("reads only an instance's ports for ?device_id= (what Nova asks), with the same answer", async () => {
      const network = (await call('GET', '/v2.0/networks?name=page-1')).body.networks[0];
      const created: Json[] = [];
      for (const device of ['vm-a', 'vm-a', 'vm-b']) {
        const { body } = await call('POST', '/v2.0/ports', {
          port: { network_id: network.id, device_id: device, device_owner: 'compute:nova' },
        });
        created.push(body.port);
      }
      const listPorts = jest.spyOn(server.engine.plugin, 'listPorts');
      const ids = (url: string) =>
        call('GET', url).then(({ body }) => body.ports.map((port: Json) => port.id));

      const onA = [created[0].id as string, created[1].id as string].sort();
      expect(await ids('/v2.0/ports?device_id=vm-a')).toEqual(onA);
      expect(listPorts).toHaveBeenLastCalledWith({ device_id: 'vm-a' });
      expect(await ids(`/v2.0/ports?device_id=vm-a&network_id=${network.id}`)).toHaveLength(2);
      expect(listPorts).toHaveBeenLastCalledWith({ device_id: 'vm-a', network_id: network.id });
      // Several values, a value no port can have, a marker: every port is read and filtered.
      expect(await ids('/v2.0/ports?device_id=vm-a&device_id=vm-b')).toHaveLength(3);
      expect(listPorts).toHaveBeenLastCalledWith({});
      expect(await ids(`/v2.0/ports?device_id=${'x'.repeat(300)}`)).toEqual([]);
      expect(listPorts).toHaveBeenLastCalledWith({});
      const sortedIds = created.map((port) => port.id as string).sort();
      expect(await ids(`/v2.0/ports?device_id=vm-a&limit=5&marker=${sortedIds[0]}`)).toEqual(
        onA.filter((id) => id > sortedIds[0]),
      );
      expect(listPorts).toHaveBeenLastCalledWith({});
    });

    it('cuts one resource to fields too', async () => {
      const [network] = (await call('GET', '/v2.0/networks?name=page-1')).body.networks;
      const shown = await call('GET', `/v2.0/networks/${network.id}?fields=id&fields=mtu`);
      expect(shown.body).toEqual({ network: { id: network.id, mtu: 1450 } });
    });
  });

  describe('who may do what', () => {
    const alice = { 'x-project-id': 'alice', 'x-roles': 'member' };
    const bob = { 'x-project-id': 'bob', 'x-roles': 'member' };

    it("shows a project only its own resources, and no one's binding but an admin", async () => {
      const network = (await call('POST', '/v2.0/networks', { network: { name: 'a' } }, alice)).body
        .network;
      expect(network.project_id).toBe('alice');
      const port = await call('POST', '/v2.0/ports', { port: { network_id: network.id } }, alice);
      expect(port.status).toBe(201);
      expect(port.body.port['binding:vif_type']).toBeUndefined();
      expect((await call('GET', '/v2.0/networks', undefined, bob)).body.networks).toEqual([]);
      expect(await call('GET', `/v2.0/networks/${network.id}`, undefined, bob)).toMatchObject({
        status: 404,
        body: neutronError('NetworkNotFound'),
      });
      const asAdmin = await call('GET', `/v2.0/ports/${port.body.port.id}`);
      expect(asAdmin.body.port['binding:vif_type']).toBe('unbound');
    });

    it('refuses binding attributes and foreign projects to non-admins', async () => {
      const network = (await call('POST', '/v2.0/networks', { network: { name: 'a' } }, alice)).body
        .network;
      expect(
        await call(
          'POST',
          '/v2.0/ports',
          { port: { network_id: network.id, 'binding:host_id': 'compute-1' } },
          alice,
        ),
      ).toMatchObject({
        status: 403,
        body: neutronError(
          'PolicyNotAuthorized',
          '(rule:create_port:binding:host_id) is disallowed by policy.',
        ),
      });
      expect(
        await call('POST', '/v2.0/networks', { network: { project_id: 'bob' } }, alice),
      ).toMatchObject({ status: 400 });
      expect(await call('GET', '/v2.0/agents', undefined, alice)).toMatchObject({ status: 403 });
    });
  });

  describe('deletes', () => {
    it('refuses to delete a network with ports, naming them', async () => {
      const network = (await call('POST', '/v2.0/networks', { network: { name: 'busy' } })).body
        .network;
      const port = (await call('POST', '/v2.0/ports', { port: { network_id: network.id } })).body
        .port;
      expect(await call('DELETE', `/v2.0/networks/${network.id}`)).toMatchObject({
        status: 409,
        body: neutronError(
          'NetworkInUse',
          `Unable to complete operation on network ${network.id}. There are one or more ports ` +
            `still in use on the network, id for these ports is: ${port.id}.`,
        ),
      });
    });
  });

  describe('If-Match', () => {
    it('updates and deletes only at the revision the caller names', async () => {
      const network = (await call('POST', '/v2.0/networks', { network: { name: 'r' } })).body
        .network;
      const at = (revision: number) => ({ 'if-match': `revision_number=${revision}` });
      const stale = network.revision_number - 1;
      expect(
        await call('PUT', `/v2.0/networks/${network.id}`, { network: { name: 'x' } }, at(stale)),
      ).toMatchObject({
        status: 412,
        body: neutronError(
          'RevisionNumberConstraintFailed',
          `Constrained to ${stale}, but current revision is ${network.revision_number}`,
        ),
      });
      const renamed = await call(
        'PUT',
        `/v2.0/networks/${network.id}`,
        { network: { name: 'x' } },
        at(network.revision_number),
      );
      expect(renamed.body.network).toMatchObject({ name: 'x' });
      expect(
        (
          await call(
            'DELETE',
            `/v2.0/networks/${network.id}`,
            undefined,
            at(network.revision_number),
          )
        ).status,
      ).toBe(412);
      expect(
        (
          await call(
            'DELETE',
            `/v2.0/networks/${network.id}`,
            undefined,
            at(renamed.body.network.revision_number),
          )
        ).status,
      ).toBe(204);
    });
  });

  describe('tags', () => {
    it('replaces, adds, checks and removes the tags of a network, bumping its revision', async () => {
      const network = (await call('POST', '/v2.0/networks', { network: { name: 't' } })).body
        .network;
      const tags = `/v2.0/networks/${network.id}/tags`;
      expect((await call('PUT', tags, { tags: ['red', 'blue'] })).body).toEqual({
        tags: ['blue', 'red'],
      });
      expect((await call('PUT', `${tags}/green`)).status).toBe(201);
      expect((await call('GET', `${tags}/green`)).status).toBe(204);
      expect((await call('DELETE', `${tags}/red`)).status).toBe(204);
      expect(await call('GET', `${tags}/red`)).toMatchObject({
        status: 404,
        body: neutronError('TagNotFound'),
      });
      expect((await call('GET', tags)).body).toEqual({ tags: ['blue', 'green'] });
      const shown = (await call('GET', `/v2.0/networks/${network.id}`)).body.network;
      expect(shown.tags).toEqual(['blue', 'green']);
      expect(shown.revision_number).toBeGreaterThan(network.revision_number);
      expect((await call('GET', '/v2.0/networks?tags=green')).body.networks).toHaveLength(1);
      expect((await call('GET', '/v2.0/networks?not-tags=green')).body.networks).toHaveLength(0);
      expect((await call('DELETE', tags)).status).toBe(204);
      expect((await call('GET', tags)).body).toEqual({ tags: [] });
      expect(await call('PUT', tags, { tags: 'red' })).toMatchObject({ status: 400 });
    });
  });

  describe('segments', () => {
    it('adds a segment to a network, renames it and deletes it', async () => {
      const network = (
        await call('POST', '/v2.0/networks', {
          network: {
            'provider:network_type': 'vlan',
            'provider:physical_network': 'physnet1',
            'provider:segmentation_id': 120,
          },
        })
      ).body.network;
      const created = await call('POST', '/v2.0/segments', {
        segment: {
          network_id: network.id,
          network_type: 'vxlan',
          segmentation_id: '1500',
          name: 'second',
        },
      });
      expect(created).toMatchObject({
        status: 201,
        body: { segment: { name: 'second', segmentation_id: 1500, network_id: network.id } },
      });
      const id = created.body.segment.id;
      expect(
        (await call('PUT', `/v2.0/segments/${id}`, { segment: { description: 'rack 2' } })).body
          .segment,
      ).toMatchObject({ name: 'second', description: 'rack 2' });
      expect(
        await call('POST', '/v2.0/segments', {
          segment: { network_id: network.id, network_type: 'vxlan', segmentation_id: 1500 },
        }),
      ).toMatchObject({ status: 409 });
      expect((await call('DELETE', `/v2.0/segments/${id}`)).status).toBe(204);
      expect(await call('GET', `/v2.0/segments/${id}`)).toMatchObject({
        status: 404,
        body: neutronError('SegmentNotFound'),
      });
    });
  });

  describe('agents', () => {
    it('switches admin_state_up, sets a description, refuses other attributes and deletes', async () => {
      const [agent] = (await call('GET', '/v2.0/agents?host=compute-1')).body.agents;
      const disabled = await call('PUT', `/v2.0/agents/${agent.id}`, {
        agent: { admin_state_up: 'false', description: 'rack 7' },
      });
      expect(disabled.body.agent).toMatchObject({
        admin_state_up: false,
        alive: true,
        description: 'rack 7',
      });
      expect(
        await call('PUT', `/v2.0/agents/${agent.id}`, { agent: { host: 'elsewhere' } }),
      ).toMatchObject({ status: 400 });
      expect((await call('DELETE', `/v2.0/agents/${agent.id}`)).status).toBe(204);
      expect(await call('GET', `/v2.0/agents/${agent.id}`)).toMatchObject({
        status: 404,
        body: neutronError('AgentNotFound'),
      });
    });
  });

  describe('discovery', () => {
    it('lists the extensions ml2ts implements and 404s the others', async () => {
      const extensions = (await call('GET', '/v2.0/extensions')).body.extensions;
      expect(extensions.map((extension: Json) => extension.alias)).toEqual(
        expect.arrayContaining(['agent', 'binding', 'provider', 'segment', 'pagination']),
      );
      expect((await call('GET', '/v2.0/extensions/binding')).body.extension.alias).toBe('binding');
      const missing = await server.app.inject({
        method: 'GET',
        url: '/v2.0/extensions/tag-ports-during-bulk-creation',
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('text/html');
    });
  });
});
