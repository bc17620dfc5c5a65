import {
  InvalidInput,
  NetworkNotFound,
  PortNotFound,
  SecurityGroupNotFound,
  SubnetNotFound,
  type TaggableResourceType,
  TagNotFound,
} from '@ml2ts/driver-api';
import { dumpDatabase, startTestEngine, type TestEngine } from '../test-support/test-engine';

describe('tags of networks, subnets, ports and security groups', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  beforeEach(async () => {
    engine = await startTestEngine([]);
  });

  /** One network, subnet, port and security group, created with tags. */
  async function resources() {
    const network = await engine.plugin.createNetwork({ tags: ['net-b', 'net-a'] });
    const subnet = await engine.plugin.createSubnet({
      network_id: network.id,
      cidr: '10.0.0.0/24',
      tags: ['sub'],
    });
    const port = await engine.plugin.createPort({ network_id: network.id, tags: ['z', 'a'] });
    const group = await engine.plugin.createSecurityGroup({ name: 'web', tags: ['sg'] });
    return { network, subnet, port, group };
  }

  /** The revision of the resource as the API shows it now. */
  async function revisionOf(type: TaggableResourceType, id: string): Promise<number> {
    switch (type) {
      case 'networks':
        return (await engine.plugin.getNetwork(id)).revision_number;
      case 'subnets':
        return (await engine.plugin.getSubnet(id)).revision_number;
      case 'ports':
        return (await engine.plugin.getPort(id)).revision_number;
      case 'security-groups':
        return (await engine.plugin.getSecurityGroup(id)).revision_number;
    }
  }

  it('stores the tags a create gives and shows them sorted', async () => {
    const { network, subnet, port, group } = await resources();
    expect(network.tags).toEqual(['net-a', 'net-b']);
    expect(subnet.tags).toEqual(['sub']);
    expect(port.tags).toEqual(['a', 'z']);
    expect(group.tags).toEqual(['sg']);
    expect((await engine.plugin.getSecurityGroup(group.id)).tags).toEqual(['sg']);
    expect((await engine.plugin.getNetwork(network.id)).tags).toEqual(['net-a', 'net-b']);
    expect((await engine.plugin.getSubnet(subnet.id)).tags).toEqual(['sub']);
    expect((await engine.plugin.getPort(port.id)).tags).toEqual(['a', 'z']);
    expect((await engine.plugin.listNetworks()).map((row) => row.tags)).toEqual([
      ['net-a', 'net-b'],
    ]);
    expect((await engine.plugin.listPorts()).map((row) => row.tags)).toEqual([['a', 'z']]);
    // Updates and bindings keep them.
    expect((await engine.plugin.updatePort(port.id, { name: 'p' })).tags).toEqual(['a', 'z']);
    expect((await engine.plugin.updateNetwork(network.id, { name: 'n' })).tags).toEqual([
      'net-a',
      'net-b',
    ]);
    expect((await engine.plugin.updateSubnet(subnet.id, { description: 'd' })).tags).toEqual([
      'sub',
    ]);
  });

  it.each(['networks', 'subnets', 'ports', 'security-groups'] as const)(
    'replaces, adds, checks and removes tags of %s, each change moving the revision',
    async (type) => {
      const created = await resources();
      const id = {
        networks: created.network,
        subnets: created.subnet,
        ports: created.port,
        'security-groups': created.group,
      }[type].id;
      const before = await revisionOf(type, id);
      engine.clock.advance(5);

      expect(await engine.plugin.replaceTags(type, id, ['red', 'blue'])).toEqual(['blue', 'red']);
      expect(await engine.plugin.getTags(type, id)).toEqual(['blue', 'red']);
      expect(await revisionOf(type, id)).toBe(before + 1);

      await engine.plugin.addTag(type, id, 'green');
      await engine.plugin.addTag(type, id, 'green');
      expect(await engine.plugin.getTags(type, id)).toEqual(['blue', 'green', 'red']);
      expect(await revisionOf(type, id)).toBe(before + 3);
      await expect(engine.plugin.checkTag(type, id, 'green')).resolves.toBeUndefined();
      await expect(engine.plugin.checkTag(type, id, 'Green')).rejects.toBeInstanceOf(TagNotFound);

      await engine.plugin.removeTag(type, id, 'red');
      expect(await engine.plugin.getTags(type, id)).toEqual(['blue', 'green']);
      await expect(engine.plugin.removeTag(type, id, 'red')).rejects.toMatchObject({
        type: 'TagNotFound',
        httpStatus: 404,
      });
      // The refused removal wrote nothing, not even the revision.
      expect(await revisionOf(type, id)).toBe(before + 4);

      await engine.plugin.removeAllTags(type, id);
      expect(await engine.plugin.getTags(type, id)).toEqual([]);
      expect(await revisionOf(type, id)).toBe(before + 5);
    },
  );

  it("moves the resource's updated_at with a tag change", async () => {
    const { network } = await resources();
    engine.clock.advance(7);
    await engine.plugin.addTag('networks', network.id, 'x');
    expect(await engine.plugin.getNetwork(network.id)).toMatchObject({
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:07Z',
    });
  });

  it.each([
    ['networks', NetworkNotFound],
    ['subnets', SubnetNotFound],
    ['ports', PortNotFound],
    ['security-groups', SecurityGroupNotFound],
  ] as const)('answers an unknown one of %s with its NotFound', async (type, notFound) => {
    const unknown = '00000000-0000-4000-8000-00000000ffff';
    for (const call of [
      () => engine.plugin.getTags(type, unknown),
      () => engine.plugin.checkTag(type, unknown, 'x'),
      () => engine.plugin.replaceTags(type, unknown, ['x']),
      () => engine.plugin.addTag(type, unknown, 'x'),
      () => engine.plugin.removeTag(type, unknown, 'x'),
      () => engine.plugin.removeAllTags(type, unknown),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(notFound);
    }
    expect((await dumpDatabase(engine)).tags).toEqual([]);
  });

  it('refuses other resource types and malformed tags before any database work', async () => {
    const { network } = await resources();
    const untyped = engine.plugin as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    await expect(untyped.addTag('segments', network.id, 'x')).rejects.toBeInstanceOf(InvalidInput);
    await expect(engine.plugin.addTag('networks', network.id, '')).rejects.toBeInstanceOf(
      InvalidInput,
    );
    await expect(
      engine.plugin.replaceTags('networks', network.id, ['a', 'a']),
    ).rejects.toBeInstanceOf(InvalidInput);
    await expect(
      engine.plugin.addTag('networks', network.id, 'x'.repeat(256)),
    ).rejects.toBeInstanceOf(InvalidInput);
    expect(await engine.plugin.getTags('networks', network.id)).toEqual(['net-a', 'net-b']);
  });

  it('leaves no tags of a port whose create failed after its commit', async () => {
    await engine.close();
    engine = await startTestEngine([
      {
        name: 'refuser',
        connectivity: 'l2',
        createPortPostcommit: () => {
          throw new Error('refused by the driver');
        },
      },
    ]);
    const network = await engine.plugin.createNetwork({});
    await expect(
      engine.plugin.createPort({ network_id: network.id, tags: ['doomed'] }),
    ).rejects.toMatchObject({ type: 'MechanismDriverError' });
    expect((await dumpDatabase(engine)).tags).toEqual([]);
  });

  it('deletes the tags of what is deleted: ports, subnets, networks with their subnets, groups', async () => {
    const { network, subnet, port, group } = await resources();
    const second = await engine.plugin.createSubnet({
      network_id: network.id,
      cidr: '10.0.1.0/24',
      tags: ['kept-until-network-goes'],
    });
    await engine.plugin.deletePort(port.id);
    await engine.plugin.deleteSubnet(subnet.id);
    const tagsLeft = async () =>
      ((await dumpDatabase(engine)).tags as Array<{ resourceId: string; tag: string }>).map(
        (row) => `${row.resourceId}:${row.tag}`,
      );
    expect(await tagsLeft()).toEqual(
      [
        `${network.id}:net-a`,
        `${network.id}:net-b`,
        `${second.id}:kept-until-network-goes`,
        `${group.id}:sg`,
      ].sort(),
    );
    await engine.plugin.deleteNetwork(network.id);
    await engine.plugin.deleteSecurityGroup(group.id);
    expect(await tagsLeft()).toEqual([]);
  });
});
