import { randomUUID } from 'node:crypto';
import { type Ml2Plugin } from '@ml2ts/core';
import { type PortResource } from '@ml2ts/driver-api';
import { VifType } from '@ml2ts/driver-api';
import { AgentKeepAlive } from '../agent-keep-alive';
import { BenchCheckError } from '../bench-check-error';
import { startBenchEngine } from '../bench-engine';
import { turnEventLoopEvery } from '../event-loop-turn';
import { type BindingMeasurement } from '../measurement';
import { computeHostName } from '../ovs-agent-report';
import { ratePerSecond, summarizeLatencies } from '../statistics';

/** The engine flows the binding cases measure. */
export type EngineBindingJob = 'create-bind' | 'create-with-host';

/**
 * Ports created and bound on a network of their own before the measurement, so the first
 * measured size does not pay for JIT compilation and cold statement caches.
 */
export const WARM_UP_PORTS = 1000;

const PROJECT_ID = 'bench-project';

/**
 * Measures one engine binding flow on a fresh engine over `database` (a SQLite file or a
 * server URL, empty): one live OVS agent (tunnel type VXLAN), one tenant VXLAN network, then
 * `size` ports one after the other:
 *
 * - `create-bind`: `createPort` without host, then `updatePort` with `binding:host_id`, as the
 *   compute side does; the bind latency is that of `updatePort`;
 * - `create-with-host`: one `createPort` carrying `binding:host_id`; its latency is the bind's.
 *
 * Every port must come back bound (`ovs`), otherwise `BenchCheckError`. Closes the engine.
 */
export async function measureEngineBinding(
  job: EngineBindingJob,
  size: number,
  database: string,
): Promise<BindingMeasurement> {
  const engine = await startBenchEngine(database);
  try {
    const plugin = engine.plugin;
    const agent = new AgentKeepAlive(plugin, computeHostName(1));
    await agent.start();
    const bindOne = job === 'create-bind' ? createThenBind : createWithHost;

    const warmUp = await plugin.createNetwork({ name: 'bench-warm-up', project_id: PROJECT_ID });
    const scratch = new Float64Array(1);
    for (let index = 0; index < WARM_UP_PORTS; index++) {
      await bindOne(plugin, warmUp.id, agent.host, scratch, scratch, 0);
      await turnEventLoopEvery(index);
    }

    const network = await plugin.createNetwork({ name: 'bench', project_id: PROJECT_ID });
    const bindLatencies = new Float64Array(size);
    const createLatencies = new Float64Array(size);
    const started = performance.now();
    for (let index = 0; index < size; index++) {
      await agent.beatIfDue();
      await bindOne(plugin, network.id, agent.host, createLatencies, bindLatencies, index);
      await turnEventLoopEvery(index);
    }
    const elapsedMs = performance.now() - started;
    return {
      kind: 'binding',
      job,
      size,
      elapsedMs,
      portsPerSecond: ratePerSecond(size, elapsedMs),
      bindLatencyMs: summarizeLatencies(bindLatencies),
      createLatencyMs: job === 'create-bind' ? summarizeLatencies(createLatencies) : null,
    };
  } finally {
    await engine.close();
  }
}

/** A compute port as Nova creates it: owner `compute:nova`, its instance's id. */
function portRequest(networkId: string) {
  return {
    network_id: networkId,
    project_id: PROJECT_ID,
    device_owner: 'compute:nova',
    device_id: randomUUID(),
  };
}

async function createThenBind(
  plugin: Ml2Plugin,
  networkId: string,
  host: string,
  createLatencies: Float64Array,
  bindLatencies: Float64Array,
  index: number,
): Promise<void> {
  const before = performance.now();
  const port = await plugin.createPort(portRequest(networkId));
  const created = performance.now();
  const bound = await plugin.updatePort(port.id, { 'binding:host_id': host });
  const after = performance.now();
  createLatencies[index] = created - before;
  bindLatencies[index] = after - created;
  checkBound(bound);
}

async function createWithHost(
  plugin: Ml2Plugin,
  networkId: string,
  host: string,
  _createLatencies: Float64Array,
  bindLatencies: Float64Array,
  index: number,
): Promise<void> {
  const before = performance.now();
  const bound = await plugin.createPort({ ...portRequest(networkId), 'binding:host_id': host });
  bindLatencies[index] = performance.now() - before;
  checkBound(bound);
}

function checkBound(port: PortResource): void {
  if (port['binding:vif_type'] !== VifType.OVS) {
    throw new BenchCheckError(
      `port ${port.id} came back with vif_type '${port['binding:vif_type']}', not '${VifType.OVS}'`,
    );
  }
}
