import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AmqpTransport } from '@ml2ts/transport-amqp';
import pino from 'pino';
import { request } from 'undici';
import { loadNeutronConfig } from './neutron-config';
import { FakeNova } from './nova/test-support/fake-nova';
import { type RunningServer, startServer } from './start-server';
import {
  AGENT_HOST,
  AGENT_PHYSNET,
  AGENT_TRANSPORT_URL,
  RealOvsAgent,
  realAgentPlan,
} from './test-support/real-ovs-agent';

// ml2ts server on RabbitMQ with Neutron's own neutron-openvswitch-agent (Debian's
// python3-neutron, Open vSwitch in its userspace datapath) as host compute-1: the agent
// reports, ports bind, plugging them as os-vif does makes them ACTIVE, admin state and unplugs
// take them DOWN, a restarted agent reports them again, and deleting everything leaves the
// agent's log free of errors.

/** Generous: the agent polls OVS every 2 s; an ACTIVE port takes 0.3–2.5 s after the plug. */
const STATUS_TIMEOUT_MS = 10_000;

/** Errors the agent also logs against neutron-server: not caused by the server it talks to. */
const KNOWN_AGENT_ERRORS = [/MappingNotFound/, /ovsdb-client/];

const plan = realAgentPlan();
if (plan.action === 'skip') console.log(plan.message);
const describeWithAgent = plan.action === 'skip' ? describe.skip : describe;

type Json = Record<string, unknown>;

/** The devices the agent's log says it reported up (its "Configuration for devices up" lines). */
function devicesReportedUp(log: string): Set<string> {
  const devices = new Set<string>();
  for (const match of log.matchAll(/Configuration for devices up \[([^\]]*)\]/g)) {
    for (const quoted of match[1].matchAll(/'([^']+)'/g)) devices.add(quoted[1]);
  }
  return devices;
}

/**
 * The ERROR and CRITICAL records of the agent's log, each with its traceback: the lines of one
 * record share its time, process and logger.
 */
function agentErrors(log: string): string[] {
  const records = new Map<string, string[]>();
  for (const line of log.split('\n')) {
    const match = /^(\S+ \S+ \d+) (ERROR|CRITICAL) (\S+)/.exec(line);
    if (!match) continue;
    const key = `${match[1]} ${match[3]}`;
    const lines = records.get(key) ?? [];
    lines.push(line);
    records.set(key, lines);
  }
  return [...records.values()].map((lines) => lines.join('\n'));
}

async function api(server: RunningServer, method: string, path: string, body?: unknown) {
  const response = await request(`${server.url}/v2.0${path}`, {
    method: method as 'GET',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) {
    throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  }
  return (text ? JSON.parse(text) : {}) as Json;
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${String(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeWithAgent("Neutron's real Open vSwitch agent against ml2ts server over RabbitMQ", () => {
  let dir: string;
  let transport: AmqpTransport;
  let server: RunningServer;
  let nova: FakeNova;
  const agent = new RealOvsAgent();
  /** Where this run's part of the agent's log begins. */
  const logStart = { offset: 0 };

  beforeAll(async () => {
    if (plan.action === 'fail') throw new Error(plan.message);
    dir = mkdtempSync(join(tmpdir(), 'ml2ts-ovs-agent-'));
    nova = await FakeNova.start();
    const neutronConf = join(dir, 'neutron.conf');
    const ml2Conf = join(dir, 'ml2_conf.ini');
    writeFileSync(
      neutronConf,
      [
        '[DEFAULT]',
        `transport_url = ${AGENT_TRANSPORT_URL}`,
        'agent_down_time = 30',
        '[database]',
        `connection = sqlite:///${join(dir, 'neutron.sqlite')}`,
        '[ml2ts]',
        `nova_url = ${nova.url}/v2.1`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      ml2Conf,
      [
        '[ml2]',
        'type_drivers = flat,vlan,vxlan',
        'tenant_network_types = vxlan',
        'mechanism_drivers = openvswitch',
        '[ml2_type_vlan]',
        `network_vlan_ranges = ${AGENT_PHYSNET}:100:199`,
        '[ml2_type_vxlan]',
        'vni_ranges = 1000:1999',
        '',
      ].join('\n'),
    );
    const neutron = loadNeutronConfig([neutronConf, ml2Conf]);
    transport = new AmqpTransport({ url: AGENT_TRANSPORT_URL });
    server = await startServer({
      engine: { configuration: neutron.configuration, database: neutron.databaseUrl },
      listen: { host: '127.0.0.1', port: 0 },
      log: pino({ level: 'silent' }),
      nova: { url: neutron.server.novaUrl ?? nova.url, sendEventsInterval: 0 },
      agentTransport: transport,
    });
    logStart.offset = agent.logSize();
    await agent.start(true);
  }, 180_000);

  afterAll(async () => {
    await agent.stop().catch(() => undefined);
    await server?.close();
    await transport?.close();
    await nova?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const portStatus = async (id: string) =>
    ((await api(server, 'GET', `/ports/${id}`)).port as Json).status as string;
  const waitForStatus = (id: string, status: string, timeoutMs = STATUS_TIMEOUT_MS) =>
    waitFor(`port ${id} ${status}`, timeoutMs, async () =>
      (await portStatus(id)) === status ? true : undefined,
    );

  it('binds and activates ports on VXLAN and VLAN networks, follows admin state, restarts and unplugs', async () => {
    // The agent reports and is alive.
    const alive = await waitFor('the agent to report', 60_000, async () => {
      const agents = (await api(server, 'GET', '/agents')).agents as Json[];
      return agents.find(
        (candidate) =>
          candidate.host === AGENT_HOST &&
          candidate.agent_type === 'Open vSwitch agent' &&
          candidate.alive === true,
      );
    });
    expect(alive).toMatchObject({ binary: 'neutron-openvswitch-agent', admin_state_up: true });

    // A port on a VXLAN and on a VLAN network binds to compute-1.
    const vxlan = (await api(server, 'POST', '/networks', { network: { name: 'tenant' } }))
      .network as Json;
    const vlan = (
      await api(server, 'POST', '/networks', {
        network: {
          name: 'provider',
          'provider:network_type': 'vlan',
          'provider:physical_network': AGENT_PHYSNET,
          'provider:segmentation_id': 120,
        },
      })
    ).network as Json;
    expect(vxlan['provider:network_type']).toBe('vxlan');
    const ports: Json[] = [];
    for (const [network, cidr] of [
      [vxlan, '10.20.0.0/24'],
      [vlan, '10.30.0.0/24'],
    ] as const) {
      await api(server, 'POST', '/subnets', {
        subnet: { network_id: network.id, cidr, ip_version: 4 },
      });
      const port = (
        await api(server, 'POST', '/ports', {
          port: {
            network_id: network.id,
            'binding:host_id': AGENT_HOST,
            device_owner: 'compute:nova',
            device_id: crypto.randomUUID(),
          },
        })
      ).port as Json;
      expect(port['binding:vif_type']).toBe('ovs');
      expect(port['binding:vif_details']).toMatchObject({ datapath_type: 'netdev' });
      expect(port.status).toBe('DOWN');
      ports.push(port);
    }

    // Plugged as os-vif plugs them, both go ACTIVE within 10 s and Nova hears vif-plugged.
    for (const port of ports) {
      await agent.plug(port as { id: string; mac_address: string; device_id: string });
    }
    await waitFor('both ports ACTIVE', STATUS_TIMEOUT_MS, async () => {
      const statuses = await Promise.all(ports.map((port) => portStatus(port.id as string)));
      return statuses.every((status) => status === 'ACTIVE') ? true : undefined;
    });
    await waitFor('vif-plugged for both ports', STATUS_TIMEOUT_MS, async () => {
      const tags = nova.requests
        .flatMap((event) => (event.body as { events: Json[] }).events)
        .filter((event) => event.name === 'network-vif-plugged')
        .map((event) => event.tag);
      return ports.every((port) => tags.includes(port.id)) ? true : undefined;
    });

    // Disabled through the API: DOWN; enabled again: ACTIVE.
    const [first, second] = ports as Array<Json & { id: string }>;
    await api(server, 'PUT', `/ports/${first.id}`, { port: { admin_state_up: false } });
    await waitForStatus(first.id, 'DOWN');
    await api(server, 'PUT', `/ports/${first.id}`, { port: { admin_state_up: true } });
    await waitForStatus(first.id, 'ACTIVE');

    // Restarted, the agent reports both ports up again.
    await agent.stop();
    const offset = agent.logSize();
    await agent.start(false);
    await waitFor('the restarted agent to report the ports up', 60_000, async () => {
      const reported = devicesReportedUp(agent.logSince(offset));
      return ports.every((port) => reported.has(port.id as string)) ? true : undefined;
    });
    for (const port of ports) expect(await portStatus(port.id as string)).toBe('ACTIVE');

    // Unplugged: DOWN.
    await agent.unplug(first.id);
    await agent.unplug(second.id);
    await waitForStatus(first.id, 'DOWN');
    await waitForStatus(second.id, 'DOWN');

    // Deleting the ports and networks leaves the agent without errors of its own.
    for (const port of ports) await api(server, 'DELETE', `/ports/${String(port.id)}`);
    await api(server, 'DELETE', `/networks/${String(vxlan.id)}`);
    await api(server, 'DELETE', `/networks/${String(vlan.id)}`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const errors = agentErrors(agent.logSince(logStart.offset)).filter(
      (error) => !KNOWN_AGENT_ERRORS.some((known) => known.test(error)),
    );
    expect(errors).toEqual([]);
  }, 240_000);
});
