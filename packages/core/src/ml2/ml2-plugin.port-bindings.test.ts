import { PortBinding, PortBindingLevel } from '@ml2ts/store';
import {
  BindingStatus,
  DeclineReason,
  type MechanismDriver,
  PortBindingError,
  PortStatus,
  VifType,
} from '@ml2ts/driver-api';
import {
  dumpDatabase,
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { type EngineEvents } from './notifier';

/** A compute port's bindings per host (`binding-extended`): live migration from host1 to host2. */
describe('ML2 plugin: multiple port bindings', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  async function setup(drivers: MechanismDriver[] = [new TestAgentDriver()]) {
    engine = await startTestEngine(drivers);
    await engine.plugin.rpc.reportState(ovsReport('host1'));
    await engine.plugin.rpc.reportState(ovsReport('host2'));
    const network = await engine.plugin.createNetwork({ name: 'net1' });
    const port = await engine.plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      device_id: 'vm-1',
      'binding:host_id': 'host1',
    });
    return { plugin: engine.plugin, network, port };
  }

  /** Every binding-level row of the port, as `host:level:driver`. */
  async function levelRows(portId: string): Promise<string[]> {
    const rows = await engine.store.read((manager) =>
      manager.find(PortBindingLevel, { where: { portId } }),
    );
    return rows.map((row) => `${row.host}:${row.level}:${row.driver}`).sort();
  }

  it('creates an INACTIVE binding bound for the other host, leaving the ACTIVE one alone', async () => {
    const { plugin, port } = await setup();
    expect(port['binding:vif_type']).toBe(VifType.OVS);
    const binding = await plugin.createPortBinding(port.id, {
      host: 'host2',
      profile: { migrating_to: 'host2' },
    });
    expect(binding).toEqual({
      host: 'host2',
      vif_type: VifType.OVS,
      vif_details: { connectivity: 'l2', port_filter: true },
      vnic_type: 'normal',
      profile: { migrating_to: 'host2' },
      status: BindingStatus.INACTIVE,
    });
    expect(await levelRows(port.id)).toEqual(['host1:0:testovs', 'host2:0:testovs']);
    const shown = await plugin.getPort(port.id);
    expect(shown).toMatchObject({
      'binding:host_id': 'host1',
      'binding:vif_type': VifType.OVS,
      'binding:profile': {},
      status: port.status,
      revision_number: port.revision_number + 1,
    });
    expect((await plugin.getBindingLevels(port.id)).map((level) => level.host)).toEqual(['host1']);
    expect(await plugin.listPortBindings(port.id)).toEqual([
      expect.objectContaining({ host: 'host1', status: BindingStatus.ACTIVE }),
      binding,
    ]);
    expect(await plugin.getPortBinding(port.id, 'host2')).toEqual(binding);
    // The agent on host2 is told to wait: the port's ACTIVE binding is on host1.
    expect(await plugin.rpc.getDeviceDetails({ device: port.id, host: 'host2' })).toEqual({
      device: port.id,
      no_active_binding: true,
    });
  });

  it('refuses a port that is not a compute port, a host that has a binding, and bad requests', async () => {
    const { plugin, network, port } = await setup();
    const other = await plugin.createPort({ network_id: network.id, device_owner: 'network:dhcp' });
    await expect(plugin.createPortBinding(other.id, { host: 'host2' })).rejects.toMatchObject({
      type: 'BadRequest',
      httpStatus: 400,
      message: `Bad port request: Invalid port ${other.id}. Operation only valid on compute ports.`,
    });
    await expect(plugin.listPortBindings(other.id)).rejects.toMatchObject({ httpStatus: 400 });
    await expect(plugin.createPortBinding(port.id, { host: 'host1' })).rejects.toMatchObject({
      type: 'PortBindingAlreadyExists',
      httpStatus: 409,
      message: `Binding for port ${port.id} on host host1 already exists.`,
    });
    await plugin.createPortBinding(port.id, { host: 'host2' });
    await expect(plugin.createPortBinding(port.id, { host: 'host2' })).rejects.toMatchObject({
      type: 'PortBindingAlreadyExists',
    });
    await expect(
      plugin.createPortBinding(port.id, { host: 'host3', vif_type: 'ovs' } as never),
    ).rejects.toMatchObject({ type: 'InvalidInput', httpStatus: 400, attribute: 'vif_type' });
    await expect(plugin.createPortBinding(port.id, {} as never)).rejects.toMatchObject({
      type: 'InvalidInput',
      attribute: 'host',
    });
    await expect(
      plugin.createPortBinding(port.id, { host: 'host3', vnic_type: 'bogus' }),
    ).rejects.toMatchObject({ type: 'InvalidInput', attribute: 'vnic_type' });
    await expect(
      plugin.createPortBinding('00000000-0000-4000-8000-0000000000ff', { host: 'host2' }),
    ).rejects.toMatchObject({ type: 'PortNotFound', httpStatus: 404 });
  });

  it('refuses to move the ACTIVE binding by update onto a host an INACTIVE binding holds', async () => {
    const { plugin, port } = await setup();
    await plugin.createPortBinding(port.id, { host: 'host2' });
    const before = await dumpDatabase(engine);
    await expect(plugin.updatePort(port.id, { 'binding:host_id': 'host2' })).rejects.toMatchObject({
      type: 'PortBindingAlreadyExists',
      httpStatus: 409,
    });
    expect(await dumpDatabase(engine)).toEqual(before);
  });

  it('saves nothing when no driver binds the port on the host', async () => {
    const { plugin, port } = await setup();
    const before = await dumpDatabase(engine);
    const failure = await plugin.createPortBinding(port.id, { host: 'host3' }).catch((e) => e);
    expect(failure).toBeInstanceOf(PortBindingError);
    expect(failure).toMatchObject({
      type: 'PortBindingError',
      httpStatus: 500,
      message: `Binding for port ${port.id} on host host3 could not be created or updated.`,
      reasons: [DeclineReason.NO_AGENT_ON_HOST],
    });
    expect(await dumpDatabase(engine)).toEqual(before);
  });

  it('activates: swaps the statuses, clears the old binding, port DOWN, events for the agents', async () => {
    const { plugin, port } = await setup();
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' });
    const running = await plugin.getPort(port.id);
    expect(running.status).toBe(PortStatus.ACTIVE);
    const inactive = await plugin.createPortBinding(port.id, { host: 'host2' });
    const events: string[] = [];
    const record =
      (name: string) =>
      (event: EngineEvents['bindingActivate'] | EngineEvents['portStatusChanged']) =>
        events.push(`${name}:${'host' in event ? event.host : `${event.from}->${event.to}`}`);
    plugin.notifier.on('bindingDeactivate', (event) => {
      record('deactivate')(event);
      expect(event.networkId).toBe(port.network_id);
    });
    plugin.notifier.on('bindingActivate', record('activate'));
    plugin.notifier.on('portStatusChanged', record('status'));

    const active = await plugin.activatePortBinding(port.id, 'host2');
    expect(active).toEqual({ ...inactive, status: BindingStatus.ACTIVE });
    expect(events).toEqual(['status:ACTIVE->DOWN', 'deactivate:host1', 'activate:host2']);
    const moved = await plugin.getPort(port.id);
    expect(moved).toMatchObject({
      'binding:host_id': 'host2',
      'binding:vif_type': VifType.OVS,
      'binding:vif_details': { port_filter: true, bound_drivers: { '0': 'testovs' } },
      status: PortStatus.DOWN,
      revision_number: running.revision_number + 2,
    });
    expect(await plugin.getPortBinding(port.id, 'host1')).toEqual({
      host: 'host1',
      vif_type: VifType.UNBOUND,
      vif_details: {},
      vnic_type: 'normal',
      profile: {},
      status: BindingStatus.INACTIVE,
    });
    expect(await levelRows(port.id)).toEqual(['host2:0:testovs']);
    // The new host's agent wires the port: it goes ACTIVE; the old host is told to wait.
    expect(await plugin.rpc.getDeviceDetails({ device: port.id, host: 'host1' })).toEqual({
      device: port.id,
      no_active_binding: true,
    });
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host2' });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);

    await expect(plugin.activatePortBinding(port.id, 'host2')).rejects.toMatchObject({
      type: 'PortBindingAlreadyActive',
      httpStatus: 409,
      message: `Binding for port ${port.id} on host host2 is already active.`,
    });
    await expect(plugin.activatePortBinding(port.id, 'host3')).rejects.toMatchObject({
      type: 'PortBindingNotFound',
      httpStatus: 404,
      message: `Binding for port ${port.id} for host host3 could not be found.`,
    });
  });

  it('of two concurrent activations of one binding, one wins and the other is refused', async () => {
    const { plugin, port } = await setup();
    await plugin.createPortBinding(port.id, { host: 'host2' });
    const results = await Promise.allSettled([
      plugin.activatePortBinding(port.id, 'host2'),
      plugin.activatePortBinding(port.id, 'host2'),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toMatchObject({ type: 'PortBindingAlreadyActive' });
    const statuses = (await plugin.listPortBindings(port.id)).map((b) => `${b.host}:${b.status}`);
    expect(statuses).toEqual(['host1:INACTIVE', 'host2:ACTIVE']);
  });

  it('rolls an activation back whole when a pre-commit hook fails', async () => {
    const driver = new TestAgentDriver();
    const { plugin, port } = await setup([driver]);
    await plugin.createPortBinding(port.id, { host: 'host2' });
    const before = await dumpDatabase(engine);
    const events: unknown[] = [];
    plugin.notifier.on('bindingActivate', (event) => events.push(event));
    jest.spyOn(driver, 'updatePortPrecommit').mockImplementationOnce(() => {
      throw new Error('backend down');
    });
    await expect(plugin.activatePortBinding(port.id, 'host2')).rejects.toMatchObject({
      type: 'MechanismDriverError',
    });
    expect(await dumpDatabase(engine)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('deletes an INACTIVE binding with its levels, never the ACTIVE one', async () => {
    const { plugin, port } = await setup();
    await plugin.createPortBinding(port.id, { host: 'host2' });
    const withBinding = await plugin.getPort(port.id);
    await expect(plugin.deletePortBinding(port.id, 'host1')).rejects.toMatchObject({
      type: 'ActivePortBindingNotDeletable',
      httpStatus: 409,
    });
    await plugin.deletePortBinding(port.id, 'host2');
    expect(await levelRows(port.id)).toEqual(['host1:0:testovs']);
    await expect(plugin.getPortBinding(port.id, 'host2')).rejects.toMatchObject({
      type: 'PortBindingNotFound',
    });
    await expect(plugin.deletePortBinding(port.id, 'host2')).rejects.toMatchObject({
      type: 'PortBindingNotFound',
      httpStatus: 404,
    });
    expect((await plugin.listPortBindings(port.id)).map((binding) => binding.host)).toEqual([
      'host1',
    ]);
    expect((await plugin.getPort(port.id)).revision_number).toBe(withBinding.revision_number + 1);
  });

  it('a port delete removes every binding and its levels', async () => {
    const { plugin, port } = await setup();
    await plugin.createPortBinding(port.id, { host: 'host2' });
    await plugin.deletePort(port.id);
    const left = await engine.store.read(async (manager) => ({
      bindings: await manager.count(PortBinding, { where: { portId: port.id } }),
      levels: await manager.count(PortBindingLevel, { where: { portId: port.id } }),
    }));
    expect(left).toEqual({ bindings: 0, levels: 0 });
  });
});
