import { declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { LATE_CALL_WINDOW_MS, settlesWithin } from '../contract-deadline';
import { sampleSegment } from '../contract-fixtures';
import { type ContractGroup } from '../contract-group';
import { capableSetup, triedNetworkTypes } from '../contract-setups';
import { type ContractSubject } from '../contract-subject';
import { describeSetup, turnContext, type TurnSetup, turnRecord } from '../contract-turn';
import { ContractViolation, ensure } from '../contract-violation';
import { check, defineContractGroup } from './define-contract-group';

/**
 * `bindPort` within the deadline. The engine waits for a driver's `bindPort` at most `[ml2]
 * driver_timeout`; past it the driver counts as not bound, the next driver is asked, and the
 * context is sealed, as it is as soon as `bindPort` returns: any later `setBinding`,
 * `continueBinding`, `decline` or segment allocation throws `PortContextSealed` and changes
 * nothing. So a driver must answer well within the deadline (the suite allows
 * `CONTRACT_BIND_PORT_DEADLINE_MS`, or the suite configuration's `driver_timeout` when shorter)
 * and must be done with the context when `bindPort` returns.
 */
export const bindPortDeadline: ContractGroup = defineContractGroup(
  'bind-port-deadline',
  'bindPort within the deadline',
  (subject) => [
    check('settles within the deadline for every vnic type and network type', async () => {
      const capabilities = subject.capabilities;
      const driver = await subject.newDriver();
      for (const vnic of declaredVnicTypes(capabilities)) {
        for (const type of triedNetworkTypes(capabilities)) {
          const segments = [sampleSegment(type)];
          await subject.bind(capableSetup(capabilities, vnic, segments), driver);
          await subject.bind(
            capableSetup(capabilities, vnic, segments, {}, { agents: [] }),
            driver,
          );
        }
      }
    }),
    check(
      `leaves the context alone once bindPort returned (for ${LATE_CALL_WINDOW_MS} ms)`,
      async () => {
        const capabilities = subject.capabilities;
        const type = firstNetworkType(capabilities);
        for (const vnic of declaredVnicTypes(capabilities)) {
          await expectNoLateCalls(subject, capableSetup(capabilities, vnic, [sampleSegment(type)]));
        }
      },
    ),
  ],
);

/**
 * Calls `bindPort` on a fresh context for `setup`, then watches the context for
 * `LATE_CALL_WINDOW_MS`: throws a `ContractViolation` when the driver calls it meanwhile.
 */
async function expectNoLateCalls(subject: ContractSubject, setup: TurnSetup): Promise<void> {
  const driver = await subject.newDriver();
  const context = turnContext(setup);
  const situation = describeSetup(setup);
  const deadline = subject.bindPortDeadlineMs;
  let settled: boolean;
  try {
    settled = await settlesWithin(() => driver.bindPort?.(context), deadline);
  } catch {
    return; // bindPort threw: the bind-port basics group reports that.
  }
  ensure(settled, `bindPort did not settle within ${deadline} ms (${situation})`);
  const returned = JSON.stringify(turnRecord(context));
  const started = Date.now();
  while (Date.now() - started < LATE_CALL_WINDOW_MS) {
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    if (JSON.stringify(turnRecord(context)) !== returned) {
      throw new ContractViolation(
        `bindPort called the context ${Date.now() - started} ms after it returned (${situation}). ` +
          'The engine seals the context when bindPort returns: a later call throws ' +
          'PortContextSealed and changes nothing. Await everything before returning',
      );
    }
  }
}
