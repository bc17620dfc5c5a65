import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The TypeScript block between the library-example markers of the README. */
function readmeExample(): string {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const match =
    /<!-- library-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- library-example:end -->/.exec(
      readme,
    );
  if (!match) throw new Error('README.md has no library example between its markers');
  return match[1];
}

describe('the README library example', () => {
  it('is shorter than 20 lines', () => {
    expect(readmeExample().trim().split('\n').length).toBeLessThan(20);
  });

  it('runs verbatim and binds the port with openvswitch', async () => {
    const javascript = ts.transpileModule(readmeExample(), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const printed: unknown[][] = [];
    const fakeConsole = { log: (...values: unknown[]) => printed.push(values) };
    // The snippet uses top-level await; run its compiled body inside an async function.
    const run = new Function(
      'require',
      'exports',
      'console',
      `return (async () => {\n${javascript}\n})();`,
    ) as (require: NodeJS.Require, exports: object, console: object) => Promise<void>;
    await run(require, {}, fakeConsole);

    expect(printed).toHaveLength(2);
    const [vifType, vifDetails] = printed[0];
    expect(vifType).toBe('ovs');
    expect(vifDetails).toEqual({
      connectivity: 'l2',
      port_filter: true,
      ovs_hybrid_plug: true,
      datapath_type: 'system',
      bridge_name: 'br-int',
      bound_drivers: { '0': 'openvswitch' },
    });
    expect(printed[1][0]).toEqual([
      expect.objectContaining({
        level: 0,
        driver: 'openvswitch',
        decision: 'bound',
        segments: [expect.objectContaining({ networkType: 'vxlan', physicalNetwork: null })],
      }),
    ]);
    const vni = (printed[1][0] as Array<{ segments: Array<{ segmentationId: number }> }>)[0]
      .segments[0].segmentationId;
    expect(vni).toBeGreaterThanOrEqual(1000);
    expect(vni).toBeLessThanOrEqual(1999);
  });
});
