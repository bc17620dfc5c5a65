import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BindingStatus, VifType } from '@ml2ts/driver-api';
import { preparedStatement } from '@ml2ts/store';
import { createEngine, type Engine } from './create-engine';

const REPOSITORY = join(__dirname, '../../../..');
const NODE_MODULES = join(REPOSITORY, 'node_modules');
const CHILD = join(__dirname, 'test-support/binding-crash-child.cjs');
const ROUNDS = 10;

/** A small seeded generator, so that a failing round can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Starts the binding server on `database`, kills it with SIGKILL `afterMs` after it is ready. */
function bindUntilKilled(database: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, database, NODE_MODULES], {
      cwd: REPOSITORY,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the server exited early:\n${stderr}`)),
    );
  });
}

/** Ports of `engine` with a host whose active binding is still `unbound`. */
function unboundWithHost(engine: Engine): Promise<number> {
  return engine.store.read(
    async (manager) =>
      (
        preparedStatement(
          manager,
          `SELECT COUNT(*) AS n FROM ml2_port_bindings WHERE host <> '' AND vif_type = ? AND status = ?`,
        ).get(VifType.UNBOUND, BindingStatus.ACTIVE) as { n: number }
      ).n,
  );
}

describe('a server killed while it binds', () => {
  it(`leaves no port with a host unbound after each restart (${ROUNDS} kills)`, async () => {
    // The server runs from the built packages, as in production.
    expect(existsSync(join(REPOSITORY, 'packages/core/dist/index.js'))).toBe(true);
    const folder = mkdtempSync(join(tmpdir(), 'ml2ts-crash-'));
    const database = join(folder, 'ml2ts.sqlite');
    const random = seededRandom(Number(process.env.ML2TS_CRASH_SEED ?? 20261201));
    let interrupted = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await bindUntilKilled(database, 20 + Math.floor(random() * 300));
        const engine = await createEngine({
          database,
          pluginSearchPaths: [NODE_MODULES],
          overrides: {
            ml2: { mechanism_drivers: ['openvswitch'], tenant_network_types: ['vxlan'] },
            ml2_type_vxlan: { vni_ranges: ['1:1000'] },
          },
        });
        try {
          interrupted += await engine.interruptedBindings;
          expect({ round, unbound: await unboundWithHost(engine) }).toEqual({ round, unbound: 0 });
        } finally {
          await engine.close();
        }
      }
      // The kills did land inside bindings: the recovery had work to do.
      expect(interrupted).toBeGreaterThan(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
