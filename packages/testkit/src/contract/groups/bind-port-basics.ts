import { isVnicType, type MechanismDriver } from '@ml2ts/driver-api';
import { declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { contractHost, sampleSegment } from '../contract-fixtures';
import { type ContractGroup } from '../contract-group';
import {
  capableSetup,
  dynamicSegmentOf,
  hookContext,
  PORT_HOOKS,
  triedNetworkTypes,
  unsupportedSegment,
} from '../contract-setups';
import { type ContractSubject, messageOf } from '../contract-subject';
import { expectBound, expectDeclined, settle } from '../contract-turn';
import { ContractViolation, ensure } from '../contract-violation';
import { type DriverCapabilities } from '@ml2ts/driver-api';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Bind-port basics: the declaration matches the driver; it binds a port it should; it binds only
 * a segment offered in `segmentsToBind`; every binding has a declared vif_type and every refusal
 * a well-formed reason; `setBinding` and `continueBinding` are called only inside `bindPort`
 * (never from the other port hooks, never after `bindPort` returned).
 */
export const bindPortBasics: ContractGroup = defineContractGroup(
  'bind-port-basics',
  'bind-port basics',
  (subject) => {
    const capabilities = subject.capabilities;
    const [vnic] = declaredVnicTypes(capabilities);
    const type = firstNetworkType(capabilities);
    return [
      check(
        'declares what it is: name, connectivity, vnic types, network and vif types',
        async () => {
          const driver = await subject.newDriver();
          const problems = declarationProblems(capabilities, driver);
          ensure(
            problems.length === 0,
            `the capabilities do not match the driver: ${problems.join('; ')}`,
          );
        },
      ),
      check(`binds a ${vnic?.vnicType} port on a ${type} segment`, async () => {
        const segment = sampleSegment(type);
        expectBound(await subject.bind(capableSetup(capabilities, vnic, [segment])), segment.id);
      }),
      check('binds only a segment offered in segmentsToBind', async () => {
        const [first, second] = [sampleSegment(type, 0), sampleSegment(type, 1)];
        const offeredSecond = capableSetup(
          capabilities,
          vnic,
          [first, second],
          {},
          {
            segmentsToBind: [second],
          },
        );
        expectBound(await subject.bind(offeredSecond), second.id);
        const unsupported = unsupportedSegment(capabilities);
        const offeredUnsupported = capableSetup(
          capabilities,
          vnic,
          [first, unsupported],
          {},
          {
            segmentsToBind: [unsupported],
          },
        );
        expectDeclined(
          await subject.bind(offeredUnsupported),
          `the only offered segment is of type ${unsupported.networkType}`,
        );
      }),
      check('gives every binding a declared vif_type and every refusal a reason', async () => {
        // bindTurn checks every turn; here every vnic type meets every network type.
        const driver = await subject.newDriver();
        for (const each of declaredVnicTypes(capabilities)) {
          for (const networkType of triedNetworkTypes(capabilities)) {
            await subject.bind(
              capableSetup(capabilities, each, [sampleSegment(networkType)]),
              driver,
            );
          }
        }
      }),
      check('calls setBinding and continueBinding only inside bindPort', async () => {
        await checkHooksDoNotBind(subject);
      }),
    ];
  },
);

/** Calls every port hook of the driver on a bound port and fails if one binds. */
async function checkHooksDoNotBind(subject: ContractSubject): Promise<void> {
  const capabilities = subject.capabilities;
  const [vnic] = declaredVnicTypes(capabilities);
  const top = sampleSegment(firstNetworkType(capabilities));
  const levels =
    capabilities.hierarchical === null
      ? [{ level: 0, driver: capabilities.name, segment: top }]
      : [
          { level: 0, driver: capabilities.name, segment: top },
          { level: 1, driver: 'lower-driver', segment: dynamicSegmentOf(capabilities) },
        ];
  const driver = await subject.newDriver();
  for (const hook of PORT_HOOKS) {
    const method = driver[hook];
    if (typeof method !== 'function') continue;
    const context = hookContext({
      capabilities,
      vnic,
      segments: [top],
      bindingLevels: levels,
      originalBindingLevels: levels,
      dynamicSegments: levels.slice(1).map((level) => level.segment),
    });
    try {
      await method.call(driver, context);
    } catch (error) {
      throw new ContractViolation(
        `${hook} threw for a port bound on ${contractHost(capabilities)}: ${messageOf(error)}`,
      );
    }
    await settle();
    const calls = [
      ...context.setBindingCalls.map(() => 'setBinding'),
      ...context.continueBindingCalls.map(() => 'continueBinding'),
    ];
    ensure(
      calls.length === 0,
      `${hook} called ${calls.join(' and ')}; only bindPort may bind (the engine ignores it elsewhere)`,
    );
  }
}

/** Where the declaration and the driver (or the declaration itself) disagree. */
function declarationProblems(capabilities: DriverCapabilities, driver: MechanismDriver): string[] {
  const problems: string[] = [];
  if (driver.name !== capabilities.name) {
    problems.push(`the driver is named ${driver.name}, the capabilities ${capabilities.name}`);
  }
  const connectivity = driver.connectivity ?? 'legacy';
  if (connectivity !== (capabilities.connectivity ?? 'legacy')) {
    problems.push(
      `the driver's connectivity is ${connectivity}, the capabilities say ${capabilities.connectivity ?? 'legacy (by default)'}`,
    );
  }
  const vnicTypes = declaredVnicTypes(capabilities).map((vnic) => vnic.vnicType);
  if (vnicTypes.length === 0) problems.push('no vnic type is declared');
  for (const vnicType of vnicTypes) {
    if (!isVnicType(vnicType)) problems.push(`${vnicType} is not a vnic type`);
  }
  if (new Set(vnicTypes).size !== vnicTypes.length) problems.push('a vnic type is declared twice');
  if (capabilities.networkTypes.length === 0) problems.push('no network type is declared');
  if (new Set(capabilities.networkTypes).size !== capabilities.networkTypes.length) {
    problems.push('a network type is declared twice');
  }
  if (Object.keys(capabilities.vifTypes).length === 0 && capabilities.hierarchical === null) {
    problems.push('no vif type is declared and the driver is not hierarchical: it cannot bind');
  }
  if (capabilities.agent !== null && !capabilities.agent.agentType) {
    problems.push('the agent capability has no agent type');
  }
  if (capabilities.hosts !== undefined) {
    const hosts = capabilities.hosts;
    if (hosts.length === 0) {
      problems.push(
        'hosts is empty, so the driver would bind nowhere; leave it out for every host',
      );
    }
    if (hosts.some((host) => typeof host !== 'string' || host === '')) {
      problems.push('a declared host is not a non-empty string');
    }
    if (new Set(hosts).size !== hosts.length) problems.push('a host is declared twice');
  }
  // Drivers built on the agent base classes expose what they were built with: compare.
  const exposed = driver as unknown as { agentType?: unknown; supportedVnicTypes?: unknown };
  if (
    typeof exposed.agentType === 'string' &&
    exposed.agentType !== capabilities.agent?.agentType
  ) {
    problems.push(
      `the driver binds through ${exposed.agentType}, the capabilities say ${capabilities.agent?.agentType ?? 'no agent'}`,
    );
  }
  if (Array.isArray(exposed.supportedVnicTypes)) {
    const supported = [...(exposed.supportedVnicTypes as string[])].sort();
    if (supported.join() !== [...vnicTypes].sort().join()) {
      problems.push(
        `the driver supports vnic types ${supported.join(', ')}, the capabilities declare ${vnicTypes.join(', ')}`,
      );
    }
  }
  return problems;
}
