import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseScenario } from './parse-scenario';
import { runSetup } from './run-setup';
import { runStep } from './run-step';
import { type Scenario } from './scenario';
import { ScenarioError } from './scenario-error';
import { type ScenarioResult, type StepRecord } from './scenario-result';
import { Simulation, type SimulationOptions } from './simulation';

/** How a scenario is run. */
export interface RunScenarioOptions extends SimulationOptions {
  /** The name used when the scenario has none (files: the file name without `.json`). */
  readonly name?: string;
}

/**
 * Runs a scenario through a fresh engine on an in-memory database: setup (agents, networks,
 * ports), then every step, then the final state. Engine errors are part of the result, never
 * thrown. Rejects with `ScenarioError` for a malformed scenario (before the engine starts), and
 * with the engine's `ConfigurationError` / `PluginLoadError` when the configuration cannot run.
 * The engine is closed in every case. Runs for as long as the scenario needs; no real waiting.
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const parsed = parseScenario(scenario as unknown, options.name);
  const simulation = await Simulation.start(parsed.name, parsed.config, options);
  try {
    const setup = await runSetup(simulation, parsed);
    const steps: StepRecord[] = [];
    for (const [index, step] of parsed.steps.entries()) {
      steps.push(await runStep(simulation, step, index));
    }
    return {
      name: parsed.name,
      description: parsed.description,
      mechanism_drivers_loaded: simulation.mechanismDrivers,
      setup,
      steps,
      final: {
        ports: await simulation.portStates(),
        networks: await simulation.networkStates(),
        agents: await simulation.agentStates(),
      },
    };
  } finally {
    await simulation.close();
  }
}

/**
 * Reads a scenario file and runs it (its name defaults to the file name without `.json`).
 * Rejects with `ScenarioError` naming the file when it cannot be read, is not JSON or is
 * malformed; otherwise as `runScenario`.
 */
export async function runScenarioFile(
  path: string,
  options: SimulationOptions = {},
): Promise<ScenarioResult> {
  let scenario: unknown;
  try {
    scenario = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError('', `cannot read a JSON scenario: ${reason}`, {
      cause: error,
      file: path,
    });
  }
  try {
    return await runScenario(scenario as Scenario, { ...options, name: basename(path, '.json') });
  } catch (error) {
    throw error instanceof ScenarioError ? error.inFile(path) : error;
  }
}

/** The `*.json` files of a directory, sorted by name, as paths. Throws when it cannot be read. */
export function listScenarioFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(directory, name));
}

/**
 * Runs every `*.json` scenario of a directory, in file name order, and returns the results by
 * scenario name. Rejects on the first scenario that cannot run (as `runScenarioFile`), and with
 * `ScenarioError` when two scenarios have the same name.
 */
export async function runScenarioDirectory(
  directory: string,
  options: SimulationOptions = {},
): Promise<Record<string, ScenarioResult>> {
  const results: Record<string, ScenarioResult> = {};
  const files: Record<string, string> = {};
  for (const file of listScenarioFiles(directory)) {
    const result = await runScenarioFile(file, options);
    if (files[result.name] !== undefined) {
      throw new ScenarioError(
        'name',
        `the name '${result.name}' is also used by ${files[result.name]}`,
        {
          file,
        },
      );
    }
    files[result.name] = file;
    results[result.name] = result;
  }
  return results;
}
