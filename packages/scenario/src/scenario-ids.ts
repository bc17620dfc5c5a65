import { uuidV5 } from './uuid-v5';

/** The namespace of the name-based ids the scenario runner derives. */
export const SCENARIO_ID_NAMESPACE = '5b0e7c64-3f0a-4f59-9d0c-7d6f0e0c1a11';

/**
 * The id of a port that the scenario gives no `id`: the name-based UUID of
 * `"<scenario name>/<port name>"`. Pure.
 */
export function scenarioPortId(scenarioName: string, portName: string): string {
  return uuidV5(SCENARIO_ID_NAMESPACE, `${scenarioName}/${portName}`);
}

/**
 * An id that stands for a network or agent whose creation failed (or that was never created):
 * the engine knows no such id, so operations on it fail with its own 404. Pure.
 */
export function scenarioPlaceholderId(
  scenarioName: string,
  kind: 'network' | 'agent',
  name: string,
): string {
  return uuidV5(SCENARIO_ID_NAMESPACE, `${scenarioName}/${kind}:${name}`);
}
