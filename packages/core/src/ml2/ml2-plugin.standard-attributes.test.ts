import { type PortResource, PortStatus } from '@ml2ts/driver-api';
import {
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';

/** The test clock's start, as the API shows times. */
const START = '2026-01-01T00:00:00Z';

/** `START` plus `seconds`, as the API shows times. */
function at(seconds: number): string {
  return `${new Date(Date.parse(START) + seconds * 1000).toISOString().slice(0, 19)}Z`;
}

describe('standard attributes: description, revision_number, created_at, updated_at', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  beforeEach(async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
  });

  /** Moves the test clock on by a second, so that every write shows a time of its own. */
  const tick = () => engine.clock.advance(1);

  describe('networks', () => {
    it('are created at revision 1 (their segments added) with their description, shared flag and zone hints', async () => {
      const network = await engine.plugin.createNetwork({
        description: 'the lab',
        shared: true,
        availability_zone_hints: ['az-2', 'az-1'],
      });
      const expected = {
        description: 'the lab',
        shared: true,
        status: 'ACTIVE',
        availability_zone_hints: ['az-2', 'az-1'],
        tags: [],
        revision_number: 1,
        created_at: START,
        updated_at: START,
      };
      expect(network).toMatchObject(expected);
      expect(await engine.plugin.getNetwork(network.id)).toMatchObject(expected);
      expect(await engine.plugin.createNetwork({})).toMatchObject({
        description: '',
        shared: false,
        availability_zone_hints: [],
      });
    });

    it('move their revision and updated_at with each update, subnet added or removed', async () => {
      const network = await engine.plugin.createNetwork({});
      tick();
      const updated = await engine.plugin.updateNetwork(network.id, {
        description: 'renamed',
        shared: true,
      });
      expect(updated).toMatchObject({
        description: 'renamed',
        shared: true,
        revision_number: 2,
        created_at: START,
        updated_at: at(1),
      });
      tick();
      const subnet = await engine.plugin.createSubnet({
        network_id: network.id,
        cidr: '10.0.0.0/24',
      });
      expect(await engine.plugin.getNetwork(network.id)).toMatchObject({
        revision_number: 3,
        updated_at: at(2),
      });
      tick();
      await engine.plugin.deleteSubnet(subnet.id);
      expect(await engine.plugin.getNetwork(network.id)).toMatchObject({
        description: 'renamed',
        shared: true,
        revision_number: 4,
        updated_at: at(3),
      });
      expect((await engine.plugin.listNetworks())[0]).toMatchObject({ revision_number: 4 });
    });
  });

  describe('subnets', () => {
    it('are created at revision 0 and move with each update', async () => {
      const network = await engine.plugin.createNetwork({});
      tick();
      const subnet = await engine.plugin.createSubnet({
        network_id: network.id,
        cidr: '10.0.0.0/24',
        description: 'first',
      });
      expect(subnet).toMatchObject({
        description: 'first',
        tags: [],
        revision_number: 0,
        created_at: at(1),
        updated_at: at(1),
      });
      tick();
      const updated = await engine.plugin.updateSubnet(subnet.id, { description: 'second' });
      const expected = {
        description: 'second',
        revision_number: 1,
        created_at: at(1),
        updated_at: at(2),
      };
      expect(updated).toMatchObject(expected);
      expect(await engine.plugin.getSubnet(subnet.id)).toMatchObject(expected);
    });
  });

  describe('ports', () => {
    async function setup() {
      await engine.plugin.rpc.reportState(ovsReport('host1'));
      const network = await engine.plugin.createNetwork({});
      const subnet = await engine.plugin.createSubnet({
        network_id: network.id,
        cidr: '10.0.0.0/24',
      });
      return { network, subnet };
    }

    /** The port as `getPort` shows it now: the check that the stored state matches. */
    const stored = (port: PortResource) => engine.plugin.getPort(port.id);

    it('are created at revision 1 (their binding added) with their description and allowed address pairs', async () => {
      const { network } = await setup();
      const port = await engine.plugin.createPort({
        network_id: network.id,
        description: 'eth0',
        allowed_address_pairs: [
          { ip_address: '10.0.0.200' },
          { ip_address: '10.0.1.0/24', mac_address: 'fa:16:3e:99:99:99' },
        ],
      });
      const expected = {
        description: 'eth0',
        allowed_address_pairs: [
          { ip_address: '10.0.0.200', mac_address: port.mac_address },
          { ip_address: '10.0.1.0/24', mac_address: 'fa:16:3e:99:99:99' },
        ],
        tags: [],
        revision_number: 1,
        created_at: START,
        updated_at: START,
      };
      expect(port).toMatchObject(expected);
      expect(await stored(port)).toMatchObject(expected);
      expect(await engine.plugin.createPort({ network_id: network.id })).toMatchObject({
        description: '',
        allowed_address_pairs: [],
      });
    });

    it('store updated descriptions and pairs, a missing MAC taken from the port as updated', async () => {
      const { network } = await setup();
      const port = await engine.plugin.createPort({ network_id: network.id });
      tick();
      const updated = await engine.plugin.updatePort(port.id, {
        description: 'new',
        mac_address: 'fa:16:3e:aa:aa:aa',
        allowed_address_pairs: [{ ip_address: '10.0.0.201' }],
      });
      const expected = {
        description: 'new',
        allowed_address_pairs: [{ ip_address: '10.0.0.201', mac_address: 'fa:16:3e:aa:aa:aa' }],
        revision_number: 2,
        updated_at: at(1),
      };
      expect(updated).toMatchObject(expected);
      expect(await stored(port)).toMatchObject(expected);
      // Left out of an update, they stay.
      const renamed = await engine.plugin.updatePort(port.id, { name: 'n' });
      expect(renamed).toMatchObject({ description: 'new', revision_number: 3 });
      expect(renamed.allowed_address_pairs).toEqual(expected.allowed_address_pairs);
    });

    it('move by one per update, binding commit, status change and fixed IP change', async () => {
      const { network, subnet } = await setup();
      const port = await engine.plugin.createPort({
        network_id: network.id,
        fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.0.0.5' }],
      });
      expect(port.revision_number).toBe(1);
      tick();
      // The update (2) and the binding it starts, committed in a transaction of its own (3).
      const bound = await engine.plugin.updatePort(port.id, { 'binding:host_id': 'host1' });
      expect(bound).toMatchObject({
        'binding:vif_type': 'ovs',
        revision_number: 3,
        created_at: START,
        updated_at: at(1),
      });
      expect(await stored(port)).toMatchObject({ revision_number: 3, updated_at: at(1) });
      tick();
      // The agent fetches the details (BUILD), then reports the device up (ACTIVE).
      await engine.plugin.rpc.getDeviceDetails({ device: port.id, host: 'host1' });
      expect(await stored(port)).toMatchObject({
        status: PortStatus.BUILD,
        revision_number: 4,
        updated_at: at(2),
      });
      tick();
      await engine.plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' });
      expect(await stored(port)).toMatchObject({ status: PortStatus.ACTIVE, revision_number: 5 });
      tick();
      await engine.plugin.rpc.updateDeviceDown({ device: port.id, host: 'host1' });
      expect(await stored(port)).toMatchObject({ status: PortStatus.DOWN, revision_number: 6 });
      tick();
      const moved = await engine.plugin.updatePort(port.id, {
        fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.0.0.6' }],
      });
      expect(moved).toMatchObject({ revision_number: 7, updated_at: at(5) });
      tick();
      // Clearing the binding is part of the update that clears it.
      const unbound = await engine.plugin.updatePort(port.id, { 'binding:host_id': '' });
      expect(unbound).toMatchObject({
        'binding:vif_type': 'unbound',
        revision_number: 8,
        updated_at: at(6),
      });
      expect(await stored(port)).toMatchObject({ revision_number: 8, updated_at: at(6) });
      expect((await engine.plugin.listPorts())[0]).toMatchObject({ revision_number: 8 });
    });

    it('created with a host come back at the revision of their binding commit', async () => {
      const { network } = await setup();
      const port = await engine.plugin.createPort({
        network_id: network.id,
        'binding:host_id': 'host1',
      });
      expect(port).toMatchObject({ 'binding:vif_type': 'ovs', revision_number: 2 });
      expect(await stored(port)).toMatchObject({ revision_number: 2 });
    });
  });
});
