import { isDeepStrictEqual } from 'node:util';
import { type MechanismDriver } from '@ml2ts/driver-api';
import { agentVnicType, declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { capableAgent, OTHER_HOST, sampleSegment, uniquePortAndHost } from '../contract-fixtures';
import { type ContractGroup } from '../contract-group';
import { capableSetup, triedNetworkTypes } from '../contract-setups';
import { type ContractSubject } from '../contract-subject';
import { turnRecord, type TurnRecord, type TurnSetup } from '../contract-turn';
import { ensure } from '../contract-violation';
import { type DriverCapabilities } from '@ml2ts/driver-api';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Purity of `bindPort`. Its effects count only if the attempt wins the optimistic commit, so it
 * must keep no state of its own: the same inputs give the same result on fresh contexts, on a
 * driver that bound other ports before and on a brand-new driver; an attempt whose result is
 * thrown away (it lost the commit race) changes nothing for the next attempt on the same port and
 * host. It writes nothing persistent: no release, no provisioning block, and no dynamic segment
 * unless the driver is hierarchical (and then only of the declared kind).
 */
export const bindPortPurity: ContractGroup = defineContractGroup(
  'bind-port-purity',
  'purity of bindPort',
  (subject) => [
    check('binds the same way twice on fresh contexts', async () => {
      const driver = await subject.newDriver();
      for (const setup of variedSetups(subject.capabilities)) {
        const first = await record(subject, driver, setup);
        const second = await record(subject, driver, setup);
        expectSameRecord(second, first, 'binding the same inputs a second time');
      }
    }),
    check('binds a port the same way after binding other ports', async () => {
      const used = await subject.newDriver();
      const setups = variedSetups(subject.capabilities);
      for (const setup of setups) await record(subject, used, setup);
      for (const setup of setups) {
        const expected = await record(subject, await subject.newDriver(), setup);
        expectSameRecord(
          await record(subject, used, setup),
          expected,
          'a driver that bound other ports',
        );
      }
    }),
    check('leaves nothing behind when its result loses the commit race', async () => {
      await checkLostRace(subject);
    }),
    check('writes nothing persistent in bindPort', async () => {
      const capabilities = subject.capabilities;
      const driver = await subject.newDriver();
      const setups = [
        ...variedSetups(capabilities),
        ...declaredVnicTypes(capabilities).flatMap((vnic) =>
          triedNetworkTypes(capabilities).map((type) =>
            capableSetup(capabilities, vnic, [sampleSegment(type)]),
          ),
        ),
      ];
      for (const setup of setups) {
        const turn = await subject.bind(setup, driver);
        const { context, situation } = turn;
        ensure(
          context.releasedSegmentIds.length === 0,
          `bindPort released ${context.releasedSegmentIds.join(', ')} (${situation}); a binding attempt may lose the commit race, so it must not change what other ports use`,
        );
        ensure(
          context.provisioningBlocks.length === 0,
          `bindPort added provisioning blocks (${situation}); they belong in the pre-commit hooks`,
        );
        const wanted = capabilities.hierarchical?.dynamicSegment;
        for (const request of context.allocationRequests) {
          ensure(
            wanted !== undefined,
            `bindPort called allocateDynamicSegment(${JSON.stringify(request)}) (${situation}), but the driver is not declared hierarchical: it would store a segment for an attempt that may be thrown away`,
          );
          ensure(
            request.networkType === wanted.networkType,
            `bindPort asked for a ${request.networkType} dynamic segment (${situation}); the capabilities declare ${wanted.networkType}`,
          );
        }
      }
    }),
  ],
);

/**
 * The lost-race protocol, on a port id and host never used before (for a driver that declares
 * its hosts, a new port id on its first host): a driver binds inputs B, then
 * inputs A (an attempt whose result is thrown away: other segments and, for agent drivers, a dead
 * agent), then B again. The second B must give the first B's result, A must give what a brand-new
 * driver gives for A on another unused port and host, and a brand-new driver must give the first
 * B's result. State kept per port or host (even in a module-level map) shows up as a difference.
 */
async function checkLostRace(subject: ContractSubject): Promise<void> {
  const capabilities = subject.capabilities;
  const vnic = agentVnicType(capabilities) ?? declaredVnicTypes(capabilities)[0];
  const type = firstNetworkType(capabilities);
  const inputs = (variant: 0 | 1, portId: string, host: string): TurnSetup => {
    const setup = capableSetup(
      capabilities,
      vnic,
      [sampleSegment(type, variant)],
      {},
      {
        portId,
        host,
      },
    );
    if (variant === 0 || (setup.agents ?? []).length === 0) return setup;
    return { ...setup, agents: [capableAgent(capabilities, { vnic, host, alive: false })] };
  };
  const { portId, host } = uniquePortAndHost(capabilities);
  const driver = await subject.newDriver();
  const firstB = await record(subject, driver, inputs(0, portId, host));
  const lostA = await record(subject, driver, inputs(1, portId, host));
  const secondB = await record(subject, driver, inputs(0, portId, host));
  expectSameRecord(
    secondB,
    firstB,
    'binding a port again after an attempt whose result was thrown away',
  );

  const other = uniquePortAndHost(capabilities);
  const freshA = await record(
    subject,
    await subject.newDriver(),
    inputs(1, other.portId, other.host),
  );
  expectSameRecord(
    renamed(lostA, { [portId]: other.portId, [host]: other.host }),
    freshA,
    'the attempt that lost, compared with the same inputs on a new driver and an unused port',
  );
  const freshB = await record(subject, await subject.newDriver(), inputs(0, portId, host));
  expectSameRecord(freshB, firstB, 'a brand-new driver binding the same port and host');
}

/**
 * Setups that differ in vnic type, host, agents and segments: what "other ports" look like. For
 * agent drivers they include a dead agent and an agent on another host.
 */
function variedSetups(capabilities: DriverCapabilities): TurnSetup[] {
  const setups: TurnSetup[] = [];
  const segments = [
    sampleSegment(firstNetworkType(capabilities)),
    sampleSegment(firstNetworkType(capabilities), 1),
  ];
  for (const vnic of declaredVnicTypes(capabilities)) {
    setups.push(
      capableSetup(capabilities, vnic, segments, {}, { portId: `port-${vnic.vnicType}` }),
    );
    setups.push(
      capableSetup(capabilities, vnic, segments.slice(1), {}, { portId: 'port-2', host: 'host2' }),
    );
  }
  const vnic = agentVnicType(capabilities);
  if (vnic !== null) {
    setups.push(capableSetup(capabilities, vnic, segments, { alive: false }, { portId: 'port-3' }));
    setups.push(
      capableSetup(capabilities, vnic, segments, { host: OTHER_HOST }, { portId: 'port-4' }),
    );
  }
  return setups;
}

/** Binds once and returns what the driver asked of the context. */
async function record(
  subject: ContractSubject,
  driver: MechanismDriver,
  setup: TurnSetup,
): Promise<TurnRecord> {
  return turnRecord((await subject.bind(setup, driver)).context);
}

/** `value` with every occurrence of each key of `names` (unique ids) replaced by its value. */
function renamed<T>(value: T, names: Readonly<Record<string, string>>): T {
  let text = JSON.stringify(value);
  for (const [from, to] of Object.entries(names)) text = text.split(from).join(to);
  return JSON.parse(text) as T;
}

function expectSameRecord(actual: TurnRecord, expected: TurnRecord, when: string): void {
  const normalize = (value: TurnRecord) => JSON.parse(JSON.stringify(value)) as unknown;
  ensure(
    isDeepStrictEqual(normalize(actual), normalize(expected)),
    () =>
      `bindPort gave another result for ${when}: it keeps state between calls.\n` +
      `expected: ${JSON.stringify(expected)}\nactual:   ${JSON.stringify(actual)}`,
  );
}
