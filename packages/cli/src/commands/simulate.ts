import { statSync } from 'node:fs';
import { listScenarioFiles, type ScenarioResult } from '@ml2ts/scenario';
import { runScenarioFile } from '@ml2ts/scenario';
import { type CliIo, ExitCode } from '../cli-io';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

/** `ml2ts simulate --help`. */
export const SIMULATE_HELP = `Usage: ml2ts simulate SCENARIO.json|DIRECTORY

Runs conformance scenarios through the engine on a fresh in-memory database and prints the
result as JSON: one result object for a file, {"<name>": result, ...} for every *.json file
of a directory (the format: packages/scenario/conformance/README.md).

Exit status: 0 when every scenario ran, 1 when one could not run (its error is printed on
stderr; the others are still printed), 2 for a wrong command line.
`;

/**
 * `ml2ts simulate PATH`: runs one scenario file, or every scenario of a directory, and writes
 * the JSON result (2-space indent) to stdout. A scenario that cannot run is reported on stderr;
 * with a directory the other scenarios still run and print. Returns the exit code; throws
 * `UsageError` for a wrong command line. Blocks while the scenarios run.
 */
export async function simulateCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseArguments(argv, { flags: ['help'] });
  if (args.flags.has('help')) {
    io.stdout(SIMULATE_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length !== 1) {
    throw new UsageError('simulate takes one scenario file or directory');
  }
  const path = args.positionals[0];
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    io.stderr(`ml2ts simulate: cannot read ${path}: ${messageOf(error)}\n`);
    return ExitCode.FAILURE;
  }
  if (!isDirectory) {
    try {
      printJson(io, await runScenarioFile(path));
      return ExitCode.OK;
    } catch (error) {
      io.stderr(`ml2ts simulate: ${describeFailure(path, error)}\n`);
      return ExitCode.FAILURE;
    }
  }
  return simulateDirectory(path, io);
}

async function simulateDirectory(directory: string, io: CliIo): Promise<ExitCode> {
  const results: Record<string, ScenarioResult> = {};
  const files: Record<string, string> = {};
  let failures = 0;
  for (const file of listScenarioFiles(directory)) {
    try {
      const result = await runScenarioFile(file);
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
