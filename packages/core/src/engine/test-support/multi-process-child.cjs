// One of the engine processes of multi-process.test.ts: opens the engine on a database shared
// with two other processes, waits for the parent's go, then for a bounded time creates, binds,
// rebinds and deletes ports on the shared networks, creates and deletes networks of its own,
// heartbeats the shared agents and (process 2) deletes the agent the others heartbeat. Every
// call's outcome is recorded; at the end one JSON summary line goes to stdout.
//
// Run on the built packages, as a server would be:
//   node multi-process-child.cjs DATABASE NODE_MODULES INDEX RUN_MS SEED
// stdout: JSON lines `{"event":"opened"}`, `{"event":"shared",...}` (process 0 only, the shared
// networks and subnets it created), `{"event":"summary",...}`. stdin: one JSON line
// `{"shared":...}` from the parent, the go signal.
'use strict';
require('reflect-metadata');
const { randomUUID } = require('node:crypto');
const { createInterface } = require('node:readline');
const { setTimeout: sleep } = require('node:timers/promises');
const { performance } = require('node:perf_hooks');
const { createEngine } = require('@ml2ts/core');
const { Ml2Error } = require('@ml2ts/driver-api');

const [database, nodeModules, indexText, runMsText, seedText] = process.argv.slice(2);
const INDEX = Number(indexText);
const RUN_MS = Number(runMsText);

/** Agents every process heartbeats (same names everywhere), all of the OVS agent type. */
const HOSTS = ['mp-host-0', 'mp-host-1', 'mp-host-2', 'mp-tor-0', 'mp-tor-1'];
/** The agent process DELETER deletes again and again while the others heartbeat it. */
const VICTIM = 'mp-host-0';
const DELETER = 2;
/** Hosts behind the top-of-rack switch: ports there bind in two levels (a dynamic VLAN). */
const TOR_HOSTS = ['mp-tor-0', 'mp-tor-1'];
/** The shared networks process 0 creates, with the subnet each gets. */
const SHARED = [
  { name: 'mp-shared-vlan', type: 'vlan', physnet: 'physnet1', id: 300, cidr: '10.1.0.0/24' },
  { name: 'mp-shared-vxlan-a', type: 'vxlan', physnet: null, id: 1000, cidr: '10.2.0.0/24' },
  { name: 'mp-shared-vxlan-b', type: 'vxlan', physnet: null, id: 1001, cidr: '10.3.0.0/24' },
];
/** Host addresses 10.x.0.10 to 10.x.0.17: few, so that the processes fight over them. */
const ADDRESS_HOSTS = [10, 11, 12, 13, 14, 15, 16, 17];
/** MACs some ports ask for explicitly, in every process: contended. */
const CONTENDED_MACS = ['fa:16:3e:77:00:01', 'fa:16:3e:77:00:02', 'fa:16:3e:77:00:03'];
/** Provider segmentation ids the processes race for (inside and outside the tenant ranges). */
const CONTENDED_VLANS = [107, 108, 109, 150, 151];
const CONTENDED_VNIS = [2, 70, 71];
const PORT_LANES = 2;
const MAX_LIVE_PORTS_PER_LANE = 3;
const MAX_OWN_NETWORKS = 9;
const NETWORK_LANE_DELAY_MS = 300;
const HEARTBEAT_INTERVAL_MS = 100;
const DELETE_INTERVAL_MS = 250;
/** Longest pause between two iterations of a port or network lane, so heartbeats get through. */
const LANE_PAUSE_MS = 15;

/** The engine's configuration: small ranges, so that every allocation is contended. */
const OVERRIDES = {
  ml2: { mechanism_drivers: ['tor', 'openvswitch'], tenant_network_types: ['vlan', 'vxlan'] },
  ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:109', 'physnet2:200:201'] },
  ml2_type_vxlan: { vni_ranges: ['1:2'] },
  tor: { hosts: TOR_HOSTS, physical_network: 'physnet2' },
};

/** A small seeded generator, so that the choices of a process can be replayed. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const random = seededRandom(Number(seedText) + INDEX * 7919);
const pick = (items) => items[Math.floor(random() * items.length)];
/** Wall-clock milliseconds (sub-millisecond), comparable between processes of this machine. */
const now = () => performance.timeOrigin + performance.now();

// ------------------------------------------------------------------ what the process records

/** Per operation: calls, successes and failures by `type httpStatus`. */
const counts = {};
/** Every distinct failure shape: name, type, status, whether it is an `Ml2Error`, and a sample. */
const failureShapes = {};
/** Database retries the store made, by reason (counted through the store's retry hook). */
const retries = {};
/** Warnings and errors the engine logged, by message. */
const logged = { warn: {}, error: {} };
/** `binding:vif_type` of every successful create or rebind with a host. */
const vifTypes = {};
/** Bound ports behind the switch, by number of binding levels. */
const torBindings = {};
/** Calls that were rejected: what they asked for, to check nothing of them remains. */
const rejected = { ports: [], networks: [] };
/** Every heartbeat: host, start, end, answer (or failure). */
const heartbeats = [];
/** Every deletion of the victim agent (process DELETER). */
const deletions = [];
/** Broken expectations the process could see by itself (a rejected call that changed something). */
const violations = [];
/** Ports alive at the end, with what the last successful call said of them. */
const livePorts = new Map();
/** Networks of this process alive at the end. */
const liveNetworks = new Set();

/** A failure as the caller sees it. */
function describeError(error) {
  const cause = error && typeof error === 'object' ? error.cause : undefined;
  return {
    name: error && error.name !== undefined ? String(error.name) : typeof error,
    type: error && typeof error.type === 'string' ? error.type : null,
    httpStatus: error && typeof error.httpStatus === 'number' ? error.httpStatus : null,
    ml2Error: error instanceof Ml2Error,
    message: String(error && error.message !== undefined ? error.message : error).slice(0, 300),
    cause: cause
      ? `${cause.name ?? typeof cause} ${cause.code ?? ''} ${String(cause.message ?? '').slice(0, 200)}`
      : null,
  };
}

/** Runs one engine call and records its outcome. */
async function call(op, work) {
  const entry = (counts[op] ??= { calls: 0, ok: 0, failures: {} });
  entry.calls += 1;
  try {
    const value = await work();
    entry.ok += 1;
    return { ok: true, value };
  } catch (error) {
    const shape = describeError(error);
    const key = `${shape.type ?? shape.name} ${shape.httpStatus ?? 'no-status'}`;
    entry.failures[key] = (entry.failures[key] ?? 0) + 1;
    const shapeKey = `${op}|${shape.name}|${shape.type}|${shape.httpStatus}|${shape.ml2Error}`;
    failureShapes[shapeKey] ??= { ...shape, op, count: 0 };
    failureShapes[shapeKey].count += 1;
    return { ok: false, error, shape };
  }
}

const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => (logged.warn[message] = (logged.warn[message] ?? 0) + 1),
  error: (message) => (logged.error[message] = (logged.error[message] ?? 0) + 1),
};

/** Counts the store's retries: wraps the retry policy the store consults before each attempt. */
function countRetries(store) {
  const policy = store.retry;
  if (!policy || typeof policy !== 'object') return false;
  store.retry = {
    ...policy,
    onRetry: (event) => {
      retries[event.reason] = (retries[event.reason] ?? 0) + 1;
      if (policy.onRetry) policy.onRetry(event);
    },
  };
  return true;
}

/** Writes one JSON line to the parent; resolves once it is handed to the pipe. */
function send(message) {
  return new Promise((resolve) => process.stdout.write(`${JSON.stringify(message)}\n`, resolve));
}

/** The parent's go line, with the shared networks. */
function waitForGo() {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: process.stdin });
    const closed = () => reject(new Error('stdin closed before the go line'));
    lines.once('line', (line) => {
      lines.off('close', closed);
      lines.close();
      resolve(JSON.parse(line).shared);
    });
    lines.once('close', closed);
  });
}

/** An OVS agent report for `host`: both physical networks mapped, VXLAN tunnels. */
function report(host) {
  return {
    agent_type: 'Open vSwitch agent',
    binary: 'neutron-openvswitch-agent',
    host,
    topic: 'N/A',
    configurations: {
      bridge_mappings: { physnet1: 'br-eth1', physnet2: 'br-eth2' },
      tunnel_types: ['vxlan'],
      integration_bridge: 'br-int',
    },
  };
}

/**
 * Runs `work` until it succeeds, again after a retryable failure (503: the database stayed busy
 * while the other processes opened it); throws any other failure, or the fifth.
 */
async function untilDone(op, work) {
  for (let attempt = 1; ; attempt++) {
    const outcome = await call(op, work);
    if (outcome.ok) return outcome.value;
    if (attempt === 5 || outcome.shape.httpStatus !== 503) throw outcome.error;
    await sleep(50 * attempt);
  }
}

/** Process 0: the shared networks and their subnets. */
async function createShared(plugin) {
  const shared = [];
  for (const spec of SHARED) {
    const network = await untilDone('createSharedNetwork', () =>
      plugin.createNetwork({
        name: spec.name,
        'provider:network_type': spec.type,
        ...(spec.physnet ? { 'provider:physical_network': spec.physnet } : {}),
        'provider:segmentation_id': spec.id,
      }),
    );
    const subnet = await untilDone('createSharedSubnet', () =>
      plugin.createSubnet({ network_id: network.id, cidr: spec.cidr }),
    );
    shared.push({ networkId: network.id, subnetId: subnet.id, prefix: spec.cidr.slice(0, -5) });
  }
  return shared;
}

// ------------------------------------------------------------------ the workloads

/** Creates, binds, rebinds, re-addresses and deletes ports on the shared networks. */
async function portLane(plugin, shared, lane, deadline) {
  const mine = [];
  for (let sequence = 0; now() < deadline; sequence++) {
    const network = pick(shared);
    const id = randomUUID();
    const ip = `${network.prefix}.${pick(ADDRESS_HOSTS)}`;
    const mac = random() < 0.25 ? pick(CONTENDED_MACS) : undefined;
    const host = pick(HOSTS);
    const created = await call('createPort', () =>
      plugin.createPort({
        id,
        network_id: network.networkId,
        name: `mp-port-${INDEX}-${lane}-${sequence}`,
        fixed_ips: [{ subnet_id: network.subnetId, ip_address: ip }],
        ...(mac ? { mac_address: mac } : {}),
        device_owner: 'compute:nova',
        device_id: `mp-vm-${INDEX}-${lane}-${sequence}`,
        'binding:host_id': host,
      }),
    );
    if (created.ok) {
      remember(created.value);
      mine.push(id);
      await countLevels(plugin, created.value);
    } else {
      rejected.ports.push({ id, networkId: network.networkId, ip, mac: mac ?? null });
      const left = await call('getRejectedPort', () => plugin.getPort(id));
      if (left.ok || left.shape.type !== 'PortNotFound') {
        violations.push(
          `createPort ${id} was rejected (${created.shape.type}) but getPort found it`,
        );
      }
    }

    if (mine.length > 0) {
      const portId = pick(mine);
      const before = livePorts.get(portId);
      const otherHosts = HOSTS.filter((candidate) => candidate !== before.host);
      const rebound = await call('rebindPort', () =>
        plugin.updatePort(portId, { 'binding:host_id': pick(otherHosts) }),
      );
      if (rebound.ok) {
        remember(rebound.value);
        await countLevels(plugin, rebound.value);
      } else await checkUnchanged(plugin, portId, 'rebindPort', rebound.shape);
    }

    if (mine.length > 0 && random() < 0.4) {
      const portId = pick(mine);
      const before = livePorts.get(portId);
      const network = shared.find((candidate) => candidate.networkId === before.networkId);
      const readdressed = await call('updateFixedIps', () =>
        plugin.updatePort(portId, {
          fixed_ips: [
            { subnet_id: network.subnetId, ip_address: `${network.prefix}.${pick(ADDRESS_HOSTS)}` },
          ],
        }),
      );
      if (readdressed.ok) remember(readdressed.value);
      else await checkUnchanged(plugin, portId, 'updateFixedIps', readdressed.shape);
    }

    if (mine.length > MAX_LIVE_PORTS_PER_LANE || (mine.length > 0 && random() < 0.25)) {
      const portId = mine[Math.floor(random() * mine.length)];
      const deleted = await call('deletePort', () => plugin.deletePort(portId));
      if (deleted.ok) {
        mine.splice(mine.indexOf(portId), 1);
        livePorts.delete(portId);
      }
    }
    await sleep(random() * LANE_PAUSE_MS);
  }
}

/**
 * After a successful create or rebind onto a host behind the switch: counts the binding's
 * levels (two when the switch bound it with a dynamic VLAN, one when it fell back to the host).
 */
async function countLevels(plugin, port) {
  if (!TOR_HOSTS.includes(port['binding:host_id']) || port['binding:vif_type'] !== 'ovs') return;
  const levels = await call('getBindingLevels', () => plugin.getBindingLevels(port.id));
  if (levels.ok) {
    const key = `${levels.value.length} level${levels.value.length === 1 ? '' : 's'}`;
    torBindings[key] = (torBindings[key] ?? 0) + 1;
  }
}

/** Keeps what a successful call answered about a port. */
function remember(port) {
  livePorts.set(port.id, {
    networkId: port.network_id,
    host: port['binding:host_id'],
    fixedIps: port.fixed_ips,
    macAddress: port.mac_address,
  });
  const vifType = port['binding:vif_type'];
  vifTypes[vifType] = (vifTypes[vifType] ?? 0) + 1;
}

/** After a rejected update: the port must still be as the last successful call left it. */
async function checkUnchanged(plugin, portId, op, shape) {
  const expected = livePorts.get(portId);
  const current = await call('getPortAfterRejection', () => plugin.getPort(portId));
  if (!current.ok) {
    violations.push(`${op} ${portId} was rejected (${shape.type}); getPort then failed`);
    return;
  }
  const port = current.value;
  if (
    port['binding:host_id'] !== expected.host ||
    JSON.stringify(port.fixed_ips) !== JSON.stringify(expected.fixedIps)
  ) {
    violations.push(
      `${op} ${portId} was rejected (${shape.type}) but changed the port: host ` +
        `${expected.host} -> ${port['binding:host_id']}, fixed_ips ` +
        `${JSON.stringify(expected.fixedIps)} -> ${JSON.stringify(port.fixed_ips)}`,
    );
  }
}

/**
 * Creates networks of its own (tenant and provider) until the ranges run out (or it holds
 * MAX_OWN_NETWORKS), then deletes them all, and again. Starts a little late, so that the first
 * ports bound behind the switch find free VLANs for their dynamic segments.
 */
async function networkLane(plugin, deadline) {
  await sleep(NETWORK_LANE_DELAY_MS);
  const mine = [];
  let releasing = false;
  for (let sequence = 0; now() < deadline; sequence++) {
    if (mine.length >= MAX_OWN_NETWORKS) releasing = true;
    if (releasing && mine.length > 0) {
      const networkId = mine[0];
      const deleted = await call('deleteNetwork', () => plugin.deleteNetwork(networkId));
      if (deleted.ok) {
        mine.shift();
        liveNetworks.delete(networkId);
      }
      if (mine.length === 0) releasing = false;
      continue;
    }
    const name = `mp-net-${INDEX}-${sequence}`;
    const choice = random();
    let op = 'createTenantNetwork';
    let request = { name };
    if (choice >= 0.85) {
      op = 'createVxlanProviderNetwork';
      request = {
        name,
        'provider:network_type': 'vxlan',
        'provider:segmentation_id': pick(CONTENDED_VNIS),
      };
    } else if (choice >= 0.65) {
      op = 'createVlanProviderNetwork';
      request = {
        name,
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1',
        'provider:segmentation_id': pick(CONTENDED_VLANS),
      };
    }
    const created = await call(op, () => plugin.createNetwork(request));
    if (created.ok) {
      mine.push(created.value.id);
      liveNetworks.add(created.value.id);
    } else {
      rejected.networks.push({ name, op, type: created.shape.type });
      if (created.shape.type === 'NoNetworkAvailable') releasing = true;
    }
    await sleep(random() * LANE_PAUSE_MS);
  }
}

/** Heartbeats the shared agents (all but the victim in the deleting process). */
async function heartbeatLane(plugin, deadline) {
  const hosts = INDEX === DELETER ? HOSTS.filter((host) => host !== VICTIM) : HOSTS;
  while (now() < deadline) {
    const round = now();
    await Promise.all(
      hosts.map(async (host) => {
        const start = now();
        const outcome = await call('reportState', () => plugin.rpc.reportState(report(host)));
        heartbeats.push({
          host,
          start,
          end: now(),
          result: outcome.ok ? outcome.value : null,
          error: outcome.ok ? null : outcome.shape.type,
        });
      }),
    );
    await sleep(Math.max(0, HEARTBEAT_INTERVAL_MS - (now() - round)));
  }
}

/** Process DELETER: deletes the victim agent again and again, stopping a second before the end. */
async function deleterLane(plugin, deadline) {
  await sleep(300);
  while (now() < deadline - 1200) {
    const listed = await call('listAgents', () => plugin.agents.list({ host: VICTIM }));
    for (const agent of listed.ok ? listed.value : []) {
      const start = now();
      const deleted = await call('deleteAgent', () => plugin.agents.delete(agent.id));
      deletions.push({
        agentId: agent.id,
        start,
        end: now(),
        ok: deleted.ok,
        error: deleted.ok ? null : deleted.shape.type,
      });
    }
    await sleep(DELETE_INTERVAL_MS);
  }
}

async function main() {
  const started = now();
  const engine = await createEngine({
    database,
    logger,
    pluginSearchPaths: [nodeModules],
    overrides: OVERRIDES,
  });
  const openMs = now() - started;
  const retriesCounted = countRetries(engine.store);
  const { plugin } = engine;
  await send({ event: 'opened', openMs });
  if (INDEX === 0) await send({ event: 'shared', shared: await createShared(plugin) });
  const shared = await waitForGo();
  const runStart = now();
  const deadline = runStart + RUN_MS;
  await Promise.all([
    heartbeatLane(plugin, deadline),
    networkLane(plugin, deadline),
    ...Array.from({ length: PORT_LANES }, (_, lane) => portLane(plugin, shared, lane, deadline)),
    ...(INDEX === DELETER ? [deleterLane(plugin, deadline)] : []),
  ]);
  const runMs = now() - runStart;
  await engine.interruptedBindings;
  await engine.close();
  await send({
    event: 'summary',
    index: INDEX,
    openMs,
    runMs,
    plan: { hosts: HOSTS, victim: VICTIM, deleter: DELETER },
    counts,
    failureShapes: Object.values(failureShapes),
    retries: retriesCounted ? retries : null,
    logged,
    vifTypes,
    torBindings,
    rejected,
    heartbeats,
    deletions,
    violations,
    livePorts: Object.fromEntries(livePorts),
    liveNetworks: [...liveNetworks],
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
