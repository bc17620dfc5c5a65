import { type EntityManager, QueryFailedError } from 'typeorm';
import { Agent } from './entities/agent';
import { BindingTraceRecord } from './entities/binding-trace-record';
import { Network } from './entities/network';
import { NetworkSegment } from './entities/network-segment';
import { Port } from './entities/port';
import { PortBinding } from './entities/port-binding';
import { PortBindingLevel } from './entities/port-binding-level';
import { ProvisioningBlock } from './entities/provisioning-block';
import { Subnet } from './entities/subnet';
import { Tag } from './entities/tag';
import { isUniqueViolation } from './classify-database-error';
import { type DatabaseDialect } from './database-url';
import { DatabaseError } from './errors/database-error';
import { openStore } from './open-store';
import { type Store } from './store';
import { describeEachDatabase, type TestDatabase } from './test-support/database-kinds';
import { emptyAllTables } from './test-support/schema-inspection';
import { CREATED_AT, networkRow, portRow, segmentRow } from './testing/sample-rows';

type Refusal = 'unique' | 'primaryKey' | 'orphan' | 'restrict';

/**
 * How each dialect reports each kind of refusal (SQLite's RESTRICT fires as a trigger-style
 * constraint): the driver's code and message.
 */
const REFUSALS: Record<DatabaseDialect, Record<Refusal, { code: string; message: RegExp }>> = {
  sqlite: {
    unique: { code: 'SQLITE_CONSTRAINT_UNIQUE', message: /^UNIQUE constraint failed/ },
    primaryKey: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: /^UNIQUE constraint failed/ },
    orphan: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY', message: /^FOREIGN KEY constraint failed/ },
    restrict: { code: 'SQLITE_CONSTRAINT_TRIGGER', message: /^FOREIGN KEY constraint failed/ },
  },
  postgres: {
    unique: { code: '23505', message: /^duplicate key value violates unique constraint "uniq_/ },
    primaryKey: { code: '23505', message: /^duplicate key value violates unique constraint "PK_/ },
    orphan: { code: '23503', message: /violates foreign key constraint "FK_/ },
    restrict: {
      code: '23503',
      message: /^update or delete on table "networks" violates foreign key/,
    },
  },
  mysql: {
    unique: { code: 'ER_DUP_ENTRY', message: /^Duplicate entry .* for key 'uniq_/ },
    primaryKey: { code: 'ER_DUP_ENTRY', message: /^Duplicate entry .* for key 'PRIMARY'/ },
    orphan: { code: 'ER_NO_REFERENCED_ROW_2', message: /a foreign key constraint fails/ },
    restrict: { code: 'ER_ROW_IS_REFERENCED_2', message: /a foreign key constraint fails/ },
  },
};

function agentRow(manager: EntityManager, overrides: Partial<Agent>): Agent {
  return manager.create(Agent, {
    agentType: 'Open vSwitch agent',
    binary: 'neutron-openvswitch-agent',
    topic: 'N/A',
    host: 'compute-1',
    createdAt: CREATED_AT,
    startedAt: CREATED_AT,
    heartbeatTimestamp: CREATED_AT,
    ...overrides,
  });
}

function bindingRow(manager: EntityManager, overrides: Partial<PortBinding>): PortBinding {
  return manager.create(PortBinding, {
    portId: 'port-1',
    host: 'compute-1',
    vifType: 'ovs',
    ...overrides,
  });
}

function levelRow(manager: EntityManager, overrides: Partial<PortBindingLevel>): PortBindingLevel {
  return manager.create(PortBindingLevel, {
    portId: 'port-1',
    host: 'compute-1',
    level: 0,
    driver: 'openvswitch',
    segmentId: 'seg-1',
    ...overrides,
  });
}

describeEachDatabase('schema rules on a $label database', (kind) => {
  let database: TestDatabase;
  let store: Store;

  /** Runs `work` in its own transaction. */
  const write = (work: (manager: EntityManager) => Promise<unknown>) => store.transaction(work);

  /** The unit fails with a `DatabaseError` around the driver's refusal of the given kind. */
  async function expectRefused(
    work: (manager: EntityManager) => Promise<unknown>,
    refusal: Refusal,
  ): Promise<void> {
    const error: unknown = await write(work).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(DatabaseError);
    const cause = (error as DatabaseError).cause;
    expect(cause).toBeInstanceOf(QueryFailedError);
    const { code, message } = REFUSALS[kind.dialect][refusal];
    expect((cause as QueryFailedError).driverError).toMatchObject({ code, message });
    expect(isUniqueViolation(error)).toBe(refusal === 'unique' || refusal === 'primaryKey');
  }

  /** A network with one VLAN segment and one port: the parent rows most rules need. */
  async function seedNetworkWithPort(): Promise<void> {
    await write(async (manager) => {
      await manager.insert(Network, networkRow(manager));
      await manager.insert(NetworkSegment, segmentRow(manager));
      await manager.insert(Port, portRow(manager));
    });
  }

  beforeAll(async () => {
    database = await kind.create();
    store = await openStore({ url: database.url });
  });

  beforeEach(async () => {
    await store.transaction(emptyAllTables);
  });

  afterAll(async () => {
    await store.close();
    await database.remove();
  });

  describe('unique rules', () => {
    beforeEach(seedNetworkWithPort);

    it('refuses a second segment with the same network, type and physical network', async () => {
      await expectRefused(
        (manager) =>
          manager.insert(NetworkSegment, segmentRow(manager, { id: 'seg-2', segmentationId: 200 })),
        'unique',
      );
    });

    it('accepts two tunnel segments without physical network on one network', async () => {
      await write(async (manager) => {
        await manager.insert(NetworkSegment, [
          segmentRow(manager, {
            id: 'seg-vx1',
            networkType: 'vxlan',
            physicalNetwork: null,
            segmentationId: 1001,
          }),
          segmentRow(manager, {
            id: 'seg-vx2',
            networkType: 'vxlan',
            physicalNetwork: null,
            segmentationId: 1002,
          }),
        ]);
      });

      const count = await store.read((manager) =>
        manager.countBy(NetworkSegment, { networkType: 'vxlan' }),
      );
      expect(count).toBe(2);
    });

    it('refuses a second agent of one type on one host, accepts it on another host', async () => {
      await write((manager) => manager.insert(Agent, agentRow(manager, { id: 'agent-1' })));

      await expectRefused(
        (manager) => manager.insert(Agent, agentRow(manager, { id: 'agent-2' })),
        'unique',
      );
      await write((manager) =>
        manager.insert(Agent, agentRow(manager, { id: 'agent-3', host: 'compute-2' })),
      );
    });

    it('keys a binding by (port, host)', async () => {
      await write((manager) => manager.insert(PortBinding, bindingRow(manager, {})));

      await expectRefused(
        (manager) => manager.insert(PortBinding, bindingRow(manager, { vifType: 'other' })),
        'primaryKey',
      );
      await write((manager) =>
        manager.insert(PortBinding, bindingRow(manager, { host: 'compute-2', status: 'INACTIVE' })),
      );
    });

    it('keys a tag by (resource type, resource id, tag), comparing tags exactly', async () => {
      const tag = { resourceType: 'networks', resourceId: 'net-1', tag: 'red' };
      await write((manager) => manager.insert(Tag, tag));

      await expectRefused((manager) => manager.insert(Tag, tag), 'primaryKey');
      await write((manager) =>
        manager.insert(Tag, [
          { ...tag, tag: 'Red' },
          { ...tag, resourceId: 'net-2' },
          { ...tag, resourceType: 'ports' },
        ]),
      );
      expect(await store.read((manager) => manager.count(Tag))).toBe(4);
    });

    it('keys a binding level by (port, host, level)', async () => {
      await write((manager) => manager.insert(PortBindingLevel, levelRow(manager, {})));

      await expectRefused(
        (manager) => manager.insert(PortBindingLevel, levelRow(manager, { driver: 'other' })),
        'primaryKey',
      );
      await write((manager) => manager.insert(PortBindingLevel, levelRow(manager, { level: 1 })));
    });

    it('refuses a MAC address twice on one network, accepts it on another network', async () => {
      await expectRefused(
        (manager) => manager.insert(Port, portRow(manager, { id: 'port-2' })),
        'unique',
      );
      await write(async (manager) => {
        await manager.insert(Network, networkRow(manager, { id: 'net-2' }));
        await manager.insert(Port, portRow(manager, { id: 'port-2', networkId: 'net-2' }));
      });
    });
  });

  describe('foreign keys', () => {
    it('refuses a segment of an unknown network', async () => {
      await expectRefused(
        (manager) => manager.insert(NetworkSegment, segmentRow(manager, { networkId: 'no-such' })),
        'orphan',
      );
    });

    it('refuses a binding of an unknown port', async () => {
      await seedNetworkWithPort();

      await expectRefused(
        (manager) => manager.insert(PortBinding, bindingRow(manager, { portId: 'no-such' })),
        'orphan',
      );
    });

    it('refuses a binding level on an unknown segment', async () => {
      await seedNetworkWithPort();

      await expectRefused(
        (manager) => manager.insert(PortBindingLevel, levelRow(manager, { segmentId: 'no-such' })),
        'orphan',
      );
    });

    it('deletes a network with its segments and subnets', async () => {
      await write(async (manager) => {
        await manager.insert(Network, networkRow(manager));
        await manager.insert(NetworkSegment, segmentRow(manager));
        await manager.insert(Subnet, {
          id: 'sub-1',
          networkId: 'net-1',
          cidr: '10.0.0.0/24',
          ipVersion: 4,
          segmentId: 'seg-1',
        });
      });

      await write((manager) => manager.delete(Network, { id: 'net-1' }));

      const left = await store.read(async (manager) => [
        await manager.count(NetworkSegment),
        await manager.count(Subnet),
      ]);
      expect(left).toEqual([0, 0]);
    });

    it('deletes a port with its bindings, levels, provisioning blocks and trace', async () => {
      await seedNetworkWithPort();
      await write(async (manager) => {
        await manager.insert(PortBinding, bindingRow(manager, {}));
        await manager.insert(
          PortBinding,
          bindingRow(manager, { host: 'compute-2', status: 'INACTIVE' }),
        );
        await manager.insert(PortBindingLevel, levelRow(manager, {}));
        await manager.insert(ProvisioningBlock, [
          { portId: 'port-1', entity: 'L2' },
          { portId: 'port-1', entity: 'DHCP' },
        ]);
        await manager.insert(BindingTraceRecord, {
          portId: 'port-1',
          trace: '{}',
          recordedAt: CREATED_AT,
        });
      });

      await write((manager) => manager.delete(Port, { id: 'port-1' }));

      const left = await store.read(async (manager) => [
        await manager.count(PortBinding),
        await manager.count(PortBindingLevel),
        await manager.count(ProvisioningBlock),
        await manager.count(BindingTraceRecord),
      ]);
      expect(left).toEqual([0, 0, 0, 0]);
    });

    it('keeps binding levels and subnets of a deleted segment, with no segment', async () => {
      await seedNetworkWithPort();
      await write(async (manager) => {
        await manager.insert(PortBindingLevel, levelRow(manager, {}));
        await manager.insert(Subnet, {
          id: 'sub-1',
          networkId: 'net-1',
          cidr: '10.0.0.0/24',
          ipVersion: 4,
          segmentId: 'seg-1',
        });
      });

      await write((manager) => manager.delete(NetworkSegment, { id: 'seg-1' }));

      const [level, subnet] = await store.read(async (manager) => [
        await manager.findOneByOrFail(PortBindingLevel, { portId: 'port-1' }),
        await manager.findOneByOrFail(Subnet, { id: 'sub-1' }),
      ]);
      expect((level as PortBindingLevel).segmentId).toBeNull();
      expect((subnet as Subnet).segmentId).toBeNull();
    });

    it('refuses to delete a network that still has ports', async () => {
      await seedNetworkWithPort();

      await expectRefused((manager) => manager.delete(Network, { id: 'net-1' }), 'restrict');
      const left = await store.read(async (manager) => [
        await manager.countBy(Network, { id: 'net-1' }),
        await manager.countBy(NetworkSegment, { networkId: 'net-1' }),
        await manager.countBy(Port, { networkId: 'net-1' }),
      ]);
      expect(left).toEqual([1, 1, 1]);
    });
  });
});
