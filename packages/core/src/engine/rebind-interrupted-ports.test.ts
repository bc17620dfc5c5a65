import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VifType } from '@ml2ts/driver-api';
import { preparedStatement } from '@ml2ts/store';
import { RecordingLogger } from '@ml2ts/testkit';
import { moduleOf, ovsReport, TestAgentDriver } from '../test-support/test-engine';
import { createEngine, type Engine } from './create-engine';

/** An engine on `database` with the test agent driver and a VXLAN range. */
function openEngine(
  database: string,
  options: { rebind?: boolean; logger?: RecordingLogger } = {},
) {
  const driver = new TestAgentDriver();
  return createEngine({
    database,
    logger: options.logger,
    rebindInterruptedPorts: options.rebind,
    overrides: {
      ml2: { mechanism_drivers: [driver.name], tenant_network_types: ['vxlan'] },
      ml2_type_vxlan: { vni_ranges: ['1001:1010'] },
    },
    driverModules: { [driver.name]: moduleOf(driver) },
  });
}

/** Leaves `portId` as a crash between the port's write and the binding's commit would. */
async function interruptBinding(engine: Engine, portId: string, host: string): Promise<void> {
  await engine.store.transaction(async (manager) => {
    preparedStatement(
      manager,
      `UPDATE ml2_port_bindings SET host = ?, vif_type = ?, vif_details = '{}' WHERE port_id = ?`,
    ).run(host, VifType.UNBOUND, portId);
    preparedStatement(manager, `DELETE FROM ml2_port_binding_levels WHERE port_id = ?`).run(portId);
  });
}

describe('ports whose binding a crash interrupted', () => {
  let folder: string;
  let database: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ml2ts-rebind-'));
    database = join(folder, 'ml2ts.sqlite');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('are bound again in the background when the engine starts', async () => {
    let engine = await openEngine(database);
    await engine.plugin.rpc.reportState(ovsReport('host1'));
    const network = await engine.plugin.createNetwork({});
    const interrupted = await engine.plugin.createPort({ network_id: network.id });
    const untouched = await engine.plugin.createPort({ network_id: network.id });
    await interruptBinding(engine, interrupted.id, 'host1');
    await engine.close();

    const logger = new RecordingLogger();
    engine = await openEngine(database, { logger });
    expect(await engine.interruptedBindings).toBe(1);
    const port = await engine.plugin.getPort(interrupted.id);
    expect(port['binding:host_id']).toBe('host1');
    expect(port['binding:vif_type']).toBe(VifType.OVS);
    expect((await engine.plugin.getPort(untouched.id))['binding:vif_type']).toBe(VifType.UNBOUND);
    expect(logger.at('warn').map((entry) => entry.message)).toContain(
      'Binding again the ports whose binding was interrupted',
    );
    await engine.close();
  });

  it('are left alone by an engine opened only to read, and by a clean start', async () => {
    let engine = await openEngine(database);
    const network = await engine.plugin.createNetwork({});
    const port = await engine.plugin.createPort({ network_id: network.id });
    await interruptBinding(engine, port.id, 'host1');
    await engine.close();

    engine = await openEngine(database, { rebind: false });
    expect(await engine.interruptedBindings).toBe(0);
    expect((await engine.plugin.getPort(port.id))['binding:vif_type']).toBe(VifType.UNBOUND);
    await engine.close();

    // No live agent on host1: binding again fails for good, and the next start finds nothing.
    engine = await openEngine(database);
    expect(await engine.interruptedBindings).toBe(1);
    expect((await engine.plugin.getPort(port.id))['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    await engine.close();
    engine = await openEngine(database);
    expect(await engine.interruptedBindings).toBe(0);
    await engine.close();
  });

  it('do not hold up close', async () => {
    const engine = await openEngine(database);
    await expect(engine.close()).resolves.toBeUndefined();
    expect(await engine.interruptedBindings).toBe(0);
  });
});
