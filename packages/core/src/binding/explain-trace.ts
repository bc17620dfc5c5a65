import {
  type BindingTrace,
  DeclineReason,
  type TraceEntry,
  type TraceReason,
} from '@ml2ts/driver-api';

/**
 * Turns a stored binding trace into sentences a person can act on: what was tried, why each
 * driver declined, and what to change. Pure; never throws.
 */
export function explainTrace(trace: BindingTrace): string[] {
  const lines: string[] = [];
  const subject = `Port ${trace.portId} on host '${trace.host}' (vnic_type ${trace.vnicType})`;
  if (trace.outcome === 'not_attempted') {
    lines.push(`${subject} was not bound: ${trace.note ?? 'nothing to bind'}.`);
    return lines;
  }
  lines.push(
    trace.outcome === 'failed'
      ? `${subject} failed to bind (vif_type ${trace.vifType}).`
      : `${subject} is bound (vif_type ${trace.vifType}).`,
  );
  const attempt = trace.attempts.at(-1);
  if (!attempt) return lines;
  for (const entry of attempt.entries) lines.push(...describeEntry(entry));
  return lines;
}

function describeEntry(entry: TraceEntry): string[] {
  const where = `level ${entry.level}, ${entry.driver === '*' ? 'all drivers' : `driver ${entry.driver}`}`;
  const segments = entry.segments
    .map((segment) => {
      const physnet = segment.physicalNetwork ? ` on ${segment.physicalNetwork}` : '';
      const id = segment.segmentationId !== null ? ` ${segment.segmentationId}` : '';
      return `${segment.networkType}${id}${physnet}${segment.isDynamic ? ' (dynamic)' : ''}`;
    })
    .join(', ');
  switch (entry.decision) {
    case 'bound':
      return [`  ${where}: bound ${segments} with vif_type ${entry.vifType ?? '?'}.`];
    case 'continued':
      return [`  ${where}: bound ${segments} partially and handed the next level on.`];
    case 'error':
      return [`  ${where}: failed with an error: ${entry.error ?? 'unknown'}.`];
    case 'timeout':
      return [`  ${where}: ${timeoutSentence(entry)}`];
    default: {
      const reasons =
        entry.reasons.length > 0 ? entry.reasons : [{ code: DeclineReason.NOT_BOUND }];
      const verb = entry.decision === 'skipped' ? 'was skipped' : `declined ${segments}`;
      return [
        `  ${where}: ${verb}:`,
        ...reasons.map((reason) => `    - ${describeReason(reason)}`),
      ];
    }
  }
}

/** The sentence for a `timeout` entry, with the deadline its reason recorded. */
function timeoutSentence(entry: TraceEntry): string {
  const reason = entry.reasons.find((candidate) => candidate.code === DeclineReason.DRIVER_TIMEOUT);
  const seconds = reason?.facts?.driverTimeout;
  const deadline = typeof seconds === 'number' ? `${seconds} s` : 'its deadline';
  return (
    `did not answer within ${deadline} ([ml2] driver_timeout), so it counted as not bound, the ` +
    'next driver was asked, and anything it did afterwards was ignored; find what the driver ' +
    'waits for (its backend, a lock), or raise [ml2] driver_timeout.'
  );
}

function list(value: unknown): string {
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : 'none';
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length > 0 ? keys.join(', ') : 'none';
  }
  return String(value);
}

/** The codes whose built-in sentence already shows the reason's `message`. */
const MESSAGE_IN_SENTENCE: readonly string[] = [
  DeclineReason.DYNAMIC_SEGMENT_UNAVAILABLE,
  DeclineReason.DRIVER_EXCEPTION,
  DeclineReason.INVALID_BINDING_RESULT,
];

/**
 * One reason as a sentence with what to do about it. For a code ml2ts knows, its sentence comes
 * first, then what the driver said itself, so that an operator hint is never lost: the driver's
 * `message`, and the facts the sentence did not use. A code of the driver's own is shown as its
 * code, message and facts. Pure; never throws.
 */
export function describeReason(reason: TraceReason): string {
  const used = new Set<string>();
  const sentence = builtInSentence(reason, (key) => {
    used.add(key);
    return reason.facts?.[key];
  });
  if (sentence === undefined) {
    return `${reason.code}${reason.message ? `: ${reason.message}` : ''}${reason.facts ? ` ${JSON.stringify(reason.facts)}` : ''}.`;
  }
  const extras: string[] = [];
  if (reason.message && !MESSAGE_IN_SENTENCE.includes(reason.code)) {
    extras.push(
      `The driver says: ${/[.!?]$/.test(reason.message) ? reason.message : `${reason.message}.`}`,
    );
  }
  const otherFacts = Object.entries(reason.facts ?? {}).filter(([key]) => !used.has(key));
  if (otherFacts.length > 0) {
    extras.push(`Other facts: ${JSON.stringify(Object.fromEntries(otherFacts))}.`);
  }
  return [sentence, ...extras].join(' ');
}

/** The sentence ml2ts has for the reason's code, reading facts through `fact`; else undefined. */
function builtInSentence(reason: TraceReason, fact: (key: string) => unknown): string | undefined {
  const agent = reason.agentId ? `agent ${reason.agentId}` : 'the agent';
  switch (reason.code) {
    case DeclineReason.VNIC_TYPE_NOT_SUPPORTED:
      return `vnic_type ${String(fact('vnicType'))} is not supported (supported: ${list(fact('supported'))}); use a driver that supports it or change binding:vnic_type.`;
    case DeclineReason.VNIC_TYPE_PROHIBITED:
      return `vnic_type ${String(fact('vnicType'))} is prohibited by the operator's vnic_type_prohibit_list.`;
    case DeclineReason.NO_AGENT_ON_HOST:
      return `no ${String(fact('agentType') ?? 'matching')} is registered on host '${String(fact('host') ?? '?')}'; start the agent there, and check that its host name equals binding:host_id exactly.`;
    case DeclineReason.AGENT_DEAD: {
      const age = Number(fact('heartbeatAgeSeconds'));
      const limit = fact('agentDownTime');
      return `${agent} is dead: its last heartbeat was ${Number.isFinite(age) ? Math.round(age) : '?'} s ago, more than agent_down_time (${String(limit)} s); restart the agent or check its connection to the server.`;
    }
    case DeclineReason.AGENT_NOT_SMARTNIC:
      return `${agent} does not report baremetal_smartnic, which smart-nic ports need.`;
    case DeclineReason.NETWORK_TYPE_NOT_ALLOWED:
      return `${agent} cannot carry ${String(fact('networkType'))} segments (it allows: ${list(fact('allowed'))}).`;
    case DeclineReason.TUNNEL_TYPE_NOT_SUPPORTED:
      return `${agent} has no ${String(fact('networkType'))} tunnels (its tunnel_types: ${list(fact('tunnelTypes'))}); enable that tunnel type on the agent.`;
    case DeclineReason.PHYSNET_NOT_MAPPED:
      return `${agent} has no mapping for physical network '${String(fact('physicalNetwork'))}' (it maps: ${list(fact('mappings'))}); add it to the agent's bridge/interface/device mappings.`;
    case DeclineReason.SEGMENT_NOT_IN_SUBNET:
      return `the segment is not the segment of any of the port's subnets.`;
    case DeclineReason.SWITCHDEV_REQUIRED:
      return `direct ports bind to Open vSwitch only with 'switchdev' in binding:profile.capabilities.`;
    case DeclineReason.SWITCHDEV_NOT_SUPPORTED:
      return `ports with the 'switchdev' capability are left to Open vSwitch hardware offload.`;
    case DeclineReason.HOST_NOT_SERVED:
      return `the driver does not serve host '${String(fact('host') ?? '?')}'.`;
    case DeclineReason.DYNAMIC_SEGMENT_UNAVAILABLE:
      return `no dynamic segment could be allocated${reason.message ? `: ${reason.message}` : ''}; check the VLAN ranges of the physical network.`;
    case DeclineReason.LOOP_GUARD:
      return `the driver already bound this segment at level ${String(fact('boundAtLevel'))}.`;
    case DeclineReason.CONNECTIVITY_NOT_L2:
      return `the port has no fixed IPs, and only drivers with connectivity 'l2' may bind such ports (this one is '${String(fact('connectivity'))}').`;
    case DeclineReason.LOWER_LEVEL_FAILED:
      return `no driver could bind the next level (${String(fact('failedLevel'))}), so this partial binding was undone.`;
    case DeclineReason.MAX_LEVELS_EXCEEDED:
      return `the binding reached the maximum of ${String(fact('maxBindingLevels'))} levels.`;
    case DeclineReason.NO_SEGMENT_BINDABLE:
      return `none of the segments offered is of a type this driver binds.`;
    case DeclineReason.DRIVER_EXCEPTION:
      return `the driver threw: ${reason.message ?? 'unknown error'}.`;
    case DeclineReason.DRIVER_TIMEOUT:
      return `the driver's bindPort did not settle within ${String(fact('driverTimeout'))} s ([ml2] driver_timeout); it counted as not bound and anything it did afterwards was ignored.`;
    case DeclineReason.INVALID_BINDING_RESULT:
      return `the driver bound with a result that cannot be stored: ${reason.message ?? 'unknown problem'}; fix the driver (the next driver was asked).`;
    case DeclineReason.NOT_BOUND:
      return `the driver did not bind and gave no reason.`;
    default:
      return undefined;
  }
}
