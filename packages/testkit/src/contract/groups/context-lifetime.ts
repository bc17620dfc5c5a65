import { type DriverCapabilities } from '@ml2ts/driver-api';
import { declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { KEPT_CONTEXT_WINDOW_MS } from '../contract-deadline';
import { sampleSegment } from '../contract-fixtures';
import { type ContractGroup } from '../contract-group';
import { hookCalls } from '../contract-hooks';
import { capableSetup } from '../contract-setups';
import { type ContractSubject } from '../contract-subject';
import { type TurnSetup } from '../contract-turn';
import { ContractViolation } from '../contract-violation';
import { ContextWatch } from '../context-watch';
import { findReference } from '../find-reference';
import { check, defineContractGroup } from './define-contract-group';

/**
 * The life of a `bindPort` context. The engine seals the context as soon as `bindPort` returns
 * (or throws, or misses its deadline): every later `setBinding`, `continueBinding`, `decline`,
 * `allocateDynamicSegment` or `releaseDynamicSegment` throws `PortContextSealed` and changes
 * nothing. So a driver keeps no reference to it: not in a field or a map of the driver (found by
 * walking the driver's own state), and not in a closure or a module variable that a later
 * `bindPort` call, another hook or a timer uses (found by sealing each context and watching it
 * while the suite binds other ports and the same ports again, calls every other hook, and then
 * waits `KEPT_CONTEXT_WINDOW_MS`).
 */
export const contextLifetime: ContractGroup = defineContractGroup(
  'context-lifetime',
  'no context kept after bindPort',
  (subject) => [
    check('keeps no reference to a bindPort context once bindPort returned', async () => {
      await expectNoKeptReference(subject);
    }),
    check(
      'calls no bindPort context later: in the next bindPort, in another hook or in a timer ' +
        `(watched for ${KEPT_CONTEXT_WINDOW_MS} ms)`,
      async () => {
        await expectNoLateCalls(subject);
      },
    ),
  ],
);

/**
 * Ports of each declared vnic type on a segment of the first declared type, with a capable
 * agent (a binding) and without agents (for agent drivers, a refusal), each on its own port id.
 */
function lifetimeSetups(capabilities: DriverCapabilities): TurnSetup[] {
  const segments = [sampleSegment(firstNetworkType(capabilities))];
  return declaredVnicTypes(capabilities).flatMap((vnic) => [
    capableSetup(capabilities, vnic, segments, {}, { portId: `port-lifetime-${vnic.vnicType}` }),
    capableSetup(
      capabilities,
      vnic,
      segments,
      {},
      { portId: `port-lifetime-${vnic.vnicType}-no-agent`, agents: [] },
    ),
  ]);
}

/** Binds every lifetime setup on one driver; after each, looks for the contexts in its state. */
async function expectNoKeptReference(subject: ContractSubject): Promise<void> {
  const watch = new ContextWatch(subject.bindPortDeadlineMs);
  const driver = await subject.newDriver();
  for (const setup of lifetimeSetups(subject.capabilities)) {
    await watch.bind(driver, setup);
    const path = findReference(driver, watch.contexts, 'driver');
    if (path === null) continue;
    const kept = [...watch.contexts].find((context) =>
      findReference(driver, new Set([context]), 'driver'),
    );
    throw new ContractViolation(
      `the driver keeps the context bindPort got for ${kept ? watch.situationOf(kept) : 'an earlier port'} ` +
        `in ${path} after bindPort returned. The engine seals the context when bindPort returns: ` +
        'any later call on it throws PortContextSealed. Keep what you need of it (ids, segments, ' +
        'the host), never the context itself',
    );
  }
}

/**
 * Binds every lifetime setup on one driver (sealing each context when its call returned), then
 * each of them again, then calls every other hook the driver has, then waits: fails at the first
 * call made on a sealed context.
 */
async function expectNoLateCalls(subject: ContractSubject): Promise<void> {
  const capabilities = subject.capabilities;
  const deadline = subject.bindPortDeadlineMs;
  const watch = new ContextWatch(deadline);
  const driver = await subject.newDriver();
  const setups = lifetimeSetups(capabilities);
  for (const round of [setups, setups]) {
    for (const setup of round) {
      await watch.bind(driver, setup);
      watch.expectNoLateCalls();
    }
  }
  for (const hook of hookCalls(capabilities)) {
    if (!hook.has(driver)) continue;
    watch.during(`calling ${hook.hook} (${hook.situation})`);
    await watch.callWatching(() => hook.call(driver), deadline);
  }
  await watch.waitQuietly(KEPT_CONTEXT_WINDOW_MS);
}
