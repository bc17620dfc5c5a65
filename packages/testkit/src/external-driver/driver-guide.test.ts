import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createEngine } from '@ml2ts/core';

/**
 * Checks docs/writing-a-mechanism-driver.md: every fenced block carries a comment saying what it
 * is, and each is checked accordingly.
 *
 * - `<!-- snippet: <path> -->`: the block is a verbatim excerpt of that file (whole lines, the
 *   common indentation removed);
 * - `<!-- package-json: <path> -->`: every top-level key of the block has the same value in that
 *   `package.json`;
 * - `<!-- configuration -->`: a configuration file that starts an engine, which binds a port in
 *   two levels as the guide says;
 * - `<!-- commands -->`: shell commands of known forms, naming installable packages and existing
 *   paths;
 * - `<!-- author-path: commands | file <path> | output -->`: section 3's package, which
 *   `driver-author-path.test.ts` builds by running those commands and writing those files in an
 *   empty folder. Here they are only checked for form: known commands, `@ml2ts` packages that
 *   exist, tool versions equal to this repository's, inversify on the range the `@ml2ts`
 *   packages peer on, a build before the tests.
 */

const root = join(__dirname, '..', '..', '..', '..');
const guidePath = join(root, 'docs', 'writing-a-mechanism-driver.md');

interface Block {
  readonly annotation: string;
  readonly argument: string;
  readonly language: string;
  readonly text: string;
  readonly line: number;
}

/** The fenced blocks of a Markdown text with the HTML comment right above each. */
function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const fence = /^```(\w*)$/.exec(lines[index]);
    if (!fence) continue;
    const end = lines.indexOf('```', index + 1);
    if (end < 0) throw new Error(`unclosed code block at line ${index + 1}`);
    const comment = /^<!-- ([a-z-]+)(?::\s*(.+?))? -->$/.exec(lines[index - 1] ?? '');
    blocks.push({
      annotation: comment?.[1] ?? '',
      argument: comment?.[2] ?? '',
      language: fence[1],
      text: lines.slice(index + 1, end).join('\n'),
      line: index + 1,
    });
    index = end;
  }
  return blocks;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** True when `excerpt`'s lines appear one after the other in `file`, indented alike. */
function containsExcerpt(file: string, excerpt: string): boolean {
  const fileLines = file.split('\n').map((line) => line.trimEnd());
  const lines = excerpt.split('\n').map((line) => line.trimEnd());
  const baseIndent = indentOf(lines[0]);
  for (let start = 0; start + lines.length <= fileLines.length; start += 1) {
    const shift = indentOf(fileLines[start]) - baseIndent;
    if (shift < 0) continue;
    const prefix = ' '.repeat(shift);
    if (lines.every((line, i) => fileLines[start + i] === (line === '' ? '' : prefix + line))) {
      return true;
    }
  }
  return false;
}

const guide = readFileSync(guidePath, 'utf8');
const blocks = blocksOf(guide);
const describeBlock = (block: Block) => `line ${block.line} (${block.argument || block.language})`;

describe('containsExcerpt', () => {
  const file = 'class A {\n  run(): void {\n    go();\n\n    stop();\n  }\n}\n';
  it('finds whole lines in order, with the common indentation removed', () => {
    expect(containsExcerpt(file, 'run(): void {\n  go();\n\n  stop();')).toBe(true);
    expect(containsExcerpt(file, 'class A {\n  run(): void {')).toBe(true);
  });
  it('refuses a changed line, lines out of order and a changed relative indentation', () => {
    expect(containsExcerpt(file, 'run(): void {\n  go(1);')).toBe(false);
    expect(containsExcerpt(file, 'stop();\ngo();')).toBe(false);
    expect(containsExcerpt(file, 'run(): void {\ngo();')).toBe(false);
    expect(containsExcerpt(file, 'un(): void {')).toBe(false);
  });
});

describe('docs/writing-a-mechanism-driver.md', () => {
  it('says what every code block is', () => {
    const kinds = ['snippet', 'package-json', 'configuration', 'commands', 'author-path'];
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.filter((block) => !kinds.includes(block.annotation)).map(describeBlock)).toEqual(
      [],
    );
  });

  const snippets = blocks.filter((block) => block.annotation === 'snippet');
  it.each(snippets.map((block) => [describeBlock(block), block] as const))(
    'quotes %s verbatim',
    (_where, block) => {
      const file = join(root, block.argument);
      expect(existsSync(file)).toBe(true);
      expect(containsExcerpt(readFileSync(file, 'utf8'), block.text)).toBe(true);
    },
  );

  it('quotes the tor package manifest as it is', () => {
    const manifests = blocks.filter((block) => block.annotation === 'package-json');
    expect(manifests.map((block) => block.argument)).toEqual(['plugins/tor/package.json']);
    for (const block of manifests) {
      const quoted = JSON.parse(block.text) as Record<string, unknown>;
      const actual = JSON.parse(readFileSync(join(root, block.argument), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(Object.keys(quoted)).toContain('ml2ts');
      for (const [key, value] of Object.entries(quoted)) {
        expect([key, isDeepStrictEqual(actual[key], value)]).toEqual([key, true]);
      }
    }
  });

  it('gives a configuration that starts an engine binding a port through tor and openvswitch', async () => {
    const [block] = blocks.filter((each) => each.annotation === 'configuration');
    const dir = mkdtempSync(join(tmpdir(), 'ml2ts-guide-'));
    const configFile = join(dir, 'ml2ts.json');
    writeFileSync(configFile, block.text);
    const engine = await createEngine({ configFile, database: ':memory:' });
    try {
      const { plugin } = engine;
      expect(plugin.mechanismDrivers).toEqual(['tor', 'openvswitch']);
      await plugin.rpc.reportState({
        agent_type: 'Open vSwitch agent',
        binary: 'neutron-openvswitch-agent',
        host: 'compute-1',
        topic: 'N/A',
        configurations: { bridge_mappings: { physnet1: 'br-eth1' }, integration_bridge: 'br-int' },
      });
      const network = await plugin.createNetwork({ name: 'guide' });
      const port = await plugin.createPort({
        network_id: network.id,
        'binding:host_id': 'compute-1',
      });
      expect(port['binding:vif_type']).toBe('ovs');
      const levels = await plugin.getBindingLevels(port.id);
      expect(levels.map((level) => level.driver)).toEqual(['tor', 'openvswitch']);
      const segments = await plugin.listSegments(network.id);
      expect(segments).toContainEqual(
        expect.objectContaining({ network_type: 'vlan', physical_network: 'physnet1' }),
      );
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives commands of known forms that name installable packages and existing paths', () => {
    const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const workspaceNames = ['packages/driver-api', 'packages/testkit', 'packages/core'].map(
      (dir) =>
        (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string })
          .name,
    );
    const installable = new Set([
      ...workspaceNames,
      ...Object.keys(rootManifest.devDependencies),
      'inversify',
    ]);
    const commands = blocks
      .filter((block) => block.annotation === 'commands')
      .flatMap((block) => block.text.split('\n'));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const install = /^npm install(?: --save-(?:peer|dev))? (.+)$/.exec(command);
      const jest = /^npx jest (.+)$/.exec(command);
      if (install) {
        for (const name of install[1].split(' '))
          expect([name, installable.has(name)]).toEqual([name, true]);
      } else if (jest) {
        for (const path of jest[1].split(' '))
          expect([path, existsSync(join(root, path))]).toEqual([path, true]);
      } else {
        expect(['npm run build', 'npm pack --dry-run', 'npm publish']).toContain(command);
      }
    }
  });

  describe('the author path of section 3', () => {
    const steps = blocks.filter((block) => block.annotation === 'author-path');
    const manifestOf = (dir: string) =>
      JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
        devDependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
    const rootManifest = manifestOf('.');
    const workspaces = ['packages', 'plugins']
      .flatMap((parent) => readdirSync(join(root, parent)).map((dir) => join(parent, dir)))
      .concat('migrations')
      .filter((dir) => existsSync(join(root, dir, 'package.json')))
      .map(manifestOf)
      .filter((manifest) => manifest.private !== true);
    const inversifyRange = manifestOf('packages/driver-api').peerDependencies?.inversify;
    const files = steps
      .filter((step) => step.argument.startsWith('file '))
      .map((step) => step.argument.slice('file '.length));
    const commands = steps
      .filter((step) => step.argument === 'commands')
      .flatMap((step) => step.text.split('\n'))
      .filter((line) => line.trim() !== '');

    it('is files with relative paths, commands and their output', () => {
      expect(steps.length).toBeGreaterThan(5);
      for (const step of steps) {
        expect([step.argument, /^(commands|output|file [\w./-]+)$/.test(step.argument)]).toEqual([
          step.argument,
          true,
        ]);
      }
      for (const file of files) expect([file, /^(\.\.?\/|\/)/.test(file)]).toEqual([file, false]);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'tsconfig.json']));
    });

    it("runs commands of known forms, installing existing @ml2ts packages and this repository's tool versions", () => {
      for (const command of commands) {
        const install = /^npm install(?: --save-dev)? (.+)$/.exec(command);
        if (!install) {
          const known =
            /^mkdir ([\w.-]+) && cd \1$/.test(command) ||
            ['npm ls inversify --all', 'npx tsc', 'npx jest'].includes(command) ||
            files.includes(/^node (\S+)$/.exec(command)?.[1] ?? '');
          expect([command, known]).toEqual([command, true]);
          continue;
        }
        for (const quoted of install[1].split(' ')) {
          const spec = quoted.replace(/^"(.*)"$/, '$1');
          const [, name, version] = /^(@?[^@]+)(?:@(.+))?$/.exec(spec) ?? [];
          if (name.startsWith('@ml2ts/')) {
            expect([spec, workspaces.some((manifest) => manifest.name === name)]).toEqual([
              spec,
              true,
            ]);
            expect([spec, version]).toEqual([spec, undefined]);
          } else if (name === 'inversify') {
            expect([spec, version]).toEqual([spec, inversifyRange]);
          } else {
            expect([spec, version]).toEqual([spec, rootManifest.devDependencies?.[name]]);
          }
        }
      }
    });

    it('peers on inversify with the range of the @ml2ts packages, and builds before it tests', () => {
      const manifest = steps.find((step) => step.argument === 'file package.json');
      const written = JSON.parse(manifest?.text ?? '{}') as {
        peerDependencies?: Record<string, string>;
        ml2ts?: unknown;
      };
      expect(inversifyRange).toBeDefined();
      expect(written.peerDependencies).toEqual({ inversify: inversifyRange });
      expect(written.ml2ts).toBeDefined();
      const build = commands.indexOf('npx tsc');
      expect(build).toBeGreaterThanOrEqual(0);
      expect(commands.indexOf('npx jest')).toBeGreaterThan(build);
    });
  });
});
