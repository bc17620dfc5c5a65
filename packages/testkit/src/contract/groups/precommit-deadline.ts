import { CONTRACT_PRECOMMIT_DEADLINE_MS, settlesWithin } from '../contract-deadline';
import { type ContractGroup } from '../contract-group';
import {
  type HookCall,
  hookCalls,
  type HookResource,
  IN_TRANSACTION_HOOKS,
} from '../contract-hooks';
import { type ContractSubject } from '../contract-subject';
import { ensure } from '../contract-violation';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Pre-commit hooks without blocking. The engine calls the pre-commit hooks (and
 * `checkVlanTransparency`) inside the database transaction of the operation, which every other
 * write waits for; past `[ml2] precommit_timeout` it fails the operation with a
 * `MechanismDriverTimeout` and rolls it back. On the suite's fake contexts nothing needs to wait,
 * so each of these hooks must settle within `CONTRACT_PRECOMMIT_DEADLINE_MS` (or the suite
 * configuration's `precommit_timeout` when shorter), whether it returns or throws, and must not
 * hold the thread that long either (a busy loop, a synchronous call to a backend).
 */
export const precommitDeadline: ContractGroup = defineContractGroup(
  'precommit-deadline',
  'pre-commit hooks without blocking',
  (subject) => [
    check('network pre-commit hooks and checkVlanTransparency settle at once', async () => {
      await expectPrecommitsSettle(subject, 'network');
    }),
    check('subnet pre-commit hooks settle at once', async () => {
      await expectPrecommitsSettle(subject, 'subnet');
    }),
    check('port pre-commit hooks settle at once', async () => {
      await expectPrecommitsSettle(subject, 'port');
    }),
  ],
);

/**
 * Calls each in-transaction hook of `resource` that the driver has, on one driver, and fails at
 * the first that does not settle within the deadline.
 */
async function expectPrecommitsSettle(
  subject: ContractSubject,
  resource: HookResource,
): Promise<void> {
  const deadline = subject.precommitDeadlineMs;
  const driver = await subject.newDriver();
  const calls = hookCalls(subject.capabilities).filter(
    (call) => call.resource === resource && IN_TRANSACTION_HOOKS.includes(call.hook),
  );
  for (const call of calls) {
    if (!call.has(driver)) continue;
    let settled: boolean;
    try {
      settled = await settlesWithin(() => call.call(driver), deadline);
    } catch {
      settled = true; // A throw rolls the operation back, which is allowed.
    }
    ensure(settled, () => blockedMessage(call, deadline));
  }
}

/** Why a hook that did not settle in time breaks the contract, and what to do instead. */
function blockedMessage(call: HookCall, deadline: number): string {
  const where =
    call.hook === 'checkVlanTransparency'
      ? 'is asked inside the create-network transaction'
      : 'runs inside the database transaction of the operation';
  return (
    `${call.hook} did not settle within ${deadline} ms (${call.situation}). It ${where}, which ` +
    'every other write waits for; past [ml2] precommit_timeout the engine fails the operation ' +
    'with a MechanismDriverTimeout and rolls it back. Do no I/O there (no backend call, lock, ' +
    'sleep or busy loop): check what you can from the context, and talk to your backend in the ' +
    `post-commit hook. (The suite allows ${CONTRACT_PRECOMMIT_DEADLINE_MS} ms, or the suite ` +
    "configuration's precommit_timeout when shorter.)"
  );
}
