import { Agent } from './entities';
import { openStore } from './open-store';
import {
  fromSqliteDatetime,
  preparedStatement,
  rawConnection,
  toSqliteDatetime,
} from './prepared-statements';

describe('prepared statements under the store', () => {
  it('run inside the unit of work, reuse one statement, and write dates entities read back', async () => {
    const store = await openStore({ database: ':memory:' });
    try {
      const when = new Date('2026-03-04T05:06:07.089Z');
      await store.transaction(async (manager) => {
        const insert = preparedStatement(
          manager,
          `INSERT INTO agents (id, agent_type, "binary", topic, host, admin_state_up, created_at, started_at, heartbeat_timestamp, configurations, load)
           VALUES (?, 'Open vSwitch agent', 'b', 'N/A', 'h1', 1, ?, ?, ?, '{}', 0)`,
        );
        expect(preparedStatement(manager, insert.source)).toBe(insert);
        insert.run('a1', toSqliteDatetime(when), toSqliteDatetime(when), toSqliteDatetime(when));
        expect(rawConnection(manager).inTransaction).toBe(true);
      });
      const agent = await store.read((manager) => manager.findOneByOrFail(Agent, { id: 'a1' }));
      expect(agent.heartbeatTimestamp.toISOString()).toBe(when.toISOString());
      expect(fromSqliteDatetime(toSqliteDatetime(when)).getTime()).toBe(when.getTime());
    } finally {
      await store.close();
    }
  });

  it('are rolled back with the unit of work', async () => {
    const store = await openStore({ database: ':memory:' });
    try {
      await expect(
        store.transaction(async (manager) => {
          preparedStatement(
            manager,
            `INSERT INTO networks (id, project_id, name, mtu, admin_state_up, router_external, vlan_transparent, created_at) VALUES ('n1', '', '', 1500, 1, 0, 0, '2026-01-01 00:00:00.000')`,
          ).run();
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const count = await store.read((manager) =>
        manager.query('SELECT COUNT(*) AS n FROM networks'),
      );
      expect(count).toEqual([{ n: 0 }]);
    } finally {
      await store.close();
    }
  });
});
