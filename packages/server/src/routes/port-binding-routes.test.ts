import { buildTestServer, type TestServer } from '../test-support/build-test-server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A member of another project: no admin role. */
const MEMBER = { 'x-project-id': 'project-b', 'x-roles': 'member' };

describe('the port bindings routes (binding-extended)', () => {
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
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    return {
      status: response.statusCode,
      body: (response.body === '' ? undefined : response.json()) as Json,
    };
  };
  const neutronError = (type: string, message?: string) => ({
    NeutronError: { type, message: message ?? expect.any(String), detail: '' },
  });

  beforeEach(async () => {
    server = await buildTestServer();
  });
  afterEach(() => server.close());

  /** A VM's port bound on compute-1 (Open vSwitch agent). */
  async function computePort(): Promise<string> {
    const network = await call('POST', '/v2.0/networks', { network: { name: 'net' } });
    const port = await call('POST', '/v2.0/ports', {
      port: {
        network_id: network.body.network.id,
        device_owner: 'compute:nova',
        device_id: 'vm-1',
        'binding:host_id': 'compute-1',
      },
    });
    expect(port.body.port['binding:vif_type']).toBe('ovs');
    return port.body.port.id as string;
  }

  it('live-migrates a port from compute-1 to compute-2: create, list, show, activate, delete', async () => {
    const portId = await computePort();
    const bindings = `/v2.0/ports/${portId}/bindings`;
    const created = await call('POST', bindings, {
      binding: { host: 'compute-2', profile: { migrating_to: 'compute-2' } },
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        binding: {
          host: 'compute-2',
          vif_type: 'bridge',
          vnic_type: 'normal',
          profile: { migrating_to: 'compute-2' },
          status: 'INACTIVE',
        },
      },
    });
    expect(Object.keys(created.body.binding).sort()).toEqual([
      'host',
      'profile',
      'status',
      'vif_details',
      'vif_type',
      'vnic_type',
    ]);
    const listed = await call('GET', bindings);
    expect(listed.status).toBe(200);
    expect(listed.body.bindings.map((b: Json) => `${b.host}:${b.status}`)).toEqual([
      'compute-1:ACTIVE',
      'compute-2:INACTIVE',
    ]);
    expect((await call('GET', `${bindings}?status=INACTIVE&fields=host`)).body).toEqual({
      bindings: [{ host: 'compute-2' }],
    });
    expect(await call('GET', `${bindings}/compute-2`)).toEqual({
      status: 200,
      body: { binding: created.body.binding },
    });
    expect((await call('GET', `/v2.0/ports/${portId}`)).body.port['binding:host_id']).toBe(
      'compute-1',
    );

    const activated = await call('PUT', `${bindings}/compute-2/activate`);
    expect(activated).toEqual({
      status: 200,
      body: { ...created.body.binding, status: 'ACTIVE' },
    });
    expect((await call('GET', `/v2.0/ports/${portId}`)).body.port).toMatchObject({
      'binding:host_id': 'compute-2',
      'binding:vif_type': 'bridge',
      status: 'DOWN',
    });
    expect((await call('GET', `${bindings}/compute-1`)).body.binding).toMatchObject({
      status: 'INACTIVE',
      vif_type: 'unbound',
    });

    expect(await call('DELETE', `${bindings}/compute-1`)).toEqual({
      status: 204,
      body: undefined,
    });
    expect(await call('GET', `${bindings}/compute-1`)).toMatchObject({
      status: 404,
      body: neutronError(
        'PortBindingNotFound',
        `Binding for port ${portId} for host compute-1 could not be found.`,
      ),
    });
  });

  it("answers Neutron's errors", async () => {
    const portId = await computePort();
    const bindings = `/v2.0/ports/${portId}/bindings`;
    expect(await call('POST', bindings, { binding: { host: 'compute-1' } })).toMatchObject({
      status: 409,
      body: neutronError('PortBindingAlreadyExists'),
    });
    expect(await call('POST', bindings, { binding: { host: 'compute-9' } })).toMatchObject({
      status: 500,
      body: neutronError(
        'PortBindingError',
        `Binding for port ${portId} on host compute-9 could not be created or updated.`,
      ),
    });
    expect(await call('POST', bindings, { host: 'compute-2' })).toMatchObject({
      status: 400,
      body: neutronError('HTTPBadRequest', "Unable to find 'binding' in request body"),
    });
    expect(await call('POST', bindings, { binding: { host: 'compute-2', x: 1 } })).toMatchObject({
      status: 400,
      body: neutronError('InvalidInput'),
    });
    expect(await call('PUT', `${bindings}/compute-1/activate`)).toMatchObject({
      status: 409,
      body: neutronError('PortBindingAlreadyActive'),
    });
    expect(await call('PUT', `${bindings}/compute-2/activate`)).toMatchObject({
      status: 404,
      body: neutronError('PortBindingNotFound'),
    });
    expect(await call('DELETE', `${bindings}/compute-1`)).toMatchObject({
      status: 409,
      body: neutronError('ActivePortBindingNotDeletable'),
    });
    expect(await call('GET', `/v2.0/ports/${'f'.repeat(40)}/bindings`)).toMatchObject({
      status: 404,
      body: neutronError('PortNotFound'),
    });

    const network = await call('POST', '/v2.0/networks', { network: { name: 'other' } });
    const dhcp = await call('POST', '/v2.0/ports', {
      port: { network_id: network.body.network.id, device_owner: 'network:dhcp' },
    });
    expect(await call('GET', `/v2.0/ports/${dhcp.body.port.id}/bindings`)).toMatchObject({
      status: 400,
      body: neutronError(
        'BadRequest',
        `Bad port request: Invalid port ${dhcp.body.port.id}. Operation only valid on compute ports.`,
      ),
    });
  });

  it('is for admins only, as Neutron answers other callers', async () => {
    const portId = await computePort();
    const bindings = `/v2.0/ports/${portId}/bindings`;
    expect(await call('POST', bindings, { binding: { host: 'compute-2' } }, MEMBER)).toMatchObject({
      status: 403,
      body: neutronError(
        'PolicyNotAuthorized',
        '(rule:create_port_binding) is disallowed by policy.',
      ),
    });
    expect(await call('GET', bindings, undefined, MEMBER)).toEqual({
      status: 200,
      body: { bindings: [] },
    });
    const notFound = {
      status: 404,
      body: neutronError('HTTPNotFound', 'The resource could not be found.'),
    };
    expect(await call('GET', `${bindings}/compute-1`, undefined, MEMBER)).toMatchObject(notFound);
    expect(await call('DELETE', `${bindings}/compute-1`, undefined, MEMBER)).toMatchObject(
      notFound,
    );
    await call('POST', bindings, { binding: { host: 'compute-2' } });
    expect(await call('PUT', `${bindings}/compute-2/activate`, undefined, MEMBER)).toMatchObject(
      notFound,
    );
    expect((await call('GET', `${bindings}/compute-2`)).body.binding.status).toBe('INACTIVE');
  });
});
