import { BindingStatus, VifType } from '@ml2ts/driver-api';
import { startTestEngine, TestAgentDriver, type TestEngine } from '../test-support/test-engine';
import { repositoriesOver } from './unit-of-work';

/**
 * The binding-row writes of host bindings: `switchBindingStatus` moves a row only from the
 * status it expects, and the binder's `swapBindingResult` writes only into the ACTIVE row.
 */
describe('binding rows: status switches and the optimistic commit', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  async function portWithInactiveRow() {
    engine = await startTestEngine([new TestAgentDriver()]);
    const network = await engine.plugin.createNetwork({});
    const port = await engine.plugin.createPort({ network_id: network.id });
    const repositories = repositoriesOver(engine.store);
    await repositories.transaction((unit) =>
      unit.ports.insertBinding({
        portId: port.id,
        host: 'host2',
        vnicType: 'normal',
        profile: '',
        vifType: VifType.UNBOUND,
        vifDetails: '',
        status: BindingStatus.INACTIVE,
        revisionNumber: 0,
        updatedAt: null,
      }),
    );
    return { portId: port.id, repositories };
  }

  it('switches a row only from the status it expects', async () => {
    const { portId, repositories } = await portWithInactiveRow();
    const change = {
      portId,
      host: 'host2',
      status: BindingStatus.ACTIVE,
      vifType: VifType.OVS,
      vifDetails: '{"port_filter":true}',
      revisionNumber: 3,
      updatedAt: new Date('2026-01-01T00:00:01Z'),
    };
    const switched = await repositories.transaction(async (unit) => [
      await unit.ports.switchBindingStatus({ ...change, fromStatus: BindingStatus.ACTIVE }),
      await unit.ports.switchBindingStatus({ ...change, host: 'nowhere', fromStatus: 'INACTIVE' }),
      await unit.ports.switchBindingStatus({ ...change, fromStatus: BindingStatus.INACTIVE }),
    ]);
    expect(switched).toEqual([false, false, true]);
    const row = await repositories.read(async (unit) =>
      (await unit.ports.bindings(portId)).find((binding) => binding.host === 'host2'),
    );
    expect(row).toMatchObject({
      status: BindingStatus.ACTIVE,
      vifType: VifType.OVS,
      vifDetails: '{"port_filter":true}',
      revisionNumber: 3,
      updatedAt: change.updatedAt,
    });
  });

  it('never commits a binding result into an INACTIVE row', async () => {
    const { portId, repositories } = await portWithInactiveRow();
    const swapped = await repositories.transaction((unit) =>
      unit.ports.swapBindingResult({
        portId,
        host: 'host2',
        vnicType: 'normal',
        profile: '',
        fromVifTypes: [VifType.UNBOUND, VifType.BINDING_FAILED],
        vifType: VifType.OVS,
        vifDetails: '',
        updatedAt: new Date('2026-01-01T00:00:01Z'),
      }),
    );
    expect(swapped).toBe(false);
  });
});
