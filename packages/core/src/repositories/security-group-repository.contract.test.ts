import { BindingStatus, VifType } from '@ml2ts/driver-api';
import {
  Network,
  openStore,
  Port,
  PortBinding,
  type SecurityGroup,
  type SecurityGroupRule,
  type Store,
} from '@ml2ts/store';
import { describeEachDatabase, type TestDatabase } from '@ml2ts/store/test-support';
import { type EntityManager } from 'typeorm';
import { EntityPortRepository } from './entity-port-repository';
import { EntitySecurityGroupRepository } from './entity-security-group-repository';
import { type PortRepository } from './port-repository';
import { type SecurityGroupRepository } from './security-group-repository';
import { unitOfWorkFor } from './unit-of-work';

const CREATED_AT = new Date('2026-03-04T05:06:07.089Z');
const LATER = new Date('2026-03-04T06:00:00.123Z');

type Repositories = (manager: EntityManager) => {
  groups: SecurityGroupRepository;
  ports: PortRepository;
};

/**
 * The implementations that run on a database of `dialect`: on SQLite the engine's own choice
 * (prepared statements on the port-create path) and the portable one, elsewhere the portable one.
 */
function implementationsFor(dialect: string): Array<[string, Repositories]> {
  const engines: Repositories = (manager) => {
    const unit = unitOfWorkFor(manager);
    return { groups: unit.securityGroups, ports: unit.ports };
  };
  const portable: Repositories = (manager) => ({
    groups: new EntitySecurityGroupRepository(manager),
    ports: new EntityPortRepository(manager),
  });
  return dialect === 'sqlite'
    ? [
        ['prepared statements', engines],
        ['entity manager', portable],
      ]
    : [['entity manager', engines]];
}

function group(overrides: Partial<SecurityGroup> = {}): SecurityGroup {
  return {
    id: 'sg-1',
    projectId: 'project-a',
    name: 'web',
    description: '',
    stateful: true,
    createdAt: CREATED_AT,
    revisionNumber: 1,
    updatedAt: CREATED_AT,
    ...overrides,
  };
}

function rule(overrides: Partial<SecurityGroupRule> = {}): SecurityGroupRule {
  return {
    id: 'rule-1',
    projectId: 'project-a',
    securityGroupId: 'sg-1',
    remoteGroupId: null,
    direction: 'ingress',
    ethertype: 'IPv4',
    protocol: 'tcp',
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: '10.0.0.0/8',
    description: 'ssh',
    createdAt: CREATED_AT,
    revisionNumber: 0,
    updatedAt: CREATED_AT,
    ...overrides,
  };
}

describeEachDatabase('SecurityGroupRepository on $label', (kind) => {
  describe.each(implementationsFor(kind.dialect))('%s', (_name, repositoriesOf) => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await kind.create();
      store = await openStore({ url: database.url });
      await store.transaction(async (manager) => {
        await manager.insert(Network, { id: 'net-1', mtu: 1500, createdAt: CREATED_AT });
        for (const [index, id] of ['port-1', 'port-2'].entries()) {
          await manager.insert(Port, {
            id,
            networkId: 'net-1',
            macAddress: `fa:16:3e:00:00:0${index + 1}`,
            status: 'DOWN',
            createdAt: CREATED_AT,
          });
          await manager.insert(PortBinding, {
            portId: id,
            host: '',
            vifType: VifType.UNBOUND,
            status: BindingStatus.ACTIVE,
          });
        }
      });
    });
    afterEach(async () => {
      await store.close();
      await database.remove();
    });

    const inGroups = <T>(work: (groups: SecurityGroupRepository) => Promise<T>) =>
      store.transaction((manager) => work(repositoriesOf(manager).groups));
    const readGroups = <T>(work: (groups: SecurityGroupRepository) => Promise<T>) =>
      store.read((manager) => work(repositoriesOf(manager).groups));

    it("keeps one default group per project: a second insert is refused, the first one's stays", async () => {
      expect(await readGroups((groups) => groups.defaultGroupId('project-a'))).toBeNull();
      expect(await inGroups((groups) => groups.insertDefaultGroup(group()))).toBe(true);
      // The refused insert leaves the transaction usable and writes nothing of its own.
      const afterLoss = await inGroups(async (groups) => {
        const inserted = await groups.insertDefaultGroup(group({ id: 'sg-2' }));
        return {
          inserted,
          winner: await groups.defaultGroupId('project-a', { locking: true }),
          loser: await groups.findGroup('sg-2'),
        };
      });
      expect(afterLoss).toEqual({ inserted: false, winner: 'sg-1', loser: null });
      expect(await readGroups((groups) => groups.defaultGroupId('project-a'))).toBe('sg-1');
      expect(await readGroups((groups) => groups.isDefaultGroup('sg-1'))).toBe(true);
      expect(await readGroups((groups) => groups.findGroup('sg-1'))).toEqual(group());
      expect(await readGroups((groups) => groups.defaultGroupId('project-b'))).toBeNull();
    });

    it('writes, updates, lists and deletes groups', async () => {
      await inGroups(async (groups) => {
        await groups.insertGroup(group());
        await groups.insertGroup(group({ id: 'sg-0', projectId: 'project-b', createdAt: LATER }));
        await groups.insertGroup(group({ id: 'sg-2' }));
      });
      expect((await readGroups((groups) => groups.listGroups())).map((found) => found.id)).toEqual([
        'sg-1',
        'sg-2',
        'sg-0',
      ]);
      expect(
        (await readGroups((groups) => groups.listGroups({ projectId: 'project-b' }))).map(
          (found) => found.id,
        ),
      ).toEqual(['sg-0']);
      expect(
        (await readGroups((groups) => groups.findGroups(['sg-2', 'nope', 'sg-0'])))
          .map((found) => found.id)
          .sort(),
      ).toEqual(['sg-0', 'sg-2']);
      await inGroups((groups) =>
        groups.updateGroup(
          group({ name: 'www', description: 'd', stateful: false, updatedAt: LATER }),
        ),
      );
      expect(await readGroups((groups) => groups.findGroup('sg-1'))).toEqual(
        group({
          name: 'www',
          description: 'd',
          stateful: false,
          updatedAt: LATER,
          revisionNumber: 2,
        }),
      );
      await inGroups((groups) => groups.deleteGroup('sg-1'));
      expect(await readGroups((groups) => groups.findGroup('sg-1'))).toBeNull();
      expect(await readGroups((groups) => groups.isDefaultGroup('sg-1'))).toBe(false);
    });

    it('writes and finds rules, by group and by the project that may see them', async () => {
      await inGroups(async (groups) => {
        await groups.insertGroup(group());
        await groups.insertGroup(group({ id: 'sg-b', projectId: 'project-b' }));
        await groups.insertRules([
          rule(),
          rule({ id: 'rule-0', createdAt: LATER, protocol: null, portRangeMin: null }),
          rule({ id: 'rule-b', securityGroupId: 'sg-b', projectId: 'project-b' }),
          rule({ id: 'rule-x', securityGroupId: 'sg-b', projectId: 'project-a' }),
          rule({ id: 'rule-r', securityGroupId: 'sg-b', projectId: 'project-b' }),
        ]);
      });
      expect(await readGroups((groups) => groups.findRule('rule-1'))).toEqual(rule());
      expect(await readGroups((groups) => groups.findRule('rule-0'))).toMatchObject({
        protocol: null,
        portRangeMin: null,
        portRangeMax: 22,
      });
      const ids = (found: readonly SecurityGroupRule[]) => found.map((one) => one.id);
      expect(ids(await readGroups((groups) => groups.rulesOf(['sg-1'])))).toEqual([
        'rule-1',
        'rule-0',
      ]);
      expect(ids(await readGroups((groups) => groups.listRules()))).toEqual([
        'rule-1',
        'rule-b',
        'rule-r',
        'rule-x',
        'rule-0',
      ]);
      expect(
        ids(await readGroups((groups) => groups.listRules({ projectId: 'project-a' }))),
      ).toEqual(['rule-1', 'rule-x', 'rule-0']);
      expect(
        ids(await readGroups((groups) => groups.listRules({ projectId: 'project-b' }))),
      ).toEqual(['rule-b', 'rule-r', 'rule-x']);
      expect(
        ids(
          await readGroups((groups) =>
            groups.listRules({ projectId: 'project-a', securityGroupId: 'sg-b' }),
          ),
        ),
      ).toEqual(['rule-x']);
      await inGroups((groups) => groups.deleteRule('rule-1'));
      expect(await readGroups((groups) => groups.findRule('rule-1'))).toBeNull();
    });

    it("deletes a group's rules and the rules naming it as their remote group with it", async () => {
      await inGroups(async (groups) => {
        await groups.insertDefaultGroup(group());
        await groups.insertGroup(group({ id: 'sg-2' }));
        await groups.insertRules([
          rule({ remoteGroupId: 'sg-1', remoteIpPrefix: null }),
          rule({ id: 'rule-2', securityGroupId: 'sg-2', remoteGroupId: 'sg-1' }),
          rule({ id: 'rule-3', securityGroupId: 'sg-2', remoteGroupId: null }),
        ]);
      });
      expect(await readGroups((groups) => groups.groupIdsReferencing('sg-1'))).toEqual(['sg-2']);
      await inGroups((groups) => groups.deleteGroup('sg-1'));
      expect((await readGroups((groups) => groups.listRules())).map((found) => found.id)).toEqual([
        'rule-3',
      ]);
      expect(await readGroups((groups) => groups.defaultGroupId('project-a'))).toBeNull();
    });

    it("keeps ports' memberships, shows them with the port, and drops them with it", async () => {
      await inGroups(async (groups) => {
        await groups.insertGroup(group({ id: 'sg-b' }));
        await groups.insertGroup(group({ id: 'sg-a' }));
        await groups.addPortToGroups('port-1', ['sg-b', 'sg-a']);
        await groups.addPortToGroups('port-2', ['sg-b']);
      });
      expect(
        await readGroups((groups) => groups.groupsOfPorts(['port-1', 'port-2', 'port-3'])),
      ).toEqual(
        new Map([
          ['port-1', ['sg-a', 'sg-b']],
          ['port-2', ['sg-b']],
        ]),
      );
      expect(await readGroups((groups) => groups.groupInUse('sg-a'))).toBe(true);
      const found = await store.read((manager) =>
        repositoriesOf(manager).ports.findWithBinding('port-1', { withSecurityGroups: true }),
      );
      expect(found?.securityGroups).toEqual(['sg-a', 'sg-b']);
      expect(found?.tags).toBeUndefined();
      const bare = await store.read((manager) =>
        repositoriesOf(manager).ports.findWithBinding('port-2', {
          withTags: true,
          withSecurityGroups: true,
        }),
      );
      expect(bare).toMatchObject({ tags: [], securityGroups: ['sg-b'] });

      await inGroups((groups) => groups.removePortFromGroups('port-1'));
      expect(await readGroups((groups) => groups.groupInUse('sg-a'))).toBe(false);
      await store.transaction((manager) => repositoriesOf(manager).ports.delete('port-2'));
      expect(await readGroups((groups) => groups.groupsOfPorts(['port-1', 'port-2']))).toEqual(
        new Map(),
      );
      expect(await readGroups((groups) => groups.groupInUse('sg-b'))).toBe(false);
    });
  });
});
