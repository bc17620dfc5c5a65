import { statSync } from 'node:fs';
import { listScenarioFiles, runScenarioFile, type ScenarioResult } from '@ml2ts/scenario';
import { createScratchDatabase } from '@ml2ts/store';
import { type CliIo, ExitCode } from '../cli-io';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

/** `ml2ts simulate --help`. */
export const SIMULATE_HELP = `Usage: ml2ts simulate [--database URL] SCENARIO.json|DIRECTORY

Runs conformance scenarios through the engine, each on a fresh database of its own, and prints
the result as JSON: one result object for a file, {"<name>": result, ...} for every *.json file
of a directory (the format: packages/scenario/conformance/README.md).

  --database URL    where the scenarios' databases are made (default: in memory):
                    postgresql://user:password@host/database or mysql://... makes a
                    scratch database ml2ts_sim_<random> per scenario on that server,
                    connecting through the database named (which is left untouched), and
                    drops it afterwards (the user must be allowed to create databases);
                    a SQLite path makes a temporary SQLite file per scenario

Exit status: 0 when every scenario ran, 1 when one could not run (its error is printed on
stderr; the others are still printed), 2 for a wrong command line.
`;

/** The prefix of the scratch databases scenarios run in. */
export const SIMULATION_DATABASE_PREFIX = 'ml2ts_sim';

/** Runs one scenario file; the engine's database as `--database` asks. */
type ScenarioRunner = (file: string) => Promise<ScenarioResult>;

/**
 * `ml2ts simulate [--database URL] PATH`: runs one scenario file, or every scenario of a
 * directory, and writes the JSON result (2-space indent) to stdout. Each scenario runs on a
 * fresh in-memory database, or, with `--database`, in a scratch database of its own made with
 * `createScratchDatabase` and dropped afterwards, also when the scenario fails. A scenario that
 * cannot run is reported on stderr (passwords redacted); with a directory the other scenarios
 * still run and print. Returns the exit code; throws `UsageError` for a wrong command line.
 * Blocks while the scenarios run.
 */
export async function simulateCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseArguments(argv, { values: ['database'], flags: ['help'] });
  if (args.flags.has('help')) {
    io.stdout(SIMULATE_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length !== 1) {
    throw new UsageError('simulate takes one scenario file or directory');
  }
  const path = args.positionals[0];
  const run = scenarioRunner(args.values.database, io);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    io.stderr(`ml2ts simulate: cannot read ${path}: ${messageOf(error)}\n`);
    return ExitCode.FAILURE;
  }
  if (!isDirectory) {
    try {
      printJson(io, await run(path));
      return ExitCode.OK;
    } catch (error) {
      io.stderr(`ml2ts simulate: ${describeFailure(path, error)}\n`);
      return ExitCode.FAILURE;
    }
  }
  return simulateDirectory(path, run, io);
}

/**
 * How each scenario gets its database: in memory without `database`; otherwise in a scratch
 * database made from `database` and dropped after the scenario. When the scenario failed and
 * dropping fails too, the scenario's error is thrown and the drop's goes to `io.stderr`.
 */
function scenarioRunner(database: string | undefined, io: CliIo): ScenarioRunner {
  if (database === undefined) return (file) => runScenarioFile(file);
  return async (file) => {
    const scratch = await createScratchDatabase(database, SIMULATION_DATABASE_PREFIX, {
      durable: false,
    });
    let result: ScenarioResult;
    try {
      result = await runScenarioFile(file, { database: scratch.url });
    } catch (error) {
      await scratch.drop().catch((dropError: unknown) => {
        io.stderr(`ml2ts simulate: ${describeFailure(file, dropError)}\n`);
      });
      throw error;
    }
    await scratch.drop();
    return result;
  };
}

async function simulateDirectory(
  directory: string,
  run: ScenarioRunner,
  io: CliIo,
): Promise<ExitCode> {
  const results: Record<string, ScenarioResult> = {};
  const files: Record<string, string> = {};
  let failures = 0;
  for (const file of listScenarioFiles(directory)) {
    try {
      const result = await run(file);
      if (files[result.name] !== undefined) {
        throw new Error(`the scenario name '${result.name}' is also used by ${files[result.name]}`);
      }
      files[result.name] = file;
      results[result.name] = result;
    } catch (error) {
      failures += 1;
      io.stderr(`ml2ts simulate: ${describeFailure(file, error)}\n`);
    }
  }
  printJson(io, results);
  return failures === 0 ? ExitCode.OK : ExitCode.FAILURE;
}

function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** The error's message, prefixed with the file unless it names it already. */
function describeFailure(file: string, error: unknown): string {
  const message = messageOf(error);
  return message.startsWith(file) ? message : `${file}: ${message}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
