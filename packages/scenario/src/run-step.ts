import { countBindingWork } from './binding-work';
import { type StepSpec } from './parse-scenario';
import { type ErrorRecord, type StepRecord } from './scenario-result';
import { type Outcome, type Simulation } from './simulation';

/** HTTP statuses of the REST-like operations when they succeed. */
const SUCCESS_STATUS = {
  update_port: 200,
  unbind: 200,
  delete_port: 204,
  create_port: 201,
  create_network: 201,
  set_agent_admin_state: 200,
  delete_agent: 204,
} as const;

type Fields = {
  port?: string;
  network?: string;
  agent?: string;
  host?: string;
  http_status?: number;
  result?: Readonly<Record<string, unknown>>;
  error?: ErrorRecord;
  subnet_errors?: StepRecord['subnet_errors'];
};

/**
 * Runs one step and builds its record: the label it is about, the HTTP status (REST-like
 * operations) or the answer (agent RPCs), the error if it failed, the binding work it caused
 * and every port's state afterwards. An engine error is recorded, never thrown.
 */
export async function runStep(
  simulation: Simulation,
  step: StepSpec,
  index: number,
): Promise<StepRecord> {
  const time = simulation.beginRecord();
  const fields = await perform(simulation, step);
  const work = countBindingWork(await simulation.tracesRecordedAt(time));
  return { index, op: step.op, ...fields, ...work, ports: await simulation.portStates() };
}

async function perform(simulation: Simulation, step: StepSpec): Promise<Fields> {
  switch (step.op) {
    case 'update_port':
      return rest(
        step.op,
        { port: step.port },
        await simulation.updatePort(step.port, step.attributes),
      );
    case 'unbind':
      return rest(
        step.op,
        { port: step.port },
        await simulation.updatePort(step.port, { 'binding:host_id': '' }),
      );
    case 'delete_port':
      return rest(step.op, { port: step.port }, await simulation.deletePort(step.port));
    case 'create_port':
      return rest(step.op, { port: step.port.name }, await simulation.createPort(step.port));
    case 'create_network': {
      const outcome = await simulation.createNetwork(step.network);
      const fields = rest(step.op, { network: step.network.name }, outcome);
      return outcome.ok && outcome.value.length > 0
        ? { ...fields, subnet_errors: outcome.value }
        : fields;
    }
    case 'get_device_details':
    case 'update_device_up':
    case 'update_device_down': {
      const outcome = await simulation.deviceOperation(
        step.op,
        step.port,
        step.host,
        step.deviceStyle,
      );
      const fields: Fields = { port: step.port };
      if (step.host !== undefined) fields.host = step.host;
      return rpc(fields, outcome);
    }
    case 'register_agent':
      return rpc(
        { agent: step.agent.name },
        reportStateAnswer(await simulation.registerAgent(step.agent)),
      );
    case 'report_state':
      return rpc(
        { agent: step.agent },
        reportStateAnswer(await simulation.reportState(step.agent, step.configurations)),
      );
    case 'kill_agent': {
      const outcome = await simulation.killAgent(step.agent, step.heartbeatAge);
      return outcome.ok ? { agent: step.agent } : { agent: step.agent, error: outcome.error };
    }
    case 'set_agent_admin_state':
      return rest(
        step.op,
        { agent: step.agent },
        await simulation.setAgentAdminState(step.agent, step.adminStateUp),
      );
    case 'delete_agent':
      return rest(step.op, { agent: step.agent }, await simulation.deleteAgent(step.agent));
    case 'snapshot':
      return {};
  }
}

/** A REST-like operation: its status, and the error when it failed. */
function rest(op: keyof typeof SUCCESS_STATUS, fields: Fields, outcome: Outcome<unknown>): Fields {
  return outcome.ok
    ? { ...fields, http_status: SUCCESS_STATUS[op] }
    : { ...fields, http_status: outcome.error.http_status, error: outcome.error };
}

/** An agent RPC: the answer, or the error. */
function rpc(
  fields: Fields,
  outcome: Outcome<Readonly<Record<string, unknown>> | undefined>,
): Fields {
  if (!outcome.ok) return { ...fields, error: outcome.error };
  return outcome.value === undefined ? fields : { ...fields, result: outcome.value };
}

function reportStateAnswer(
  outcome: Outcome<string | null>,
): Outcome<Readonly<Record<string, unknown>>> {
  return outcome.ok
    ? { ok: true, value: { report_state_result: outcome.value ?? 'ignored' } }
    : outcome;
}
