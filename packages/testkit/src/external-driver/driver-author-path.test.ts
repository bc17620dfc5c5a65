import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative } from 'node:path';

/**
 * The driver author's path works as written: section 3 of docs/writing-a-mechanism-driver.md,
 * followed literally in an empty temporary folder outside this repository.
 *
 * The guide marks the steps of that path: `<!-- author-path: commands -->` above shell commands,
 * `<!-- author-path: file <path> -->` above a file to write (relative to the current folder),
 * and `<!-- author-path: output -->` above what the last command prints (`<name>` stands for a
 * value that changes from run to run). This test packs the `@ml2ts` packages the commands name
 * (and the `@ml2ts` packages they need) with `npm pack`, then runs each step in order with no
 * edit in between, except that an `npm install` gets the tarball files in place of the
 * `@ml2ts/...` names (with the tarballs of the `@ml2ts` packages those need, as the guide says)
 * and `--no-audit --no-fund --prefer-offline`. Third-party packages come from the npm registry
 * (or npm's cache). Then it checks that the package has exactly one inversify, that its contract
 * suite passed and that the engine bound a port through the driver.
 *
 * Slow: it installs packages with npm and builds better-sqlite3 when npm has no prebuilt binary.
 */

const REPOSITORY = realpathSync(join(__dirname, '..', '..', '..', '..'));
const GUIDE = join(REPOSITORY, 'docs', 'writing-a-mechanism-driver.md');
/** The whole path; most of it is `npm install`. */
const TEST_TIMEOUT_MS = 20 * 60_000;
/** One command; an install may build better-sqlite3 from source. */
const COMMAND_TIMEOUT_MS = 12 * 60_000;
const NPM_FLAGS = '--no-audit --no-fund --prefer-offline';

/** One marked step of the guide. */
type Step =
  | { readonly kind: 'commands'; readonly lines: readonly string[]; readonly line: number }
  | { readonly kind: 'file'; readonly path: string; readonly text: string; readonly line: number }
  | { readonly kind: 'output'; readonly text: string; readonly line: number };

/** The `author-path` blocks of the guide, in order. Throws for a malformed marker. */
function authorPathSteps(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const marker = /^<!-- author-path: (.+?) -->$/.exec(lines[index]);
    if (!marker) continue;
    const fence = index + 1;
    if (!/^```\w*$/.test(lines[fence] ?? '')) {
      throw new Error(
        `guide line ${index + 1}: an author-path marker must sit right above a code block`,
      );
    }
    const end = lines.indexOf('```', fence + 1);
    if (end < 0) throw new Error(`guide line ${fence + 1}: unclosed code block`);
    const text = lines.slice(fence + 1, end).join('\n');
    const line = fence + 1;
    const [kind, ...rest] = marker[1].split(' ');
    if (kind === 'commands') {
      steps.push({ kind, line, lines: text.split('\n').filter((each) => each.trim() !== '') });
    } else if (kind === 'file' && rest.length === 1) {
      steps.push({ kind, line, path: rest[0], text });
    } else if (kind === 'output' && rest.length === 0) {
      steps.push({ kind, line, text });
    } else {
      throw new Error(`guide line ${index + 1}: unknown author-path marker "${marker[1]}"`);
    }
    index = end;
  }
  return steps;
}

/** What a command did. */
interface CommandRun {
  readonly command: string;
  readonly cwd: string;
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** The last `limit` characters of `text`, marked when cut. */
function tail(text: string, limit = 6000): string {
  return text.length <= limit
    ? text
    : `[... ${text.length - limit} characters]\n${text.slice(-limit)}`;
}

/** A run as text, for failure messages: the command, where, how it ended, its output. */
function describeRun(run: CommandRun): string {
  return [
    `$ ${run.command}`,
    `  (in ${run.cwd}; ${run.signal ? `killed by ${run.signal}` : `exit ${run.status}`} after ${run.seconds.toFixed(1)} s)`,
    `--- stdout ---\n${tail(run.stdout)}`,
    `--- stderr ---\n${tail(run.stderr)}`,
  ].join('\n');
}

/**
 * The environment of the commands: this process's, without what would reach into the
 * monorepo (its `node_modules/.bin` on PATH, NODE_PATH) or change npm's behaviour (the
 * `npm_*` variables `npm test` sets).
 */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || ['INIT_CWD', 'NODE_PATH', 'NODE_OPTIONS'].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry !== '' && !isInside(entry, REPOSITORY))
    .join(delimiter);
  return env;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Runs `command` with `sh -c` in `cwd`; throws with its output unless it exits with 0. */
function run(command: string, cwd: string): CommandRun {
  const started = Date.now();
  const result = spawnSync('sh', ['-c', command], {
    cwd,
    env: cleanEnvironment(),
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const done: CommandRun = {
    command,
    cwd,
    status: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: `${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`,
    seconds: (Date.now() - started) / 1000,
  };
  if (done.status !== 0) throw new Error(`A command failed:\n${describeRun(done)}`);
  return done;
}

/** A workspace package: its name, folder and `@ml2ts` dependencies. */
interface Workspace {
  readonly name: string;
  readonly dir: string;
  readonly internal: readonly string[];
}

/** The publishable workspace packages of the repository, by name. */
function workspaces(): Map<string, Workspace> {
  const found = new Map<string, Workspace>();
  const dirs = ['packages', 'plugins']
    .flatMap((parent) => readdirSync(join(REPOSITORY, parent)).map((dir) => join(parent, dir)))
    .concat('migrations');
  for (const dir of dirs) {
    const file = join(REPOSITORY, dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      name: string;
      private?: boolean;
      dependencies?: Record<string, string>;
    };
    if (manifest.private) continue;
    const internal = Object.keys(manifest.dependencies ?? {}).filter((name) =>
      name.startsWith('@ml2ts/'),
    );
    found.set(manifest.name, { name: manifest.name, dir, internal });
  }
  return found;
}

/** `names` and every `@ml2ts` package they depend on, directly or not. Throws for an unknown one. */
function withInternalDependencies(
  names: readonly string[],
  known: ReadonlyMap<string, Workspace>,
): string[] {
  const closure = new Set<string>();
  const visit = (name: string): void => {
    if (closure.has(name)) return;
    const workspace = known.get(name);
    if (!workspace) throw new Error(`The guide installs ${name}, which is no package of ml2ts`);
    closure.add(name);
    workspace.internal.forEach(visit);
  };
  names.forEach(visit);
  return [...closure];
}

/** The `@ml2ts/...` names in a command. */
function internalNamesIn(command: string): string[] {
  return [...command.matchAll(/(?<![\w/@.-])@ml2ts\/[\w.-]+/g)].map((match) => match[0]);
}

/** Every `inversify` package folder under `nodeModules`, at any depth. */
function inversifyCopies(nodeModules: string): string[] {
  const copies: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        walk(path);
        continue;
      }
      if (entry.name === 'inversify' && existsSync(join(path, 'package.json'))) copies.push(path);
      if (existsSync(join(path, 'node_modules'))) walk(join(path, 'node_modules'));
    }
  };
  walk(nodeModules);
  return copies;
}

/** Throws unless `actual` has the lines of `expected`, where `<name>` matches any word. */
function expectOutput(actual: string, expected: string, where: string): void {
  const pattern = (line: string) =>
    new RegExp(
      `^${line
        .split(/<\w+>/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\S+')}$`,
    );
  const want = expected.split('\n');
  const got = actual
    .trimEnd()
    .split('\n')
    .map((line) => line.trimEnd());
  const matches = want.length === got.length && want.every((line, i) => pattern(line).test(got[i]));
  if (!matches) {
    throw new Error(
      `The output does not match the guide's (${where}).\n--- guide ---\n${expected}\n--- printed ---\n${actual}`,
    );
  }
}

const steps = authorPathSteps(readFileSync(GUIDE, 'utf8'));

describe('the driver author path of docs/writing-a-mechanism-driver.md', () => {
  let work: string | undefined;
  let succeeded = false;

  afterAll(() => {
    if (work === undefined) return;
    if (succeeded) rmSync(work, { recursive: true, force: true });
    else console.log(`The author path failed; its folder is kept for a look: ${work}`);
  });

  it(
    'builds a driver package from an empty folder, with one inversify, a passing contract suite and a bound port',
    () => {
      expect(steps.filter((step) => step.kind === 'commands').length).toBeGreaterThan(0);
      work = mkdtempSync(join(realpathSync(tmpdir()), 'ml2ts-author-path-'));
      const author = join(work, 'author');
      const tarballs = join(work, 'tarballs');
      mkdirSync(author);
      mkdirSync(tarballs);

      // An empty folder outside the monorepo, with no node_modules above it.
      expect(isInside(author, REPOSITORY)).toBe(false);
      const above: string[] = [];
      for (let dir = author; ; dir = dirname(dir)) {
        if (existsSync(join(dir, 'node_modules'))) above.push(join(dir, 'node_modules'));
        if (dirname(dir) === dir) break;
      }
      expect(above).toEqual([]);

      // The tarballs, built from the current sources.
      const known = workspaces();
      const named = [
        ...new Set(
          steps.flatMap((step) =>
            step.kind === 'commands' ? step.lines.flatMap(internalNamesIn) : [],
          ),
        ),
      ];
      const packed = withInternalDependencies(named, known);
      const tsc = join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc');
      const dirs = packed.map((name) => known.get(name)!.dir);
      run(`"${process.execPath}" "${tsc}" -b ${dirs.join(' ')}`, REPOSITORY);
      const pack = run(
        `npm pack --json --pack-destination "${tarballs}" ${dirs.map((dir) => `-w ${dir}`).join(' ')}`,
        REPOSITORY,
      );
      const tarballOf = new Map(
        (JSON.parse(pack.stdout) as Array<{ name: string; filename: string }>).map((entry) => [
          entry.name,
          join(tarballs, entry.filename),
        ]),
      );
      expect([...tarballOf.keys()].sort()).toEqual([...packed].sort());

      // The guide's steps, in order.
      let cwd = author;
      let last: CommandRun | undefined;
      const runs: CommandRun[] = [];
      const installed = new Set<string>();
      for (const step of steps) {
        if (step.kind === 'file') {
          const file = join(cwd, step.path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, `${step.text}\n`);
          continue;
        }
        if (step.kind === 'output') {
          if (!last) throw new Error(`guide line ${step.line}: an output block follows no command`);
          expectOutput(last.stdout, step.text, `guide line ${step.line}, after ${last.command}`);
          continue;
        }
        for (const line of step.lines) {
          const folder = /^mkdir ([\w.-]+) && cd \1$/.exec(line);
          if (folder) {
            cwd = join(cwd, folder[1]);
            mkdirSync(cwd);
            continue;
          }
          let command = line;
          if (/^npm install\b/.test(line)) {
            const names = internalNamesIn(line);
            const needed = withInternalDependencies(names, known).filter(
              (name) => !names.includes(name) && !installed.has(name),
            );
            for (const name of names) command = command.replace(name, `"${tarballOf.get(name)}"`);
            command = [
              command,
              ...needed.map((name) => `"${tarballOf.get(name)}"`),
              NPM_FLAGS,
            ].join(' ');
            [...names, ...needed].forEach((name) => installed.add(name));
          }
          last = run(command, cwd);
          runs.push(last);
        }
      }

      // Exactly one inversify in the package's node_modules tree.
      const copies = inversifyCopies(join(cwd, 'node_modules'));
      const listed = run('npm ls inversify --all --parseable', cwd);
      expect({ copies, listed: listed.stdout.trim().split('\n') }).toEqual({
        copies: [join(cwd, 'node_modules', 'inversify')],
        listed: [join(cwd, 'node_modules', 'inversify')],
      });

      // The contract suite ran, and every check passed.
      const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as {
        ml2ts: { mechanismDrivers: Array<{ name: string }> };
      };
      const driverName = manifest.ml2ts.mechanismDrivers[0].name;
      const suite = runs.find((each) => each.command === 'npx jest');
      if (!suite) throw new Error('The guide never runs npx jest');
      const output = `${suite.stdout}\n${suite.stderr}`;
      const counts = /Tests:\s+(\d+) passed, (\d+) total/.exec(output);
      if (
        !counts ||
        counts[1] !== counts[2] ||
        !output.includes(`mechanism driver contract: ${driverName}`)
      ) {
        throw new Error(`The contract suite did not pass in full:\n${describeRun(suite)}`);
      }
      expect(Number(counts[1])).toBeGreaterThan(30);

      // The engine bound a port through the new driver.
      const tried = runs.find((each) => /^node \S+$/.test(each.command));
      if (!tried) throw new Error('The guide never starts the engine (node <script>)');
      const [, host, vifType] = /^(\S+): vif_type (\S+)$/m.exec(tried.stdout) ?? [];
      expect({
        host,
        vifType,
        bound: !['binding_failed', 'unbound', undefined].includes(vifType),
      }).toEqual({
        host: expect.any(String),
        vifType: expect.any(String),
        bound: true,
      });
      expect(tried.stdout).toContain(`driver ${driverName}: bound`);

      console.log(
        `The author path took ${runs.reduce((sum, each) => sum + each.seconds, 0).toFixed(0)} s of commands:\n` +
          runs
            .map((each) => `  ${each.seconds.toFixed(1).padStart(6)} s  ${each.command}`)
            .join('\n'),
      );
      succeeded = true;
    },
    TEST_TIMEOUT_MS,
  );
});
