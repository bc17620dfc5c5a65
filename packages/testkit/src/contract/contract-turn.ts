import {
  type AgentView,
  type BindingLevelView,
  type BindingProfile,
  type MechanismDriver,
  type PartialSegment,
  PortStatus,
  type ProvisioningEntity,
  type Segment,
  type TraceReason,
} from '@ml2ts/driver-api';
import {
  type ContinueBindingCall,
  createFakePortContext,
  type FakePortContext,
  type FakePortContextOptions,
  type SetBindingCall,
} from '../fakes/fake-port-context';
import { CONTRACT_BIND_PORT_DEADLINE_MS, settlesWithin } from './contract-deadline';
import { CONTRACT_HOST } from './contract-fixtures';
import { ContractViolation, ensure } from './contract-violation';
import { type DriverCapabilities, type VnicTypeCapability } from '@ml2ts/driver-api';

/** The inputs of one `bindPort` call the suite makes. */
export interface TurnSetup {
  /** The port's vnic type; its declared profile requirements are put on the port. */
  readonly vnic: VnicTypeCapability;
  /** Profile entries added over the vnic type's requirements. */
  readonly profile?: BindingProfile;
  /** When true, the vnic type's profile requirements are left out. */
  readonly withoutProfileRequirements?: boolean;
  /** Default `host1`. */
  readonly host?: string;
  /** Default `port-1`. */
  readonly portId?: string;
  /** Every registered agent, on any host. Default none. */
  readonly agents?: readonly AgentView[];
  /** The network's static segments. */
  readonly segments: readonly Segment[];
  /** The segments offered at this level; default the static segments. */
  readonly segmentsToBind?: readonly Segment[];
  /** Levels bound above this one. Default none (level 0). */
  readonly bindingLevels?: readonly BindingLevelView[];
  /** Dynamic segments the network already has. */
  readonly dynamicSegments?: readonly Segment[];
  /** Makes every new dynamic segment allocation fail with this error. */
  readonly allocationFailure?: Error;
}

/** Everything a driver asked of one context, in a form that compares with `toEqual`. */
export interface TurnRecord {
  readonly setBindingCalls: readonly SetBindingCall[];
  readonly continueBindingCalls: readonly ContinueBindingCall[];
  readonly declines: readonly TraceReason[];
  readonly allocationRequests: readonly PartialSegment[];
  readonly allocatedSegments: readonly Segment[];
  readonly releasedSegmentIds: readonly string[];
  readonly provisioningBlocks: readonly ProvisioningEntity[];
}

/** One `bindPort` call: its inputs, the context it got and what the driver did. */
export interface Turn {
  readonly setup: TurnSetup;
  readonly context: FakePortContext;
  /** The inputs in words, for failure messages. */
  readonly situation: string;
}

/** The fake context for `setup`. */
export function turnContext(setup: TurnSetup): FakePortContext {
  return createFakePortContext(turnContextOptions(setup));
}

/** What the fake context for `setup` is built from. */
export function turnContextOptions(setup: TurnSetup): FakePortContextOptions {
  const requirements = setup.withoutProfileRequirements ? {} : setup.vnic.profile;
  return {
    port: setup.portId === undefined ? undefined : { id: setup.portId },
    host: setup.host ?? CONTRACT_HOST,
    vnicType: setup.vnic.vnicType,
    profile: { ...requirements, ...setup.profile },
    segments: setup.segments,
    segmentsToBind: setup.segmentsToBind,
    bindingLevels: setup.bindingLevels,
    agents: setup.agents ?? [],
    dynamicSegments: setup.dynamicSegments,
    allocationFailure: setup.allocationFailure,
  };
}

/** What the driver asked of `context`, copied. */
export function turnRecord(context: FakePortContext): TurnRecord {
  return structuredClone({
    setBindingCalls: context.setBindingCalls,
    continueBindingCalls: context.continueBindingCalls,
    declines: context.declines,
    allocationRequests: context.allocationRequests,
    allocatedSegments: context.allocatedSegments,
    releasedSegmentIds: context.releasedSegmentIds,
    provisioningBlocks: context.provisioningBlocks,
  });
}

/** `setup` in words: vnic type, host, segments (offered ones marked) and agents. */
export function describeSetup(setup: TurnSetup): string {
  const offered = setup.segmentsToBind ?? setup.segments;
  const segment = (s: Segment) =>
    [s.networkType, s.physicalNetwork, s.segmentationId, s.isDynamic ? 'dynamic' : null]
      .filter((part) => part !== null)
      .join('/');
  const segments = setup.segments.map((s) =>
    offered.some((o) => o.id === s.id) ? segment(s) : `${segment(s)} (not offered)`,
  );
  for (const s of offered) {
    if (!setup.segments.some((known) => known.id === s.id)) segments.push(segment(s));
  }
  const agents = (setup.agents ?? []).map(
    (agent) =>
      `${agent.agentType} on ${agent.host} (${agent.alive ? 'alive' : 'dead'}, reports ${JSON.stringify(agent.configurations)})`,
  );
  const profile = {
    ...(setup.withoutProfileRequirements ? {} : setup.vnic.profile),
    ...setup.profile,
  };
  return [
    `vnic type ${setup.vnic.vnicType}`,
    Object.keys(profile).length > 0 ? `profile ${JSON.stringify(profile)}` : null,
    `host ${setup.host ?? CONTRACT_HOST}`,
    setup.bindingLevels?.length ? `level ${setup.bindingLevels.length}` : null,
    `segments [${segments.join(', ')}]`,
    `agents [${agents.join('; ') || 'none'}]`,
  ]
    .filter((part) => part !== null)
    .join(', ');
}

/** Counts of the binding calls, to notice calls made after `bindPort` returned. */
function callCounts(context: FakePortContext): string {
  return [
    context.setBindingCalls.length,
    context.continueBindingCalls.length,
    context.declines.length,
    context.allocationRequests.length,
    context.releasedSegmentIds.length,
  ].join('/');
}

/** Lets timers and pending promises the driver started run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Calls `driver.bindPort` once on a fresh fake context for `setup`, waits until it is done (and
 * a little longer), and checks what holds for every turn: see `checkWellFormedTurn`. Throws a
 * `ContractViolation` when `bindPort` is missing, throws, or does not settle within
 * `deadlineMs` (default `CONTRACT_BIND_PORT_DEADLINE_MS`), when it calls the context after it
 * returned, or when the turn is not well-formed.
 */
export async function bindTurn(
  driver: MechanismDriver,
  capabilities: DriverCapabilities,
  setup: TurnSetup,
  deadlineMs: number = CONTRACT_BIND_PORT_DEADLINE_MS,
): Promise<Turn> {
  const context = turnContext(setup);
  const situation = describeSetup(setup);
  ensure(typeof driver.bindPort === 'function', `${capabilities.name} has no bindPort method`);
  try {
    const settled = await settlesWithin(() => driver.bindPort?.(context), deadlineMs);
    ensure(
      settled,
      `bindPort did not settle within ${deadlineMs} ms (${situation}). The engine stops waiting ` +
        'after [ml2] driver_timeout, counts the driver as not bound and ignores whatever it does ' +
        'later: give every call to a backend a timeout of its own, shorter than that',
    );
  } catch (error) {
    if (error instanceof ContractViolation) throw error;
    throw new ContractViolation(
      `bindPort threw (${situation}): ${error instanceof Error ? error.message : String(error)}. ` +
        'A driver declines with context.decline instead of throwing.',
    );
  }
  const returned = callCounts(context);
  await settle();
  ensure(
    callCounts(context) === returned,
    `bindPort called the context after it returned (${situation}): await everything before returning`,
  );
  const turn = { setup, context, situation };
  checkWellFormedTurn(turn, capabilities);
  return turn;
}

/**
 * What every turn must look like, whatever the inputs: at most one `setBinding` or
 * `continueBinding` call; a bound segment that was offered (`segmentsToBind`); a declared
 * vif_type; a port status, if any, that exists; `continueBinding` only by a hierarchical driver,
 * from an offered segment, to a non-empty list of segments of the network; when nothing is bound,
 * at least one decline; every decline with a lower snake case code, serializable to JSON, naming
 * only offered segments and given agents. Throws a `ContractViolation` for the first breach.
 */
export function checkWellFormedTurn(turn: Turn, capabilities: DriverCapabilities): void {
  const { context, situation } = turn;
  const offered = context.segmentsToBind.map((segment) => segment.id);
  const calls = context.setBindingCalls.length + context.continueBindingCalls.length;
  ensure(
    calls <= 1,
    `bindPort called setBinding/continueBinding ${calls} times (${situation}); a driver binds at most once per turn`,
  );
  for (const call of context.setBindingCalls) {
    if (call.segmentId === null) continue;
    ensure(
      offered.includes(call.segmentId),
      `bindPort bound segment ${call.segmentId}, which is not in segmentsToBind [${offered.join(', ')}] (${situation})`,
    );
    ensure(
      Object.hasOwn(capabilities.vifTypes, call.vifType),
      `bindPort set vif_type ${JSON.stringify(call.vifType)}, which the capabilities do not declare ` +
        `(declared: ${Object.keys(capabilities.vifTypes).join(', ') || 'none'}) (${situation})`,
    );
    ensure(
      call.status === undefined || (Object.values(PortStatus) as string[]).includes(call.status),
      `bindPort asked for port status ${JSON.stringify(call.status)}, which is not a port status (${situation})`,
    );
  }
  for (const call of context.continueBindingCalls) {
    ensure(
      capabilities.hierarchical !== null,
      `bindPort called continueBinding, but the capabilities declare no hierarchical binding (${situation})`,
    );
    ensure(
      offered.includes(call.segmentId),
      `bindPort continued from segment ${call.segmentId}, which is not in segmentsToBind [${offered.join(', ')}] (${situation})`,
    );
    ensure(
      call.nextSegments.length > 0,
      `bindPort continued with no next segment (${situation}); that completes the binding with vif_type unbound`,
    );
    const known = [...context.network.networkSegments, ...context.dynamicSegments].map(
      (segment) => segment.id,
    );
    for (const next of call.nextSegments) {
      ensure(
        next.networkId === context.network.current.id && known.includes(next.id),
        `bindPort continued with segment ${next.id}, which is neither a segment of the network ` +
          `nor a dynamic segment from allocateDynamicSegment (${situation})`,
      );
    }
  }
  if (context.outcome.kind === 'none') {
    ensure(
      context.declines.length > 0,
      `bindPort neither bound nor declined (${situation}); say why with context.decline({ code, facts })`,
    );
  }
  const agentIds = (turn.setup.agents ?? []).map((agent) => agent.id);
  for (const reason of context.declines) {
    ensure(
      typeof reason.code === 'string' && /^[a-z][a-z0-9_]*$/.test(reason.code),
      `decline code ${JSON.stringify(reason.code)} is not lower snake case (${situation})`,
    );
    let serializable = true;
    try {
      JSON.stringify(reason);
    } catch {
      serializable = false;
    }
    ensure(serializable, `decline ${reason.code} cannot be serialized to JSON (${situation})`);
    ensure(
      reason.segmentId === undefined || offered.includes(reason.segmentId),
      `decline ${reason.code} names segment ${reason.segmentId}, which is not in segmentsToBind (${situation})`,
    );
    ensure(
      reason.agentId === undefined || agentIds.includes(reason.agentId),
      `decline ${reason.code} names agent ${reason.agentId}, which the context did not give (${situation})`,
    );
  }
}

/** Throws unless the turn bound or continued (from `segmentId`, when given). */
export function expectBound(turn: Turn, segmentId?: string): void {
  const outcome = turn.context.outcome;
  ensure(
    outcome.kind !== 'none',
    () =>
      `expected bindPort to bind (${turn.situation}), but it declined: ${declineSummary(turn) || 'no reason given'}`,
  );
  if (segmentId !== undefined) {
    ensure(
      outcome.segmentId === segmentId,
      `expected bindPort to bind segment ${segmentId} (${turn.situation}), but it ${describeOutcome(turn)}`,
    );
  }
}

/** Throws unless the turn neither bound nor continued (and so declined). */
export function expectDeclined(turn: Turn, why: string): void {
  const outcome = turn.context.outcome;
  ensure(
    outcome.kind === 'none',
    () =>
      `expected bindPort to decline because ${why} (${turn.situation}), but it ${describeOutcome(turn)}`,
  );
}

/** The decline codes of the turn, with their facts, for messages. */
export function declineSummary(turn: Turn): string {
  return turn.context.declines
    .map((reason) => `${reason.code}${reason.facts ? ` ${JSON.stringify(reason.facts)}` : ''}`)
    .join('; ');
}

/** What the driver did, in words: `bound segment s with vif_type ovs`, `declined`, ... */
export function describeOutcome(turn: Turn): string {
  const outcome = turn.context.outcome;
  if (outcome.kind === 'none') return 'declined';
  if (outcome.kind === 'continued') {
    return `continued from segment ${outcome.segmentId} to [${outcome.nextSegments.map((s) => s.id).join(', ')}]`;
  }
  return `bound segment ${outcome.segmentId} with vif_type ${turn.context.vifType}`;
}
