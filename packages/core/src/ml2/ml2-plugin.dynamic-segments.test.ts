import {
  dumpDatabase,
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { hierarchicalTestDriver } from './test-support/hierarchical-test-driver';

describe('dynamic segments of a hierarchical binding', () => {
  let engine: TestEngine;
  afterEach(async () => engine.close());

  const dynamicSegments = async () =>
    (await dumpDatabase(engine)).networksegments.filter(
      (segment) => (segment as { isDynamic: boolean }).isDynamic,
    );

  it.each([
    ['the binding fails', { bridge_mappings: {}, tunnel_types: [] }, 'binding_failed'],
    ['another driver binds level 0 instead', { bridge_mappings: {} }, 'ovs'],
  ])(
    'are released when the branch that allocated them fails and %s',
    async (_case, configurations, vifType) => {
      engine = await startTestEngine([hierarchicalTestDriver(['tor1']), new TestAgentDriver()]);
      // The host's agent maps no physical network: level 1 cannot bind the dynamic VLAN.
      await engine.plugin.rpc.reportState(ovsReport('tor1', configurations));
      const network = await engine.plugin.createNetwork({});
      const port = await engine.plugin.createPort({
        network_id: network.id,
        'binding:host_id': 'tor1',
      });
      expect(port['binding:vif_type']).toBe(vifType);
      expect(await dynamicSegments()).toEqual([]);
    },
  );

  it('are kept while a level uses them, and released with the last port', async () => {
    engine = await startTestEngine([hierarchicalTestDriver(['tor1']), new TestAgentDriver()]);
    await engine.plugin.rpc.reportState(ovsReport('tor1'));
    const network = await engine.plugin.createNetwork({});
    const port = await engine.plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'tor1',
    });
    expect(port['binding:vif_type']).toBe('ovs');
    expect(await dynamicSegments()).toHaveLength(1);
    await engine.plugin.deletePort(port.id);
    expect(await dynamicSegments()).toEqual([]);
  });
});
