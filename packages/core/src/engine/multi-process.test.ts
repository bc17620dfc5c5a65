import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  Agent,
  Network,
  NetworkSegment,
  openStore,
  Port,
  PortBinding,
  PortBindingLevel,
  VlanAllocation,
  VxlanAllocation,
} from '@ml2ts/store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase,
} from '@ml2ts/store/test-support';

/**
 * Three engine processes on one database (one SQLite file, one PostgreSQL database, one MariaDB
 * database), all started together on the empty database, then working at once for a few
 * seconds on shared networks, shared subnet addresses, small segmentation-id ranges and shared
 * agents (see `test-support/multi-process-child.cjs`). Each process reports every call's
 * outcome; the database is then checked for the invariants the engine promises whatever the
 * number of processes. Runs on the built packages (`npx tsc -b`), as servers do.
 *
 * `ML2TS_MULTI_PROCESS_MS` sets how long the processes work (default 5000 ms);
 * `ML2TS_MULTI_PROCESS_SEED` their seed; `ML2TS_MULTI_PROCESS_VERBOSE=1` prints what each
 * process did.
 */

const REPOSITORY = join(__dirname, '../../../..');
const NODE_MODULES = join(REPOSITORY, 'node_modules');
const CHILD = join(__dirname, 'test-support/multi-process-child.cjs');
const PROCESSES = 3;
const RUN_MS = Number(process.env.ML2TS_MULTI_PROCESS_MS ?? 5000);
const SEED = Number(process.env.ML2TS_MULTI_PROCESS_SEED ?? 20261202);
/** Opening, the run and closing of one process must fit in this. */
const CHILD_TIMEOUT_MS = RUN_MS + 45_000;
const VERBOSE = process.env.ML2TS_MULTI_PROCESS_VERBOSE === '1';
const UNPLUGGED = ['unbound', 'binding_failed'];

/** One failure shape a process saw: what the caller got. */
interface FailureShape {
  readonly name: string;
  readonly type: string | null;
  readonly httpStatus: number | null;
  readonly ml2Error: boolean;
  readonly message: string;
  readonly cause: string | null;
  readonly op: string;
  readonly count: number;
}

/** One `reportState` call. */
interface Heartbeat {
  readonly host: string;
  readonly start: number;
  readonly end: number;
  readonly result: string | null;
  readonly error: string | null;
}

/** One deletion of the victim agent. */
interface Deletion {
  readonly agentId: string;
  readonly start: number;
  readonly end: number;
  readonly ok: boolean;
  readonly error: string | null;
}

/** What a port looked like after the last successful call of its process. */
interface KnownPort {
  readonly networkId: string;
  readonly host: string;
  readonly fixedIps: readonly { ip_address: string; subnet_id: string }[];
  readonly macAddress: string;
}

/** The JSON summary a process writes at the end. */
interface ChildSummary {
  readonly index: number;
  readonly openMs: number;
  readonly runMs: number;
  readonly plan: { readonly hosts: readonly string[]; victim: string; deleter: number };
  readonly counts: Record<string, { calls: number; ok: number; failures: Record<string, number> }>;
  readonly failureShapes: readonly FailureShape[];
  readonly retries: Record<string, number> | null;
  readonly logged: { warn: Record<string, number>; error: Record<string, number> };
  readonly vifTypes: Record<string, number>;
  /** Bound ports behind the switch by number of levels: `2 levels` went through a dynamic VLAN. */
  readonly torBindings: Record<string, number>;
  readonly rejected: {
    readonly ports: readonly { id: string; networkId: string; ip: string; mac: string | null }[];
    readonly networks: readonly { name: string; op: string; type: string | null }[];
  };
  readonly heartbeats: readonly Heartbeat[];
  readonly deletions: readonly Deletion[];
  readonly violations: readonly string[];
  readonly livePorts: Record<string, KnownPort>;
  readonly liveNetworks: readonly string[];
}

/** The shared networks process 0 created. */
interface SharedNetwork {
  readonly networkId: string;
  readonly subnetId: string;
  readonly prefix: string;
}

/** Everything the checks read from the database once every process has exited. */
interface Snapshot {
  readonly migrations: string[];
  readonly networks: Network[];
  readonly segments: NetworkSegment[];
  readonly ports: Port[];
  readonly bindings: PortBinding[];
  readonly levels: PortBindingLevel[];
  readonly agents: Agent[];
  readonly vlanAllocations: VlanAllocation[];
  readonly vxlanAllocations: VxlanAllocation[];
}

/** The result of one run: what the processes said, and what the database holds. */
interface Run {
  readonly shared: readonly SharedNetwork[];
  readonly summaries: readonly ChildSummary[];
  readonly snapshot: Snapshot;
  readonly elapsedMs: number;
}

/**
 * Starts the processes together on `url`, sends them the go (with the shared networks process 0
 * created) once all have opened the engine, and collects their summaries. Rejects, with the
 * process's stderr, when one exits with an error or overruns.
 */
async function runProcesses(
  url: string,
): Promise<{ shared: SharedNetwork[]; summaries: ChildSummary[] }> {
  const children: ChildProcessWithoutNullStreams[] = [];
  let opened = 0;
  let shared: SharedNetwork[] | null = null;
  let went = false;
  const goIfReady = () => {
    if (went || opened < PROCESSES || shared === null) return;
    went = true;
    for (const child of children) child.stdin.end(`${JSON.stringify({ shared })}\n`);
  };
  const finished = Array.from(
    { length: PROCESSES },
    (_, index) =>
      new Promise<ChildSummary>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [CHILD, url, NODE_MODULES, String(index), String(RUN_MS), String(SEED)],
          { cwd: REPOSITORY, stdio: ['pipe', 'pipe', 'pipe'] },
        );
        children.push(child);
        const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
        let stderr = '';
        let summary: ChildSummary | null = null;
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        // A process that died before reading its go line must not fail the others' writes.
        child.stdin.on('error', () => undefined);
        createInterface({ input: child.stdout }).on('line', (line) => {
          const message = JSON.parse(line) as { event: string } & Record<string, unknown>;
          if (message.event === 'opened') opened += 1;
          if (message.event === 'shared') shared = message.shared as SharedNetwork[];
          if (message.event === 'summary') summary = message as unknown as ChildSummary;
          goIfReady();
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (code === 0 && summary !== null) resolve(summary);
          else {
            for (const other of children) if (other !== child) other.kill('SIGKILL');
            reject(
              new Error(
                `process ${index} on ${url} ended with code ${code} signal ${signal}` +
                  `${summary === null ? ' without a summary' : ''}:\n${stderr}`,
              ),
            );
          }
        });
      }),
  );
  const summaries = await Promise.all(finished);
  return { shared: shared ?? [], summaries: summaries.sort((a, b) => a.index - b.index) };
}

/** Reads every row the checks need, through a store of its own. */
async function readSnapshot(url: string): Promise<Snapshot> {
  const store = await openStore({ url });
  try {
    return await store.read(async (manager) => ({
      migrations: ((await manager.query('SELECT name FROM migrations')) as { name: string }[]).map(
        (row) => row.name,
      ),
      networks: await manager.find(Network),
      segments: await manager.find(NetworkSegment),
      ports: await manager.find(Port),
      bindings: await manager.find(PortBinding),
      levels: await manager.find(PortBindingLevel),
      agents: await manager.find(Agent),
      vlanAllocations: await manager.find(VlanAllocation),
      vxlanAllocations: await manager.find(VxlanAllocation),
    }));
  } finally {
    await store.close();
  }
}

/** Groups `items` by `key`. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return groups;
}

/** `failures` of every process merged: `op: type status` → count. */
function failureTable(summaries: readonly ChildSummary[]): Record<string, number> {
  const table: Record<string, number> = {};
  for (const summary of summaries) {
    for (const [op, entry] of Object.entries(summary.counts)) {
      for (const [failure, count] of Object.entries(entry.failures)) {
        table[`${op}: ${failure}`] = (table[`${op}: ${failure}`] ?? 0) + count;
      }
    }
  }
  return table;
}

/** A one-screen account of a run, for `ML2TS_MULTI_PROCESS_VERBOSE=1`. */
function describeRun(label: string, run: Run): string {
  const calls = run.summaries.map((summary) =>
    Object.entries(summary.counts)
      .map(([op, entry]) => `${op} ${entry.ok}/${entry.calls}`)
      .join(', '),
  );
  return [
    `${label}: ${run.elapsedMs.toFixed(0)} ms in all`,
    ...run.summaries.map(
      (summary, index) =>
        `  process ${index}: opened in ${summary.openMs.toFixed(0)} ms, ran ${summary.runMs.toFixed(0)} ms; ` +
        `ok/calls: ${calls[index]}; retries ${JSON.stringify(summary.retries)}; ` +
        `vif types ${JSON.stringify(summary.vifTypes)}; behind the switch ${JSON.stringify(summary.torBindings)}; ` +
        `logged ${JSON.stringify(summary.logged)}`,
    ),
    `  failures: ${JSON.stringify(failureTable(run.summaries))}`,
    `  failure shapes: ${JSON.stringify(
      run.summaries.flatMap((summary) =>
        summary.failureShapes.map((shape) => ({ process: summary.index, ...shape })),
      ),
    )}`,
    `  database: ${run.snapshot.ports.length} ports, ${run.snapshot.networks.length} networks, ` +
      `${run.snapshot.segments.length} segments (${run.snapshot.segments.filter((s) => s.isDynamic).length} dynamic), ` +
      `${run.snapshot.levels.length} levels, ${run.snapshot.vlanAllocations.length} VLAN and ` +
      `${run.snapshot.vxlanAllocations.length} VNI allocations, ${run.snapshot.agents.length} agents`,
  ].join('\n');
}

describeEachDatabase(
  'three engine processes on one $label database',
  (kind) => {
    let database: TestDatabase | undefined;
    let run: Run;

    beforeAll(async () => {
      // The processes run the built packages, as servers do.
      expect(existsSync(join(REPOSITORY, 'packages/core/dist/index.js'))).toBe(true);
      const started = performance.now();
      database = await kind.create();
      const { shared, summaries } = await runProcesses(database.url);
      const snapshot = await readSnapshot(database.url);
      run = { shared, summaries, snapshot, elapsedMs: performance.now() - started };
      if (VERBOSE) console.info(describeRun(kind.label, run));
    }, CHILD_TIMEOUT_MS + 30_000);

    afterAll(async () => {
      await database?.remove();
    });

    it('opens the engine in every process on the empty database, migrating once', () => {
      expect(run.summaries).toHaveLength(PROCESSES);
      expect(run.shared).toHaveLength(3);
      // Each migration is recorded once: no process ran one a second time.
      expect(run.snapshot.migrations.length).toBeGreaterThan(0);
      expect(new Set(run.snapshot.migrations).size).toBe(run.snapshot.migrations.length);
    });

    it('did contended work: conflicts, exhausted ranges, bound and rebound ports', () => {
      const failures = failureTable(run.summaries);
      const total = (pattern: RegExp) =>
        Object.entries(failures)
          .filter(([key]) => pattern.test(key))
          .reduce((sum, [, count]) => sum + count, 0);
      const ok = (op: string) => sum((summary) => summary.counts[op]?.ok);
      const sum = (count: (summary: ChildSummary) => number | undefined) =>
        run.summaries.reduce((total, summary) => total + (count(summary) ?? 0), 0);
      expect({
        addressConflicts: total(/IpAddressInUse/) > 0,
        exhaustedRanges: total(/NoNetworkAvailable/) > 0,
        segmentationIdConflicts: total(/VlanIdInUse|TunnelIdInUse/) > 0,
        createdPorts: ok('createPort') > 0,
        reboundPorts: ok('rebindPort') > 0,
        boundPorts: sum((summary) => summary.vifTypes.ovs) > 0,
        dynamicSegmentBindings: sum((summary) => summary.torBindings['2 levels']) > 0,
        deletedAgents: ok('deleteAgent') >= 2,
      }).toEqual({
        addressConflicts: true,
        exhaustedRanges: true,
        segmentationIdConflicts: true,
        createdPorts: true,
        reboundPorts: true,
        boundPorts: true,
        dynamicSegmentBindings: true,
        deletedAgents: true,
      });
    });

    it('answers every failed call with a typed error (an Ml2Error with an HTTP status)', () => {
      const untyped = run.summaries.flatMap((summary) =>
        summary.failureShapes
          .filter((shape) => !shape.ml2Error || typeof shape.httpStatus !== 'number')
          .map((shape) => ({ process: summary.index, ...shape })),
      );
      expect(untyped).toEqual([]);
    });

    it('answers no call with a 500: a race between processes is a conflict or a retry', () => {
      const internal = run.summaries.flatMap((summary) =>
        summary.failureShapes
          .filter((shape) => shape.httpStatus === 500)
          .map((shape) => `process ${summary.index} ${shape.op} x${shape.count}: ${shape.message}`),
      );
      expect(internal).toEqual([]);
    });

    it('leaves a port as it was when an update of it is rejected', () => {
      expect(run.summaries.flatMap((summary) => summary.violations)).toEqual([]);
    });

    it('keeps exactly one ACTIVE binding per port, and no binding without its port', () => {
      const { ports, bindings } = run.snapshot;
      const portIds = new Set(ports.map((port) => port.id));
      const active = groupBy(
        bindings.filter((binding) => binding.status === 'ACTIVE'),
        (binding) => binding.portId,
      );
      const problems = [
        ...ports
          .filter((port) => active.get(port.id)?.length !== 1)
          .map((port) => `port ${port.id}: ${active.get(port.id)?.length ?? 0} ACTIVE bindings`),
        ...bindings
          .filter((binding) => !portIds.has(binding.portId))
          .map((binding) => `binding of missing port ${binding.portId}`),
      ];
      expect(problems).toEqual([]);
    });

    it('keeps binding levels only on the bound host, numbered from 0, on segments of the network', () => {
      const { ports, bindings, levels, segments } = run.snapshot;
      const portsById = new Map(ports.map((port) => [port.id, port]));
      const segmentsById = new Map(segments.map((segment) => [segment.id, segment]));
      const activeByPort = new Map(
        bindings
          .filter((binding) => binding.status === 'ACTIVE')
          .map((binding) => [binding.portId, binding]),
      );
      const problems: string[] = [];
      for (const level of levels) {
        const where = `level ${level.level} of port ${level.portId} on ${level.host}`;
        const port = portsById.get(level.portId);
        const binding = activeByPort.get(level.portId);
        if (!port || !binding) problems.push(`${where}: orphan (no port or no ACTIVE binding)`);
        else if (binding.host !== level.host)
          problems.push(`${where}: the port is bound to '${binding.host}'`);
        const segment = level.segmentId === null ? undefined : segmentsById.get(level.segmentId);
        if (!segment) problems.push(`${where}: segment ${level.segmentId} does not exist`);
        else if (port && segment.networkId !== port.networkId)
          problems.push(`${where}: segment ${segment.id} is on another network`);
      }
      for (const port of ports) {
        const binding = activeByPort.get(port.id);
        if (!binding) continue;
        const own = levels
          .filter((level) => level.portId === port.id && level.host === binding.host)
          .map((level) => level.level)
          .sort((a, b) => a - b);
        const bound = !UNPLUGGED.includes(binding.vifType);
        if (bound && own.length === 0)
          problems.push(`port ${port.id} is bound (${binding.vifType}) with no level`);
        if (!bound && own.length > 0)
          problems.push(`port ${port.id} is ${binding.vifType} with levels ${own.join(',')}`);
        if (own.some((level, index) => level !== index))
          problems.push(`port ${port.id}: levels ${own.join(',')} are not 0..n-1`);
      }
      expect(problems).toEqual([]);
    });

    it('keeps no dynamic segment that no binding level uses', () => {
      const used = new Set(run.snapshot.levels.map((level) => level.segmentId));
      const unused = run.snapshot.segments
        .filter((segment) => segment.isDynamic && !used.has(segment.id))
        .map(
          (segment) =>
            `${segment.id} (${segment.networkType} ${segment.physicalNetwork}:${segment.segmentationId} of network ${segment.networkId})`,
        );
      expect(unused).toEqual([]);
    });

    it('gives no segmentation id to two segments, and the allocation tables agree with them', () => {
      const { segments, vlanAllocations, vxlanAllocations } = run.snapshot;
      const withId = segments.filter((segment) => segment.segmentationId !== null);
      const shared = [
        ...groupBy(
          withId,
          (segment) =>
            `${segment.networkType} ${segment.physicalNetwork ?? '-'}:${segment.segmentationId}`,
        ),
      ]
        .filter(([, holders]) => holders.length > 1)
        .map(([id, holders]) => `${id} held by networks ${holders.map((s) => s.networkId)}`);
      const vlanSegments = withId
        .filter((segment) => segment.networkType === 'vlan')
        .map((segment) => `${segment.physicalNetwork}:${segment.segmentationId}`)
        .sort();
      const vlanRows = vlanAllocations
        .filter((row) => Boolean(row.allocated))
        .map((row) => `${row.physicalNetwork}:${row.vlanId}`)
        .sort();
      const vxlanSegments = withId
        .filter((segment) => segment.networkType === 'vxlan')
        .map((segment) => Number(segment.segmentationId))
        .sort((a, b) => a - b);
      const vxlanRows = vxlanAllocations
        .filter((row) => Boolean(row.allocated))
        .map((row) => Number(row.id))
        .sort((a, b) => a - b);
      expect({ shared, vlan: vlanRows, vxlan: vxlanRows }).toEqual({
        shared: [],
        vlan: vlanSegments,
        vxlan: vxlanSegments,
      });
    });

    it('gives no fixed IP to two ports of a network', () => {
      const holders = groupBy(
        run.snapshot.ports.flatMap((port) =>
          (JSON.parse(port.fixedIps) as { ip_address: string }[]).map((fixedIp) => ({
            key: `${port.networkId} ${fixedIp.ip_address}`,
            port: port.id,
          })),
        ),
        (entry) => entry.key,
      );
      const doubles = [...holders]
        .filter(([, entries]) => entries.length > 1)
        .map(([key, entries]) => `${key}: ports ${entries.map((entry) => entry.port).join(', ')}`);
      expect(doubles).toEqual([]);
    });

    it('leaves nothing of a rejected create, and exactly what the accepted calls left', () => {
      const { ports, networks, bindings } = run.snapshot;
      const portIds = new Set(ports.map((port) => port.id));
      const networkNames = new Set(networks.map((network) => network.name));
      const leftovers = run.summaries.flatMap((summary) => [
        ...summary.rejected.ports
          .filter((port) => portIds.has(port.id))
          .map((port) => `rejected createPort ${port.id} (${port.ip}) left its port`),
        ...summary.rejected.networks
          .filter((network) => networkNames.has(network.name))
          .map((network) => `rejected ${network.op} ${network.name} left its network`),
      ]);
      const known = Object.assign(
        {},
        ...run.summaries.map((summary) => summary.livePorts),
      ) as Record<string, KnownPort>;
      const activeByPort = new Map(
        bindings
          .filter((binding) => binding.status === 'ACTIVE')
          .map((binding) => [binding.portId, binding]),
      );
      const stored = Object.fromEntries(
        ports.map((port) => [
          port.id,
          {
            networkId: port.networkId,
            host: activeByPort.get(port.id)?.host ?? null,
            fixedIps: JSON.parse(port.fixedIps) as unknown,
            macAddress: port.macAddress,
          },
        ]),
      );
      const networkIds = new Set(networks.map((network) => network.id));
      const expectedNetworks = new Set([
        ...run.shared.map((network) => network.networkId),
        ...run.summaries.flatMap((summary) => summary.liveNetworks),
      ]);
      expect({
        leftovers,
        ports: stored,
        missingNetworks: [...expectedNetworks].filter((id) => !networkIds.has(id)),
        extraNetworks: [...networkIds].filter((id) => !expectedNetworks.has(id)),
      }).toEqual({ leftovers: [], ports: known, missingNetworks: [], extraNetworks: [] });
    });

    it('answers `new` to the next heartbeat of an agent another process deleted', () => {
      const { victim, deleter } = run.summaries[0].plan;
      const others = run.summaries
        .filter((summary) => summary.index !== deleter)
        .flatMap((summary) => summary.heartbeats.filter((beat) => beat.host === victim));
      // A deletion can be judged when a heartbeat of the agent started after it had committed.
      const deletions = run.summaries[deleter].deletions.filter(
        (deletion) => deletion.ok && others.some((beat) => beat.start > deletion.end),
      );
      // Each deletion is followed, before the next one, by a heartbeat answered `new`: the
      // agent registered again, and was told so (an agent told `alive` would not resync).
      const unannounced = deletions
        .map((deletion, index) => ({ deletion, next: deletions[index + 1]?.start ?? Infinity }))
        .filter(
          ({ deletion, next }) =>
            !others.some(
              (beat) => beat.result === 'new' && beat.end >= deletion.start && beat.start <= next,
            ),
        )
        .map(({ deletion }) => {
          const after = others
            .filter((beat) => beat.end >= deletion.start)
            .sort((a, b) => a.end - b.end)
            .slice(0, 4)
            .map(
              (beat) =>
                `${beat.result ?? beat.error} (sent at ${(beat.start - deletion.end).toFixed(0)} ms, ` +
                `answered at ${(beat.end - deletion.end).toFixed(0)} ms)`,
            );
          return `agent ${deletion.agentId} deleted; then heartbeats: ${after.join(', ')}`;
        });
      expect(deletions.length).toBeGreaterThanOrEqual(2);
      expect(unannounced).toEqual([]);
      expect(run.snapshot.agents.filter((agent) => agent.host === victim)).toHaveLength(1);
    });

    it('registers every agent nobody deletes exactly once: one `new` per host in all', () => {
      const { hosts, victim } = run.summaries[0].plan;
      const beats = run.summaries.flatMap((summary) => summary.heartbeats);
      const news = Object.fromEntries(
        hosts
          .filter((host) => host !== victim)
          .map((host) => [
            host,
            beats.filter((beat) => beat.host === host && beat.result === 'new').length,
          ]),
      );
      expect(news).toEqual(Object.fromEntries(Object.keys(news).map((host) => [host, 1])));
      expect(run.snapshot.agents.map((agent) => agent.host).sort()).toEqual([...hosts].sort());
    });
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
