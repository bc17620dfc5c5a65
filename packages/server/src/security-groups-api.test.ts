import { buildTestServer, type TestServer } from './test-support/build-test-server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the security group and rule collections', () => {
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
  const errorOf = (type: string) => ({
    NeutronError: { type, message: expect.any(String), detail: '' },
  });
  const alice = { 'x-project-id': 'alice', 'x-roles': 'member' };
  const bob = { 'x-project-id': 'bob', 'x-roles': 'member' };

  beforeEach(async () => {
    server = await buildTestServer();
  });
  afterEach(() => server.close());

  it("creates, shows, updates and deletes a group, with Neutron's fields", async () => {
    const created = await call('POST', '/v2.0/security-groups', {
      security_group: { name: 'web', description: 'front ends', stateful: 'true' },
    });
    expect(created.status).toBe(201);
    const group = created.body.security_group;
    expect(group).toEqual({
      id: expect.any(String),
      name: 'web',
      description: 'front ends',
      project_id: 'fake_project_id',
      tenant_id: 'fake_project_id',
      stateful: true,
      shared: false,
      tags: [],
      revision_number: 1,
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
      // Rules of one create are ordered by id.
      security_group_rules: expect.arrayContaining([
        expect.objectContaining({ direction: 'egress', ethertype: 'IPv4' }),
        expect.objectContaining({ direction: 'egress', ethertype: 'IPv6' }),
      ]),
    });
    expect(group.security_group_rules).toHaveLength(2);
    const ipv4 = group.security_group_rules.find((rule: Json) => rule.ethertype === 'IPv4');
    expect(ipv4).toEqual({
      id: expect.any(String),
      security_group_id: group.id,
      project_id: 'fake_project_id',
      tenant_id: 'fake_project_id',
      direction: 'egress',
      ethertype: 'IPv4',
      protocol: null,
      port_range_min: null,
      port_range_max: null,
      remote_ip_prefix: null,
      normalized_cidr: null,
      remote_group_id: null,
      remote_address_group_id: null,
      description: '',
      revision_number: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect((await call('GET', `/v2.0/security-groups/${group.id}`)).body).toEqual({
      security_group: group,
    });

    const updated = await call('PUT', `/v2.0/security-groups/${group.id}`, {
      security_group: { name: 'www', stateful: 'False' },
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { security_group: { name: 'www', stateful: false, revision_number: 2 } },
    });
    expect(
      await call('PUT', `/v2.0/security-groups/${group.id}`, {
        security_group: { name: 'default' },
      }),
    ).toMatchObject({ status: 409, body: errorOf('SecurityGroupDefaultAlreadyExists') });

    expect((await call('DELETE', `/v2.0/security-groups/${group.id}`)).status).toBe(204);
    expect(await call('GET', `/v2.0/security-groups/${group.id}`)).toMatchObject({
      status: 404,
      body: errorOf('SecurityGroupNotFound'),
    });
  });

  it("lists the caller's default group, created by the first list, with its four rules", async () => {
    const listed = await call('GET', '/v2.0/security-groups');
    expect(listed.status).toBe(200);
    expect(listed.body.security_groups).toHaveLength(1);
    const [group] = listed.body.security_groups;
    expect(group).toMatchObject({
      name: 'default',
      description: 'Default security group',
      project_id: 'fake_project_id',
    });
    // Rules of one create are ordered by id.
    const rules = group.security_group_rules.map((rule: Json) => [
      rule.direction,
      rule.ethertype,
      rule.remote_group_id,
    ]);
    expect(rules).toHaveLength(4);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['ingress', 'IPv4', group.id],
        ['egress', 'IPv4', null],
        ['ingress', 'IPv6', group.id],
        ['egress', 'IPv6', null],
      ]),
    );
    expect((await call('GET', '/v2.0/security-groups')).body.security_groups).toHaveLength(1);
    expect(
      (await call('GET', '/v2.0/security-groups?name=default&fields=id&fields=name')).body,
    ).toEqual({ security_groups: [{ id: group.id, name: 'default' }] });
    expect(
      await call('POST', '/v2.0/security-groups', { security_group: { name: 'Default' } }),
    ).toMatchObject({ status: 409, body: errorOf('SecurityGroupDefaultAlreadyExists') });
  });

  it('creates groups in bulk, all or none, and tags them', async () => {
    const bulk = await call('POST', '/v2.0/security-groups', {
      security_groups: [{ name: 'a' }, { name: 'b', tags: ['x'] }],
    });
    expect(bulk.status).toBe(201);
    expect(bulk.body.security_groups.map((group: Json) => group.name)).toEqual(['a', 'b']);
    const refused = await call('POST', '/v2.0/security-groups', {
      security_groups: [{ name: 'c' }, { name: 'default' }],
    });
    expect(refused.status).toBe(409);
    const names = (await call('GET', '/v2.0/security-groups')).body.security_groups.map(
      (group: Json) => group.name,
    );
    expect(names.sort()).toEqual(['a', 'b', 'default']);

    const id = bulk.body.security_groups[0].id;
    expect(
      await call('PUT', `/v2.0/security-groups/${id}/tags`, { tags: ['red', 'blue'] }),
    ).toMatchObject({ status: 200, body: { tags: ['blue', 'red'] } });
    expect((await call('PUT', `/v2.0/security-groups/${id}/tags/green`)).status).toBe(201);
    expect((await call('GET', `/v2.0/security-groups/${id}/tags/green`)).status).toBe(204);
    expect((await call('GET', `/v2.0/security-groups?tags=green`)).body.security_groups).toEqual([
      expect.objectContaining({ id, tags: ['blue', 'green', 'red'], revision_number: 3 }),
    ]);
    expect((await call('DELETE', `/v2.0/security-groups/${id}/tags`)).status).toBe(204);
    expect((await call('GET', `/v2.0/security-groups/${id}/tags`)).body).toEqual({ tags: [] });
  });

  it('creates, lists, shows and deletes rules; refuses duplicates, bad values and updates', async () => {
    const group = (await call('POST', '/v2.0/security-groups', { security_group: { name: 'web' } }))
      .body.security_group;
    const ssh = {
      security_group_id: group.id,
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      port_range_min: '22',
      port_range_max: 22,
      remote_ip_prefix: '0.0.0.0/0',
    };
    const created = await call('POST', '/v2.0/security-group-rules', {
      security_group_rule: ssh,
    });
    expect(created.status).toBe(201);
    const rule = created.body.security_group_rule;
    expect(rule).toMatchObject({
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: '0.0.0.0/0',
      normalized_cidr: '0.0.0.0/0',
      tenant_id: 'fake_project_id',
      revision_number: 0,
    });
    expect(
      await call('POST', '/v2.0/security-group-rules', {
        security_group_rule: { ...ssh, protocol: '6', remote_ip_prefix: null },
      }),
    ).toMatchObject({ status: 409, body: errorOf('SecurityGroupRuleExists') });
    expect(
      await call('POST', '/v2.0/security-group-rules', {
        security_group_rule: { ...ssh, protocol: 'tcpx' },
      }),
    ).toMatchObject({ status: 400, body: errorOf('SecurityGroupRuleInvalidProtocol') });
    expect(
      await call('POST', '/v2.0/security-group-rules', {
        security_group_rule: { ...ssh, port_range_min: 'twenty' },
      }),
    ).toMatchObject({ status: 400, body: errorOf('SecurityGroupInvalidPortValue') });
    expect(
      await call('POST', '/v2.0/security-group-rules', {
        security_group_rule: { ...ssh, remote_ip_prefix: '::/0' },
      }),
    ).toMatchObject({ status: 400, body: errorOf('SecurityGroupRuleParameterConflict') });

    expect(
      (await call('GET', `/v2.0/security-groups/${group.id}`)).body.security_group,
    ).toMatchObject({ revision_number: 2, security_group_rules: expect.arrayContaining([rule]) });
    expect((await call('GET', `/v2.0/security-group-rules/${rule.id}`)).body).toEqual({
      security_group_rule: rule,
    });
    const tcpRules = await call(
      'GET',
      `/v2.0/security-group-rules?security_group_id=${group.id}&protocol=TCP&port_range_min=22`,
    );
    expect(tcpRules.body.security_group_rules).toEqual([rule]);
    expect(
      (await call('GET', `/v2.0/security-group-rules?security_group_id=${group.id}`)).body
        .security_group_rules,
    ).toHaveLength(3);
    expect(
      await call('PUT', `/v2.0/security-group-rules/${rule.id}`, {
        security_group_rule: { description: 'x' },
      }),
    ).toMatchObject({ status: 405 });

    expect((await call('DELETE', `/v2.0/security-group-rules/${rule.id}`)).status).toBe(204);
    expect(await call('GET', `/v2.0/security-group-rules/${rule.id}`)).toMatchObject({
      status: 404,
      body: errorOf('SecurityGroupRuleNotFound'),
    });
    expect(
      (await call('GET', `/v2.0/security-groups/${group.id}`)).body.security_group,
    ).toMatchObject({ revision_number: 3 });
  });

  it("shows a port in its project's default group, or in the groups it names", async () => {
    const network = (await call('POST', '/v2.0/networks', { network: { name: 'n' } })).body.network;
    const port = (await call('POST', '/v2.0/ports', { port: { network_id: network.id } })).body
      .port;
    const [defaultGroup] = (await call('GET', '/v2.0/security-groups')).body.security_groups;
    expect(port.security_groups).toEqual([defaultGroup.id]);
    expect((await call('GET', `/v2.0/ports/${port.id}`)).body.port.security_groups).toEqual([
      defaultGroup.id,
    ]);

    const web = (await call('POST', '/v2.0/security-groups', { security_group: { name: 'web' } }))
      .body.security_group;
    const updated = await call('PUT', `/v2.0/ports/${port.id}`, {
      port: { security_groups: [web.id] },
    });
    expect(updated.body.port.security_groups).toEqual([web.id]);
    expect(
      (await call('GET', `/v2.0/ports?security_groups=${web.id}`)).body.ports.map(
        (one: Json) => one.id,
      ),
    ).toEqual([port.id]);
    expect(await call('DELETE', `/v2.0/security-groups/${web.id}`)).toMatchObject({
      status: 409,
      body: errorOf('SecurityGroupInUse'),
    });
    expect(
      await call('POST', '/v2.0/ports', {
        port: { network_id: network.id, security_groups: ['no-such-group'] },
      }),
    ).toMatchObject({ status: 404, body: errorOf('SecurityGroupNotFound') });
    const bare = await call('POST', '/v2.0/ports', {
      port: { network_id: network.id, security_groups: [] },
    });
    expect(bare.body.port.security_groups).toEqual([]);
  });

  it('keeps projects to their own groups and rules, and only admins remove a default group', async () => {
    const aliceGroups = (await call('GET', '/v2.0/security-groups', undefined, alice)).body
      .security_groups;
    expect(aliceGroups.map((group: Json) => [group.name, group.project_id])).toEqual([
      ['default', 'alice'],
    ]);
    const aliceDefault = aliceGroups[0].id;
    const bobsRules = (await call('GET', '/v2.0/security-group-rules', undefined, bob)).body
      .security_group_rules;
    expect(bobsRules).toHaveLength(4);
    expect(bobsRules.every((rule: Json) => rule.project_id === 'bob')).toBe(true);

    // Bob can neither see Alice's group nor use it.
    expect(
      await call('GET', `/v2.0/security-groups/${aliceDefault}`, undefined, bob),
    ).toMatchObject({ status: 404, body: errorOf('SecurityGroupNotFound') });
    expect(
      await call(
        'POST',
        '/v2.0/security-group-rules',
        { security_group_rule: { security_group_id: aliceDefault, direction: 'ingress' } },
        bob,
      ),
    ).toMatchObject({ status: 404, body: errorOf('SecurityGroupNotFound') });
    const network = (await call('POST', '/v2.0/networks', { network: { name: 'bobs' } }, bob)).body
      .network;
    expect(
      await call(
        'POST',
        '/v2.0/ports',
        { port: { network_id: network.id, security_groups: [aliceDefault] } },
        bob,
      ),
    ).toMatchObject({ status: 404, body: errorOf('SecurityGroupNotFound') });

    // The admin sees everything and may remove a default group; Alice may not.
    const all = (await call('GET', '/v2.0/security-groups')).body.security_groups;
    expect(all.map((group: Json) => group.project_id).sort()).toEqual([
      'alice',
      'bob',
      'fake_project_id',
    ]);
    expect(
      await call('DELETE', `/v2.0/security-groups/${aliceDefault}`, undefined, alice),
    ).toMatchObject({ status: 409, body: errorOf('SecurityGroupCannotRemoveDefault') });
    expect((await call('DELETE', `/v2.0/security-groups/${aliceDefault}`)).status).toBe(204);
  });
});
