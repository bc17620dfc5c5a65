import { VifType } from '@ml2ts/driver-api';
import { startServer } from '@ml2ts/server';
import pino from 'pino';
import { Client, type Dispatcher, Pool } from 'undici';
import { AgentKeepAlive } from '../agent-keep-alive';
import { restClientsOf, type RestJobKind } from '../bench-cases';
import { BenchCheckError } from '../bench-check-error';
import { benchEngineOptions, startBenchEngine } from '../bench-engine';
import { type CreatePass, type RestMeasurement } from '../measurement';
import { computeHostName } from '../ovs-agent-report';
import { runConcurrently } from '../run-concurrently';
import { ratePerSecond, summarizeLatencies } from '../statistics';
import { WARM_UP_PORTS } from './engine-binding-case';

/** Runs `work` on a fresh, empty database (a SQLite path or a URL) and deletes it afterwards. */
export type WithDatabase = <T>(work: (database: string) => Promise<T>) => Promise<T>;

/** The project of the library pass's resources; the REST pass's are noauth's default one. */
const PROJECT_ID = 'fake_project_id';

/** How one pass creates its networks and ports; each create checks what it got back. */
interface PassTarget {
  createNetwork(name: string): Promise<string>;
  createPortWithHost(networkId: string, host: string): Promise<void>;
}

/**
 * Measures one REST job: `size` one-call creates with host (`POST /v2.0/ports` with
 * `network_id` and `binding:host_id`) by `clients` concurrent keep-alive HTTP clients against
 * `startServer` on a fresh database, with one live OVS agent (tunnel type VXLAN) on the host and
 * a tenant VXLAN network; and before it, as the ratio's denominator, the same creates through
 * the library (`createPort` in-process, same concurrency) on a fresh database of their own. The
 * server and the HTTP clients share this process. Each pass first creates `WARM_UP_PORTS` ports
 * on a network of their own. Every answer must be a 201 with vif_type `ovs`, otherwise
 * `BenchCheckError`. Closes what it opened.
 */
export async function measureRestBinding(
  job: RestJobKind,
  size: number,
  withDatabase: WithDatabase,
): Promise<RestMeasurement> {
  const clients = restClientsOf(job);
  const library = await withDatabase((database) => measureLibraryPass(size, clients, database));
  const rest = await withDatabase((database) => measureRestPass(size, clients, database));
  return { kind: 'rest', job, size, clients, rest, library };
}

async function measureLibraryPass(
  size: number,
  clients: number,
  database: string,
): Promise<CreatePass> {
  const engine = await startBenchEngine(database);
  try {
    const plugin = engine.plugin;
    const agent = new AgentKeepAlive(plugin, computeHostName(1));
    await agent.start();
    return await measurePass(size, clients, agent, {
      createNetwork: async (name) =>
        (await plugin.createNetwork({ name, project_id: PROJECT_ID })).id,
      createPortWithHost: async (networkId, host) => {
        const port = await plugin.createPort({
          network_id: networkId,
          project_id: PROJECT_ID,
          'binding:host_id': host,
        });
        checkVifType(port.id, port['binding:vif_type']);
      },
    });
  } finally {
    await engine.close();
  }
}

async function measureRestPass(
  size: number,
  clients: number,
  database: string,
): Promise<CreatePass> {
  const server = await startServer({
    engine: benchEngineOptions(database),
    listen: { host: '127.0.0.1', port: 0 },
    log: pino({ level: 'silent' }),
  });
  const dispatcher: Dispatcher =
    clients === 1 ? new Client(server.url) : new Pool(server.url, { connections: clients });
  try {
    const agent = new AgentKeepAlive(server.engine.plugin, computeHostName(1));
    await agent.start();
    return await measurePass(size, clients, agent, {
      createNetwork: (name) => postNetwork(dispatcher, name),
      createPortWithHost: (networkId, host) => postPort(dispatcher, networkId, host),
    });
  } finally {
    await dispatcher.close();
    await server.close();
  }
}

/** Warm-up on a network of its own, then `size` measured creates on another. */
async function measurePass(
  size: number,
  clients: number,
  agent: AgentKeepAlive,
  target: PassTarget,
): Promise<CreatePass> {
  const warmUp = await target.createNetwork('bench-warm-up');
  await runConcurrently({
    count: WARM_UP_PORTS,
    concurrency: clients,
    latenciesMs: new Float64Array(WARM_UP_PORTS),
    before: () => agent.beatIfDue(),
    operation: () => target.createPortWithHost(warmUp, agent.host),
  });
  const network = await target.createNetwork('bench');
  const latenciesMs = new Float64Array(size);
  const elapsedMs = await runConcurrently({
    count: size,
    concurrency: clients,
    latenciesMs,
    before: () => agent.beatIfDue(),
    operation: () => target.createPortWithHost(network, agent.host),
  });
  return {
    elapsedMs,
    portsPerSecond: ratePerSecond(size, elapsedMs),
    latencyMs: summarizeLatencies(latenciesMs),
  };
}

async function postNetwork(dispatcher: Dispatcher, name: string): Promise<string> {
  const answer = await post(dispatcher, '/v2.0/networks', { network: { name } });
  const network = answer.network as { id?: unknown; 'provider:network_type'?: unknown };
  if (typeof network?.id !== 'string' || network['provider:network_type'] !== 'vxlan') {
    throw new BenchCheckError(`POST /v2.0/networks answered ${JSON.stringify(answer)}`);
  }
  return network.id;
}

async function postPort(dispatcher: Dispatcher, networkId: string, host: string): Promise<void> {
  const answer = await post(dispatcher, '/v2.0/ports', {
    port: { network_id: networkId, 'binding:host_id': host },
  });
  const port = answer.port as { id?: unknown; 'binding:vif_type'?: unknown } | undefined;
  checkVifType(String(port?.id), port?.['binding:vif_type']);
}

/** POSTs `body` as JSON; the answer must be a 201 with a JSON object. */
async function post(
  dispatcher: Dispatcher,
  path: string,
  body: object,
): Promise<Record<string, unknown>> {
  const response = await dispatcher.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode !== 201) {
    throw new BenchCheckError(`POST ${path} answered ${response.statusCode}: ${text}`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

function checkVifType(portId: string, vifType: unknown): void {
  if (vifType !== VifType.OVS) {
    throw new BenchCheckError(
      `port ${portId} came back with vif_type '${String(vifType)}', not '${VifType.OVS}'`,
    );
  }
}
