/**
 * Judging scenario results against recorded ones (for the conformance fixtures: results that
 * Neutron itself produced for the same scenarios).
 *
 * Compared: the drivers loaded, in order; every setup record and every step record, position by
 * position (its `op`, the port, network or agent it names and its `http_status` where the
 * recording has them, the HTTP status of its error, the `report_state` answer, the RPC `result`,
 * and the state of every port the recording lists after it); the number of setup and step
 * records; and the final state of every port, network and agent.
 *
 * Not compared, because they say how the work was done rather than what came of it: error
 * messages, binding traces (`binding_failed_because`), the binding work counters
 * (`bind_attempts`, `driver_bind_calls`), the description, the step index and the host an RPC
 * came from.
 *
 * Port states compare field by field; everything else compares as JSON values in which the order
 * of object keys does not matter (array order does) and a missing key equals `null`. A setup
 * record may list only the port it created, so extra ports there are not a difference; step
 * records and the final state list every port, so an extra port is.
 */

/** The comparison of one scenario. */
export interface ScenarioComparison {
  readonly name: string;
  /**
   * Empty when the result matches the recording; otherwise one line per difference, each
   * starting with where it is (`steps[2].ports.p1.binding:vif_type: expected …, got …`).
   */
  readonly differences: readonly string[];
}

/** The comparison of a set of scenarios. */
export interface ConformanceReport {
  /** Every scenario that has a recording or a result, sorted by name. */
  readonly scenarios: readonly ScenarioComparison[];
  /** How many scenarios match. */
  readonly passed: number;
  /** How many scenarios differ, have no result, or have no recording. */
  readonly failed: number;
}

/** The port fields that must be equal. */
const PORT_FIELDS = [
  'exists',
  'status',
  'mac_address',
  'binding:host_id',
  'binding:vnic_type',
  'binding:profile',
  'binding:vif_type',
  'binding:vif_details',
  'binding_levels',
] as const;

/** The keys of a record that must be equal when the recording has them. */
const RECORD_KEYS = ['op', 'port', 'network', 'agent', 'http_status'] as const;

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectOrEmpty(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

function arrayOrEmpty(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** JSON text of a value with the keys of every object sorted; `undefined` reads as `null`. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, nested: unknown) =>
    isObject(nested)
      ? Object.fromEntries(
          Object.keys(nested)
            .sort()
            .map((key) => [key, nested[key]]),
        )
      : nested,
  );
}

function sameJson(expected: unknown, actual: unknown): boolean {
  return canonicalJson(expected) === canonicalJson(actual);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** Collects differences under a location. */
class Differences {
  readonly lines: string[] = [];

  add(where: string, what: string): void {
    this.lines.push(`${where}: ${what}`);
  }

  unequal(where: string, expected: unknown, actual: unknown): void {
    this.add(where, `expected ${show(expected)}, got ${show(actual)}`);
  }

  /** Records a difference unless both values are equal as JSON. */
  compare(where: string, expected: unknown, actual: unknown): void {
    if (!sameJson(expected, actual)) this.unequal(where, expected, actual);
  }
}

/** The HTTP status of the error a port or record carries, or null. */
function errorStatus(record: JsonObject): unknown {
  const error = objectOrEmpty(record.error ?? record.create_error);
  return error.http_status ?? null;
}

/** The `report_state` answer, which may stand in the record itself or in its `result`. */
function reportStateResult(record: JsonObject): unknown {
  return record.report_state_result ?? objectOrEmpty(record.result).report_state_result;
}

function comparePort(where: string, expected: JsonObject, actual: unknown, diffs: Differences) {
  if (!isObject(actual)) {
    diffs.add(where, 'port missing');
    return;
  }
  for (const field of PORT_FIELDS)
    diffs.compare(`${where}.${field}`, expected[field], actual[field]);
  if (errorStatus(expected) !== errorStatus(actual)) {
    diffs.unequal(`${where}.error.http_status`, errorStatus(expected), errorStatus(actual));
  }
}

function comparePorts(
  where: string,
  expected: unknown,
  actual: unknown,
  diffs: Differences,
  extraPortsAllowed: boolean,
) {
  const expectedPorts = objectOrEmpty(expected);
  const actualPorts = objectOrEmpty(actual);
  for (const [name, port] of Object.entries(expectedPorts)) {
    comparePort(`${where}.ports.${name}`, objectOrEmpty(port), actualPorts[name], diffs);
  }
  if (extraPortsAllowed) return;
  for (const name of Object.keys(actualPorts)) {
    if (!(name in expectedPorts)) diffs.add(`${where}.ports.${name}`, 'unexpected port');
  }
}

function compareRecord(
  where: string,
  expected: JsonObject,
  actual: unknown,
  diffs: Differences,
  isSetup: boolean,
) {
  if (!isObject(actual)) {
    diffs.add(where, 'record missing');
    return;
  }
  for (const key of RECORD_KEYS) {
    if (key in expected) diffs.compare(`${where}.${key}`, expected[key], actual[key]);
  }
  const expectedAnswer = reportStateResult(expected);
  if (expectedAnswer !== undefined && expectedAnswer !== reportStateResult(actual)) {
    diffs.unequal(`${where}.report_state_result`, expectedAnswer, reportStateResult(actual));
  }
  if (errorStatus(expected) !== errorStatus(actual)) {
    diffs.unequal(`${where}.error.http_status`, errorStatus(expected), errorStatus(actual));
  }
  // A report_state answer inside `result` was judged above; other results compare whole.
  if ('result' in expected && !('report_state_result' in objectOrEmpty(expected.result))) {
    diffs.compare(`${where}.result`, expected.result, actual.result);
  }
  if ('ports' in expected) comparePorts(where, expected.ports, actual.ports, diffs, isSetup);
}

function compareRecords(
  where: 'setup' | 'steps',
  expected: unknown,
  actual: unknown,
  diffs: Differences,
) {
  const expectedRecords = arrayOrEmpty(expected);
  const actualRecords = arrayOrEmpty(actual);
  expectedRecords.forEach((record, index) =>
    compareRecord(
      `${where}[${index}]`,
      objectOrEmpty(record),
      actualRecords[index],
      diffs,
      where === 'setup',
    ),
  );
  if (actualRecords.length !== expectedRecords.length) {
    diffs.add(where, `expected ${expectedRecords.length} records, got ${actualRecords.length}`);
  }
}

/** Compares the networks or agents of the final state: each one listed, and no other. */
function compareFinalEntities(
  where: string,
  expected: unknown,
  actual: unknown,
  diffs: Differences,
) {
  const expectedEntities = objectOrEmpty(expected);
  const actualEntities = objectOrEmpty(actual);
  for (const [name, entity] of Object.entries(expectedEntities)) {
    diffs.compare(`${where}.${name}`, entity, actualEntities[name]);
  }
  for (const name of Object.keys(actualEntities)) {
    if (!(name in expectedEntities)) diffs.add(`${where}.${name}`, 'unexpected');
  }
}

/**
 * Compares one scenario's result with its recording and returns the differences, in the order
 * of the recording (empty when they match). Both are JSON values as `ml2ts simulate` prints
 * them; anything malformed reads as empty and shows up as differences. Pure; never throws.
 */
export function compareScenarioResult(expected: unknown, actual: unknown): string[] {
  const recorded = objectOrEmpty(expected);
  const produced = objectOrEmpty(actual);
  const diffs = new Differences();
  if ('mechanism_drivers_loaded' in recorded) {
    diffs.compare(
      'mechanism_drivers_loaded',
      recorded.mechanism_drivers_loaded,
      produced.mechanism_drivers_loaded,
    );
  }
  compareRecords('setup', recorded.setup, produced.setup, diffs);
  compareRecords('steps', recorded.steps, produced.steps, diffs);
  const finalRecorded = objectOrEmpty(recorded.final);
  const finalProduced = objectOrEmpty(produced.final);
  comparePorts('final', finalRecorded.ports, finalProduced.ports, diffs, false);
  compareFinalEntities('final.networks', finalRecorded.networks, finalProduced.networks, diffs);
  compareFinalEntities('final.agents', finalRecorded.agents, finalProduced.agents, diffs);
  return diffs.lines;
}

/**
 * Compares results with recordings, both keyed by scenario name. A recorded scenario without a
 * result fails ("no result produced"), and so does a result without a recording ("no recorded
 * result"): every scenario run must be judged. Pure; never throws.
 */
export function compareScenarioResults(
  expected: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
): ConformanceReport {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const scenarios = names.map((name): ScenarioComparison => {
    if (!(name in actual)) return { name, differences: ['no result produced'] };
    if (!(name in expected)) return { name, differences: ['no recorded result to compare with'] };
    return { name, differences: compareScenarioResult(expected[name], actual[name]) };
  });
  const passed = scenarios.filter((scenario) => scenario.differences.length === 0).length;
  return { scenarios, passed, failed: scenarios.length - passed };
}
