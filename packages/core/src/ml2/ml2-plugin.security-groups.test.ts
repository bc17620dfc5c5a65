import {
  InvalidInput,
  randomIdGenerator,
  type SecurityGroupResource,
  type SecurityGroupRuleCreateRequest,
} from '@ml2ts/driver-api';
import { createEngine, type Engine } from '../engine/create-engine';
import { freshTestDatabaseUrl, onServerDatabase } from '../test-support/test-database';
import { dumpDatabase, startTestEngine, type TestEngine } from '../test-support/test-engine';

/** The rules of a group, reduced to what they match, in the order the group shows them. */
function ruleShapes(group: SecurityGroupResource) {
  return group.security_group_rules.map((rule) => ({
    direction: rule.direction,
    ethertype: rule.ethertype,
    remote_group_id: rule.remote_group_id,
  }));
}

describe('security groups', () => {
  let engine: TestEngine;
  let second: Engine | undefined;
  afterEach(async () => {
    await second?.close();
    second = undefined;
    await engine?.close();
  });

  beforeEach(async () => {
    engine = await startTestEngine([]);
  });

  const plugin = () => engine.plugin;
  const network = (projectId = 'project-a') => plugin().createNetwork({ project_id: projectId });
  /** The default groups in the database, as their projects and ids. */
  const defaultGroups = async () =>
    (await dumpDatabase(engine)).default_security_group as Array<{
      projectId: string;
      securityGroupId: string;
    }>;

  describe("each project's default group", () => {
    it("is created by the project's first network, with Neutron's four rules, and ports join it", async () => {
      // A network without a project creates none.
      await plugin().createNetwork({});
      expect(await plugin().listSecurityGroups()).toEqual([]);
      const { id: networkId } = await network();
      expect(await plugin().listSecurityGroups()).toHaveLength(1);

      const port = await plugin().createPort({ network_id: networkId });

      const [group] = await plugin().listSecurityGroups();
      expect(group).toMatchObject({
        name: 'default',
        description: 'Default security group',
        project_id: 'project-a',
        stateful: true,
        revision_number: 1,
        tags: [],
      });
      expect(ruleShapes(group)).toEqual([
        { direction: 'ingress', ethertype: 'IPv4', remote_group_id: group.id },
        { direction: 'egress', ethertype: 'IPv4', remote_group_id: null },
        { direction: 'ingress', ethertype: 'IPv6', remote_group_id: group.id },
        { direction: 'egress', ethertype: 'IPv6', remote_group_id: null },
      ]);
      expect(group.security_group_rules[0]).toEqual({
        id: expect.any(String),
        security_group_id: group.id,
        project_id: 'project-a',
        direction: 'ingress',
        ethertype: 'IPv4',
        protocol: null,
        port_range_min: null,
        port_range_max: null,
        remote_ip_prefix: null,
        normalized_cidr: null,
        remote_group_id: group.id,
        remote_address_group_id: null,
        description: '',
        revision_number: 0,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      });
      expect(port.security_groups).toEqual([group.id]);
      expect((await plugin().getPort(port.id)).security_groups).toEqual([group.id]);
      expect((await plugin().listPorts())[0].security_groups).toEqual([group.id]);

      const again = await plugin().createPort({ network_id: networkId });
      expect(again.security_groups).toEqual([group.id]);
      expect(await defaultGroups()).toEqual([
        { projectId: 'project-a', securityGroupId: group.id },
      ]);
    });

    it("is created by listing the project's groups or rules, and by creating a group", async () => {
      const listed = await plugin().listSecurityGroups({ project_id: 'p1' });
      expect(listed.map((group) => [group.name, group.project_id])).toEqual([['default', 'p1']]);
      expect(await plugin().ensureDefaultSecurityGroup('p1')).toBe(listed[0].id);

      const rules = await plugin().listSecurityGroupRules({ project_id: 'p2' });
      expect(rules).toHaveLength(4);
      expect(new Set(rules.map((rule) => rule.project_id))).toEqual(new Set(['p2']));

      await plugin().createSecurityGroup({ name: 'web', project_id: 'p3' });
      expect(
        (await plugin().listSecurityGroups({ project_id: 'p3' })).map((group) => group.name),
      ).toEqual(['default', 'web']);
      expect((await defaultGroups()).map((row) => row.projectId).sort()).toEqual([
        'p1',
        'p2',
        'p3',
      ]);
      // Reads without a project create nothing.
      await plugin().listSecurityGroups();
      await plugin().listSecurityGroupRules();
      expect(await defaultGroups()).toHaveLength(3);
    });

    it('is created once when many first uses of the project run at once', async () => {
      if (onServerDatabase()) {
        // A second engine on the same database, whose transactions are another process's.
        // Opened first: opening it empties the database.
        second = await createEngine({
          database: (await freshTestDatabaseUrl()) ?? undefined,
          ids: randomIdGenerator,
          overrides: { ml2: { mechanism_drivers: [], tenant_network_types: ['vxlan'] } },
        });
      }
      const { id: networkId } = await network();
      const users: Array<() => Promise<unknown>> = [];
      for (let index = 0; index < 6; index += 1) {
        users.push(() => plugin().createPort({ network_id: networkId }));
        users.push(() => plugin().ensureDefaultSecurityGroup('project-a'));
        const other = second?.plugin;
        if (other) {
          users.push(() => other.createPort({ network_id: networkId }));
          users.push(() => other.listSecurityGroups({ project_id: 'project-a' }));
        }
      }
      await Promise.all(users.map((use) => use()));

      const defaults = await defaultGroups();
      expect(defaults).toHaveLength(1);
      const groups = await plugin().listSecurityGroups();
      expect(groups.map((group) => group.id)).toEqual([defaults[0].securityGroupId]);
      expect(groups[0].security_group_rules).toHaveLength(4);
      for (const port of await plugin().listPorts()) {
        expect(port.security_groups).toEqual([defaults[0].securityGroupId]);
      }
    });

    it('goes with a failed port or network create that created it', async () => {
      const { id: networkId } = await network();
      const before = await dumpDatabase(engine);
      await expect(
        plugin().createPort({
          network_id: networkId,
          project_id: 'project-b',
          fixed_ips: [{ subnet_id: 'nope' }],
        }),
      ).rejects.toMatchObject({ httpStatus: 404 });
      await expect(
        plugin().createNetwork({ project_id: 'project-c', mtu: 100_000 }),
      ).rejects.toMatchObject({ httpStatus: 400 });
      expect(await dumpDatabase(engine)).toEqual(before);
    });

    it('may be deleted when unused unless the caller says it may not, and comes back on next use', async () => {
      const id = await plugin().ensureDefaultSecurityGroup('p1');
      await expect(
        plugin().deleteSecurityGroup(id, { mayRemoveDefault: false }),
      ).rejects.toMatchObject({ type: 'SecurityGroupCannotRemoveDefault', httpStatus: 409 });
      await plugin().deleteSecurityGroup(id);
      expect(await plugin().listSecurityGroups()).toEqual([]);
      expect((await dumpDatabase(engine)).securitygrouprules).toEqual([]);
      const recreated = await plugin().ensureDefaultSecurityGroup('p1');
      expect(recreated).not.toBe(id);
    });

    it('keeps its name', async () => {
      const id = await plugin().ensureDefaultSecurityGroup('p1');
      await expect(plugin().updateSecurityGroup(id, { name: 'other' })).rejects.toMatchObject({
        type: 'SecurityGroupCannotUpdateDefault',
        httpStatus: 409,
      });
      const updated = await plugin().updateSecurityGroup(id, { description: 'ours' });
      expect(updated).toMatchObject({ name: 'default', description: 'ours', revision_number: 2 });
    });
  });

  describe('groups', () => {
    it('are created with two egress rules at revision 1, stateful unless told otherwise', async () => {
      engine.clock.advance(3);
      const group = await plugin().createSecurityGroup({
        name: 'web',
        description: 'front ends',
        tenant_id: 'p1',
        tags: ['b', 'a'],
      });
      expect(group).toMatchObject({
        name: 'web',
        description: 'front ends',
        project_id: 'p1',
        stateful: true,
        tags: ['a', 'b'],
        revision_number: 1,
        created_at: '2026-01-01T00:00:03Z',
        updated_at: '2026-01-01T00:00:03Z',
      });
      expect(ruleShapes(group)).toEqual([
        { direction: 'egress', ethertype: 'IPv4', remote_group_id: null },
        { direction: 'egress', ethertype: 'IPv6', remote_group_id: null },
      ]);
      expect(await plugin().getSecurityGroup(group.id)).toEqual(group);
      const stateless = await plugin().createSecurityGroup({ project_id: 'p1', stateful: false });
      expect(stateless).toMatchObject({ name: '', description: '', stateful: false });
    });

    it.each(['default', 'Default', 'DEFAULT'])('refuses the name %s', async (name) => {
      await expect(plugin().createSecurityGroup({ name })).rejects.toMatchObject({
        type: 'SecurityGroupDefaultAlreadyExists',
        httpStatus: 409,
      });
      const group = await plugin().createSecurityGroup({ name: 'web' });
      await expect(plugin().updateSecurityGroup(group.id, { name })).rejects.toMatchObject({
        type: 'SecurityGroupDefaultAlreadyExists',
      });
    });

    it('refuses unknown and read-only attributes before any database work', async () => {
      const before = await dumpDatabase(engine);
      const untyped = plugin() as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const request of [
        { colour: 'red' },
        { id: '00000000-0000-4000-8000-00000000ffff' },
        { security_group_rules: [] },
        { stateful: 'yes' },
        { name: 'x'.repeat(256) },
      ]) {
        await expect(untyped.createSecurityGroup(request)).rejects.toBeInstanceOf(InvalidInput);
      }
      expect(await dumpDatabase(engine)).toEqual(before);
      const group = await plugin().createSecurityGroup({ name: 'web' });
      await expect(untyped.updateSecurityGroup(group.id, { project_id: 'x' })).rejects.toThrow(
        /cannot be updated/,
      );
    });

    it('are updated with their revision moving; stateful cannot change while ports use them', async () => {
      const { id: networkId } = await network();
      const group = await plugin().createSecurityGroup({ name: 'web', project_id: 'project-a' });
      engine.clock.advance(10);
      const renamed = await plugin().updateSecurityGroup(group.id, {
        name: 'www',
        description: 'd',
        stateful: false,
      });
      expect(renamed).toMatchObject({
        name: 'www',
        description: 'd',
        stateful: false,
        revision_number: 2,
        updated_at: '2026-01-01T00:00:10Z',
      });
      await plugin().createPort({ network_id: networkId, security_groups: [group.id] });
      await expect(
        plugin().updateSecurityGroup(group.id, { stateful: true }),
      ).rejects.toMatchObject({ type: 'SecurityGroupInUse', httpStatus: 409 });
      // The same value is no change.
      await plugin().updateSecurityGroup(group.id, { stateful: false, name: 'w' });
      await expect(
        plugin().updateSecurityGroup('00000000-0000-4000-8000-00000000ffff', { name: 'x' }),
      ).rejects.toMatchObject({ type: 'SecurityGroupNotFound', httpStatus: 404 });
    });

    it('cannot be deleted while a port is in them, and take their rules and remote rules along', async () => {
      const { id: networkId } = await network();
      const web = await plugin().createSecurityGroup({ name: 'web', project_id: 'project-a' });
      const db = await plugin().createSecurityGroup({ name: 'db', project_id: 'project-a' });
      await plugin().createSecurityGroupRule({
        security_group_id: db.id,
        direction: 'ingress',
        remote_group_id: web.id,
      });
      const dbRevision = (await plugin().getSecurityGroup(db.id)).revision_number;
      const port = await plugin().createPort({ network_id: networkId, security_groups: [web.id] });
      await expect(plugin().deleteSecurityGroup(web.id)).rejects.toMatchObject({
        type: 'SecurityGroupInUse',
        httpStatus: 409,
      });
      await plugin().updatePort(port.id, { security_groups: [] });

      await plugin().deleteSecurityGroup(web.id);

      await expect(plugin().getSecurityGroup(web.id)).rejects.toMatchObject({
        type: 'SecurityGroupNotFound',
      });
      const rules = (await dumpDatabase(engine)).securitygrouprules as Array<{
        securityGroupId: string;
        remoteGroupId: string | null;
      }>;
      expect(rules.filter((rule) => rule.securityGroupId === web.id)).toEqual([]);
      expect(rules.filter((rule) => rule.remoteGroupId === web.id)).toEqual([]);
      const after = await plugin().getSecurityGroup(db.id);
      expect(after.revision_number).toBe(dbRevision + 1);
      expect(ruleShapes(after)).toHaveLength(2);
      await expect(plugin().deleteSecurityGroup(web.id)).rejects.toMatchObject({
        type: 'SecurityGroupNotFound',
        httpStatus: 404,
      });
    });
  });

  describe('ports', () => {
    it('join the default group, the named groups, or none', async () => {
      const { id: networkId } = await network();
      const web = await plugin().createSecurityGroup({ name: 'web', project_id: 'project-a' });
      const db = await plugin().createSecurityGroup({ name: 'db', project_id: 'project-a' });
      const defaultId = await plugin().ensureDefaultSecurityGroup('project-a');

      const plain = await plugin().createPort({ network_id: networkId });
      const named = await plugin().createPort({
        network_id: networkId,
        security_groups: [web.id, db.id],
      });
      const none = await plugin().createPort({ network_id: networkId, security_groups: [] });
      const dhcp = await plugin().createPort({
        network_id: networkId,
        device_owner: 'network:dhcp',
        security_groups: [web.id],
      });
      const unsecured = await plugin().createPort({
        network_id: networkId,
        port_security_enabled: false,
      });

      expect(plain.security_groups).toEqual([defaultId]);
      expect(named.security_groups).toEqual([web.id, db.id].sort());
      expect(none.security_groups).toEqual([]);
      expect(dhcp.security_groups).toEqual([]);
      expect(unsecured.security_groups).toEqual([]);
      for (const port of [plain, named, none, dhcp, unsecured]) {
        expect((await plugin().getPort(port.id)).security_groups).toEqual(port.security_groups);
      }
      expect((await plugin().listPorts()).map((port) => port.security_groups)).toEqual([
        [defaultId],
        [web.id, db.id].sort(),
        [],
        [],
        [],
      ]);
    });

    it('refuse unknown groups, mixed stateful and stateless groups, and groups without port security', async () => {
      const { id: networkId } = await network();
      const stateless = await plugin().createSecurityGroup({
        project_id: 'project-a',
        stateful: false,
      });
      const stateful = await plugin().createSecurityGroup({ project_id: 'project-a' });
      const before = await dumpDatabase(engine);
      const unknown = [
        '00000000-0000-4000-8000-00000000fff1',
        '00000000-0000-4000-8000-00000000fff2',
      ];
      await expect(
        plugin().createPort({ network_id: networkId, security_groups: [stateful.id, ...unknown] }),
      ).rejects.toMatchObject({
        type: 'SecurityGroupNotFound',
        httpStatus: 404,
        message: expect.stringContaining(unknown.join(', ')),
      });
      await expect(
        plugin().createPort({
          network_id: networkId,
          security_groups: [stateful.id, stateless.id],
        }),
      ).rejects.toMatchObject({ type: 'SecurityGroupConflict', httpStatus: 409 });
      await expect(
        plugin().createPort({
          network_id: networkId,
          port_security_enabled: false,
          security_groups: [stateful.id],
        }),
      ).rejects.toMatchObject({
        type: 'PortSecurityAndIPRequiredForSecurityGroups',
        httpStatus: 400,
      });
      expect(await dumpDatabase(engine)).toEqual(before);
    });

    it('change groups on update, moving the revision, and lose their memberships with them', async () => {
      const { id: networkId } = await network();
      const web = await plugin().createSecurityGroup({ name: 'web', project_id: 'project-a' });
      const port = await plugin().createPort({ network_id: networkId });
      const defaultId = port.security_groups[0];

      const moved = await plugin().updatePort(port.id, { security_groups: [web.id] });
      expect(moved.security_groups).toEqual([web.id]);
      expect(moved.revision_number).toBe(port.revision_number + 1);
      expect((await plugin().getPort(port.id)).security_groups).toEqual([web.id]);
      // Other updates keep them.
      expect((await plugin().updatePort(port.id, { name: 'n' })).security_groups).toEqual([web.id]);
      await expect(
        plugin().updatePort(port.id, { security_groups: ['00000000-0000-4000-8000-00000000ffff'] }),
      ).rejects.toMatchObject({ type: 'SecurityGroupNotFound' });
      await expect(
        plugin().updatePort(port.id, { port_security_enabled: false }),
      ).rejects.toMatchObject({ type: 'PortSecurityPortHasSecurityGroup', httpStatus: 409 });
      expect((await plugin().getPort(port.id)).security_groups).toEqual([web.id]);
      expect(
        (await plugin().updatePort(port.id, { security_groups: [], port_security_enabled: false }))
          .security_groups,
      ).toEqual([]);
      await plugin().updatePort(port.id, { security_groups: [defaultId, web.id] });

      await plugin().deletePort(port.id);
      expect((await dumpDatabase(engine)).securitygroupportbindings).toEqual([]);
      await plugin().deleteSecurityGroup(web.id);
    });
  });

  describe('rules', () => {
    let groupId: string;
    beforeEach(async () => {
      groupId = (await plugin().createSecurityGroup({ name: 'web', project_id: 'p1' })).id;
    });
    const rule = (request: Partial<SecurityGroupRuleCreateRequest>) =>
      plugin().createSecurityGroupRule({
        security_group_id: groupId,
        direction: 'ingress',
        ...request,
      });

    it("are created as Neutron stores them, moving their group's revision", async () => {
      engine.clock.advance(4);
      const ssh = await rule({ protocol: 'TCP', port_range_min: 22, port_range_max: 22 });
      expect(ssh).toEqual({
        id: expect.any(String),
        security_group_id: groupId,
        project_id: 'p1',
        direction: 'ingress',
        ethertype: 'IPv4',
        protocol: 'tcp',
        port_range_min: 22,
        port_range_max: 22,
        remote_ip_prefix: null,
        normalized_cidr: null,
        remote_group_id: null,
        remote_address_group_id: null,
        description: '',
        revision_number: 0,
        created_at: '2026-01-01T00:00:04Z',
        updated_at: '2026-01-01T00:00:04Z',
      });
      expect(await plugin().getSecurityGroupRule(ssh.id)).toEqual(ssh);
      const group = await plugin().getSecurityGroup(groupId);
      expect(group.revision_number).toBe(2);
      expect(group.updated_at).toBe('2026-01-01T00:00:04Z');
      expect(group.security_group_rules.at(-1)).toEqual(ssh);

      expect(
        await rule({ ethertype: 'ipv6', protocol: 'icmp', remote_ip_prefix: '2001:DB8::1/64' }),
      ).toMatchObject({
        ethertype: 'IPv6',
        protocol: 'ipv6-icmp',
        remote_ip_prefix: '2001:db8::1/64',
        normalized_cidr: '2001:db8::/64',
      });
      expect(await rule({ protocol: 1, remote_ip_prefix: '10.0.0.5' })).toMatchObject({
        protocol: '1',
        remote_ip_prefix: '10.0.0.5/32',
        normalized_cidr: '10.0.0.5/32',
      });
      expect(
        await rule({ protocol: 'udp', port_range_min: 1, port_range_max: 65535, project_id: 'p9' }),
      ).toMatchObject({
        protocol: 'udp',
        port_range_min: null,
        port_range_max: null,
        project_id: 'p9',
      });
      expect(
        await rule({
          protocol: 'icmp',
          port_range_min: 8,
          port_range_max: 0,
          remote_group_id: groupId,
        }),
      ).toMatchObject({ port_range_min: 8, port_range_max: 0, remote_group_id: groupId });
      expect(await rule({ direction: 'egress', protocol: '47', description: 'gre' })).toMatchObject(
        {
          protocol: '47',
          description: 'gre',
        },
      );
    });

    it.each<[string, Partial<SecurityGroupRuleCreateRequest>, string, number]>([
      [
        'a port range without protocol',
        { port_range_min: 22, port_range_max: 22 },
        'SecurityGroupProtocolRequiredWithPorts',
        400,
      ],
      [
        'a reversed port range',
        { protocol: 'tcp', port_range_min: 80, port_range_max: 22 },
        'SecurityGroupInvalidPortRange',
        400,
      ],
      [
        'half a port range',
        { protocol: 'udp', port_range_min: 80 },
        'SecurityGroupInvalidPortRange',
        400,
      ],
      [
        'port 0',
        { protocol: 'tcp', port_range_min: 0, port_range_max: 10 },
        'SecurityGroupInvalidPortValue',
        400,
      ],
      [
        'a port over 65535',
        { protocol: 'tcp', port_range_min: 1, port_range_max: 65536 },
        'SecurityGroupInvalidPortValue',
        400,
      ],
      [
        'ports on GRE',
        { protocol: 'gre', port_range_min: 1, port_range_max: 2 },
        'SecurityGroupInvalidProtocolForPort',
        400,
      ],
      [
        'an ICMP type over 255',
        { protocol: 'icmp', port_range_min: 256 },
        'SecurityGroupInvalidIcmpValue',
        400,
      ],
      [
        'an ICMP code without type',
        { protocol: 'icmp', port_range_max: 3 },
        'SecurityGroupMissingIcmpType',
        400,
      ],
      ['an unknown protocol', { protocol: 'tcpx' }, 'SecurityGroupRuleInvalidProtocol', 400],
      ['protocol 256', { protocol: 256 }, 'SecurityGroupRuleInvalidProtocol', 400],
      ['an unknown ethertype', { ethertype: 'IPv5' }, 'SecurityGroupRuleInvalidEtherType', 400],
      [
        'an IPv6 prefix on IPv4',
        { remote_ip_prefix: '2001:db8::/64' },
        'SecurityGroupRuleParameterConflict',
        400,
      ],
      ['a malformed prefix', { remote_ip_prefix: '10.0.0.0/33' }, 'InvalidCIDR', 400],
      ['ICMPv6 on IPv4', { protocol: 'icmpv6' }, 'SecurityGroupEthertypeConflictWithProtocol', 400],
      [
        'a prefix and a remote group',
        { remote_ip_prefix: '10.0.0.0/8', remote_group_id: 'x' },
        'SecurityGroupMultipleRemoteEntites',
        400,
      ],
      ['an address group', { remote_address_group_id: 'x' } as never, 'InvalidInput', 400],
      ['an unknown direction', { direction: 'sideways' } as never, 'InvalidInput', 400],
      [
        'an unknown remote group',
        { remote_group_id: '00000000-0000-4000-8000-00000000ffff' },
        'SecurityGroupNotFound',
        404,
      ],
      [
        'an unknown group',
        { security_group_id: '00000000-0000-4000-8000-00000000ffff' },
        'SecurityGroupNotFound',
        404,
      ],
    ])('refuses %s, writing nothing', async (_label, request, type, httpStatus) => {
      const before = await dumpDatabase(engine);
      await expect(rule(request)).rejects.toMatchObject({ type, httpStatus });
      expect(await dumpDatabase(engine)).toEqual(before);
    });

    it('refuses a rule the group has already, however it is spelled', async () => {
      const tcp = await rule({ protocol: 'tcp', port_range_min: 22, port_range_max: 22 });
      const any = await rule({ direction: 'egress', ethertype: 'IPv4', protocol: 'udp' });
      const revision = (await plugin().getSecurityGroup(groupId)).revision_number;
      for (const [request, existing] of [
        [{ protocol: '6', port_range_min: 22, port_range_max: 22 }, tcp.id],
        [
          { protocol: 6, port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' },
          tcp.id,
        ],
        [{ direction: 'egress', protocol: 'UDP', description: 'other words' }, any.id],
      ] as const) {
        await expect(rule(request)).rejects.toMatchObject({
          type: 'SecurityGroupRuleExists',
          httpStatus: 409,
          message: expect.stringContaining(existing),
        });
      }
      expect((await plugin().getSecurityGroup(groupId)).revision_number).toBe(revision);
      // Another group may have the same rule; another prefix is another rule.
      const other = await plugin().createSecurityGroup({ project_id: 'p1' });
      await plugin().createSecurityGroupRule({
        security_group_id: other.id,
        direction: 'ingress',
        protocol: 'tcp',
        port_range_min: 22,
        port_range_max: 22,
      });
      await rule({
        protocol: 'tcp',
        port_range_min: 22,
        port_range_max: 22,
        remote_ip_prefix: '10.0.0.0/8',
      });
    });

    it("are deleted, moving their group's revision, and listed by group or project", async () => {
      const ssh = await rule({ protocol: 'tcp', port_range_min: 22, port_range_max: 22 });
      const foreign = await rule({
        protocol: 'tcp',
        port_range_min: 80,
        port_range_max: 80,
        project_id: 'p2',
      });
      const revision = (await plugin().getSecurityGroup(groupId)).revision_number;

      const ofGroup = await plugin().listSecurityGroupRules({ security_group_id: groupId });
      expect(ofGroup.map((one) => one.id)).toContain(ssh.id);
      expect(ofGroup).toHaveLength(4);
      // p2 sees its own rule in p1's group, and its default group's.
      const ofP2 = await plugin().listSecurityGroupRules({ project_id: 'p2' });
      expect(ofP2.map((one) => one.id)).toContain(foreign.id);
      expect(ofP2).toHaveLength(5);
      expect(await plugin().listSecurityGroupRules({ project_id: 'p1' })).toHaveLength(8);

      await plugin().deleteSecurityGroupRule(ssh.id);
      await expect(plugin().getSecurityGroupRule(ssh.id)).rejects.toMatchObject({
        type: 'SecurityGroupRuleNotFound',
        httpStatus: 404,
      });
      await expect(plugin().deleteSecurityGroupRule(ssh.id)).rejects.toMatchObject({
        type: 'SecurityGroupRuleNotFound',
      });
      expect((await plugin().getSecurityGroup(groupId)).revision_number).toBe(revision + 1);
    });
  });
});
