import { type ParsedScenario } from './parse-scenario';
import { countBindingWork } from './binding-work';
import { type SetupRecord } from './scenario-result';
import { type Simulation } from './simulation';

/**
 * Builds the scenario's deployment in order: agents, then networks (with subnets), then ports,
 * one record each. An engine error is recorded, never thrown; the run goes on.
 */
export async function runSetup(
  simulation: Simulation,
  scenario: ParsedScenario,
): Promise<SetupRecord[]> {
  const records: SetupRecord[] = [];
  for (const agent of scenario.agents) {
    simulation.beginRecord();
    const outcome = await simulation.registerAgent(agent);
    records.push(
      outcome.ok
        ? { agent: agent.name, report_state_result: outcome.value ?? 'ignored' }
        : { agent: agent.name, error: outcome.error },
    );
  }
  for (const network of scenario.networks) {
    simulation.beginRecord();
    const outcome = await simulation.createNetwork(network);
    if (!outcome.ok) records.push({ network: network.name, error: outcome.error });
    else if (outcome.value.length > 0) {
      records.push({ network: network.name, subnet_errors: outcome.value });
    } else records.push({ network: network.name });
  }
  for (const port of scenario.ports) {
    const time = simulation.beginRecord();
    const outcome = await simulation.createPort(port);
    const work = countBindingWork(await simulation.tracesRecordedAt(time));
    records.push({
      op: 'create_port',
      port: port.name,
      http_status: outcome.ok ? 201 : outcome.error.http_status,
      ...(outcome.ok ? {} : { error: outcome.error }),
      ...work,
      ports: await simulation.portStates(),
    });
  }
  return records;
}
