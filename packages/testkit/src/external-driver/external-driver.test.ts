import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createEngine } from '@ml2ts/core';
import { type Logger, type MechanismDriver, silentLogger } from '@ml2ts/driver-api';
import { type DriverCapabilities } from '@ml2ts/driver-api';
import { describeMechanismDriverContract } from '../contract/describe-mechanism-driver-contract';

/** The monorepo root (where the installed `node_modules` is). */
const MONOREPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** The `package.json` of the external package: its manifest and its dependencies by path. */
function externalPackageJson(monorepoRoot: string): Record<string, unknown> {
  return {
    name: 'ml2ts-mech-macvtap',
    version: '1.0.0',
    description: 'Macvtap mechanism driver for ml2ts, written outside the ml2ts repository',
    license: 'Apache-2.0',
    main: './index.js',
    keywords: ['ml2ts', 'ml2ts-plugin', 'mechanism-driver'],
    ml2ts: { mechanismDrivers: [{ name: 'macvtap', export: 'macvtapDriverModule' }] },
    dependencies: { '@ml2ts/driver-api': `file:${join(monorepoRoot, 'packages', 'driver-api')}` },
    peerDependencies: { inversify: '^8.2.3' },
  };
}

/**
 * Creates the external driver package in a new temporary folder outside the monorepo: its
 * `package.json`, its `index.js` (copied from `macvtap-driver/`), and a `node_modules` holding
 * what `npm install` of its path dependencies would: links to the monorepo's
 * `@ml2ts/driver-api` and `inversify`. Returns the folder. Synchronous (runs while jest collects
 * tests); throws when the file system refuses.
 */
function createExternalDriverPackage(monorepoRoot: string = MONOREPO_ROOT): string {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), 'ml2ts-external-driver-'));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(externalPackageJson(monorepoRoot), null, 2)}\n`,
  );
  copyFileSync(join(__dirname, 'macvtap-driver', 'index.js'), join(dir, 'index.js'));
  for (const name of ['@ml2ts/driver-api', 'inversify']) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(monorepoRoot, 'node_modules', name)), link, 'dir');
  }
  return dir;
}

/** What the external package exports. */
interface ExternalPackage {
  readonly MacvtapMechanismDriver: new (logger: Logger) => MechanismDriver;
  readonly macvtapDriverModule: unknown;
  readonly macvtapCapabilities: DriverCapabilities;
}

const packageDir = createExternalDriverPackage();
const external = createRequire(__filename)(packageDir) as ExternalPackage;

afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

describe('a driver package written outside the monorepo', () => {
  it('lives in a folder of its own, outside the monorepo, with its manifest', () => {
    expect(relative(realpathSync(MONOREPO_ROOT), packageDir)).toMatch(/^\.\./);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      ml2ts: unknown;
    };
    expect(manifest.ml2ts).toEqual({
      mechanismDrivers: [{ name: 'macvtap', export: 'macvtapDriverModule' }],
    });
  });

  it('is loaded by name through ml2ts.plugin_modules and binds a port', async () => {
    const engine = await createEngine({
      database: ':memory:',
      overrides: {
        ml2: { mechanism_drivers: ['macvtap'], tenant_network_types: ['vlan'] },
        ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:100'] },
        ml2ts: { plugin_modules: [packageDir] },
      },
    });
    try {
      const { plugin } = engine;
      expect(plugin.mechanismDrivers).toEqual(['macvtap']);
      await plugin.rpc.reportState({
        agent_type: 'Macvtap agent',
        binary: 'neutron-macvtap-agent',
        host: 'compute-1',
        topic: 'N/A',
        configurations: { interface_mappings: { physnet1: 'eth1' } },
      });
      const network = await plugin.createNetwork({ name: 'external' });
      const port = await plugin.createPort({
        network_id: network.id,
        'binding:host_id': 'compute-1',
      });
      expect(port['binding:vif_type']).toBe('macvtap');
      expect(port['binding:vif_details']).toEqual({
        port_filter: false,
        macvtap_mode: 'bridge',
        macvtap_source: 'eth1.100',
        physical_interface: 'eth1',
        bound_drivers: { '0': 'macvtap' },
      });

      const elsewhere = await plugin.createPort({
        network_id: network.id,
        'binding:host_id': 'compute-2',
      });
      expect(elsewhere['binding:vif_type']).toBe('binding_failed');
      const trace = await plugin.explainBinding(elsewhere.id);
      expect(trace?.attempts[0].entries).toEqual([
        expect.objectContaining({
          driver: 'macvtap',
          decision: 'declined',
          reasons: [{ code: 'no_agent_on_host', facts: { host: 'compute-2' } }],
        }),
      ]);
    } finally {
      await engine.close();
    }
  });
});

describeMechanismDriverContract({
  createDriver: () => new external.MacvtapMechanismDriver(silentLogger),
  capabilities: external.macvtapCapabilities,
  packageDir,
});
