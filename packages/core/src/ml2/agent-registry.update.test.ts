import { AgentNotFound, AttributeNotUpdatable, InvalidInput } from '@ml2ts/driver-api';
import { ovsReport, startTestEngine, type TestEngine } from '../test-support/test-engine';

describe("the agents table: the administrator's update", () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  async function oneAgent() {
    engine = await startTestEngine([]);
    await engine.plugin.rpc.reportState({
      ...ovsReport('host1'),
      availability_zone: 'az-1',
      load: 3,
    });
    const [agent] = await engine.plugin.agents.list();
    return agent;
  }

  it('shows the columns the API shows: description, zone, load, resources_synced', async () => {
    const agent = await oneAgent();
    expect(agent).toMatchObject({
      description: null,
      availabilityZone: 'az-1',
      load: 3,
      resourcesSynced: null,
      topic: 'N/A',
    });
  });

  it('stores the description and the admin state, each left alone when absent', async () => {
    const agent = await oneAgent();
    expect(await engine.plugin.agents.update(agent.id, { description: 'rack 4' })).toMatchObject({
      description: 'rack 4',
      adminStateUp: true,
    });
    expect(await engine.plugin.agents.update(agent.id, { admin_state_up: false })).toMatchObject({
      description: 'rack 4',
      adminStateUp: false,
    });
    // A heartbeat keeps what the administrator set.
    await engine.plugin.rpc.reportState(ovsReport('host1'));
    expect(await engine.plugin.agents.get(agent.id)).toMatchObject({
      description: 'rack 4',
      adminStateUp: false,
    });
    expect(await engine.plugin.agents.update(agent.id, { description: null })).toMatchObject({
      description: null,
    });
  });

  it('refuses unknown agents, other attributes and bad values', async () => {
    const agent = await oneAgent();
    await expect(
      engine.plugin.agents.update('00000000-0000-4000-8000-00000000ffff', { description: 'x' }),
    ).rejects.toBeInstanceOf(AgentNotFound);
    await expect(
      engine.plugin.agents.update(agent.id, { host: 'other' } as never),
    ).rejects.toBeInstanceOf(AttributeNotUpdatable);
    await expect(
      engine.plugin.agents.update(agent.id, { description: 'x'.repeat(256) }),
    ).rejects.toBeInstanceOf(InvalidInput);
    await expect(
      engine.plugin.agents.update(agent.id, { admin_state_up: 'no' } as never),
    ).rejects.toBeInstanceOf(InvalidInput);
    expect((await engine.plugin.agents.get(agent.id)).description).toBeNull();
  });
});
