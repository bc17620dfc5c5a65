import {
  type BindingLevelView,
  Limits,
  type MechanismDriver,
  NoNetworkAvailable,
  type Segment,
} from '@ml2ts/driver-api';
import { declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { sampleSegment } from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import { capableSetup, dynamicSegmentOf, hookContext, triedNetworkTypes } from '../contract-setups';
import { type ContractSubject, messageOf } from '../contract-subject';
import { expectDeclined, settle, turnContext } from '../contract-turn';
import { ContractViolation, ensure } from '../contract-violation';
import { type DriverCapabilities, type HierarchicalCapability } from '@ml2ts/driver-api';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Hierarchical behaviour. A hierarchical driver continues from an offered segment to the dynamic
 * segment it asked `allocateDynamicSegment` for (of the declared type); hands down the network's
 * existing dynamic segment instead of creating another; declines when no dynamic segment can be
 * allocated; stops continuing as the binding descends (before the level limit); and in its
 * post-commit hooks releases only a dynamic segment below a level it bound, once no port uses it
 * (when it declares that it releases at all). A driver that is not hierarchical never continues
 * a binding and never releases a segment.
 */
export const hierarchicalBinding: ContractGroup = defineContractGroup(
  'hierarchical-binding',
  'hierarchical binding',
  (subject) => {
    const capabilities = subject.capabilities;
    const hierarchical = capabilities.hierarchical;
    if (hierarchical === null) {
      return [
        check('never continues a binding', async () => {
          const driver = await subject.newDriver();
          for (const vnic of declaredVnicTypes(capabilities)) {
            for (const type of triedNetworkTypes(capabilities)) {
              const turn = await subject.bind(
                capableSetup(capabilities, vnic, [sampleSegment(type)]),
                driver,
              );
              ensure(
                turn.context.continueBindingCalls.length === 0,
                `bindPort continued a binding (${turn.situation}), but the driver is not declared hierarchical`,
              );
            }
          }
        }),
        check('releases no segment in its port hooks', async () => {
          const released = await releasesAfterHooks(subject, releaseCases(capabilities, true));
          ensure(
            released.length === 0,
            `the port hooks released ${describeReleases(released)}; a driver that allocates nothing releases nothing`,
          );
        }),
      ];
    }
    return hierarchicalChecks(subject, hierarchical);
  },
);

function hierarchicalChecks(
  subject: ContractSubject,
  hierarchical: HierarchicalCapability,
): ContractCheck[] {
  const capabilities = subject.capabilities;
  const [vnic] = declaredVnicTypes(capabilities);
  const top = sampleSegment(firstNetworkType(capabilities));
  const setup = capableSetup(capabilities, vnic, [top]);
  const wanted = hierarchical.dynamicSegment;
  const checks: ContractCheck[] = [
    check('continues from an offered segment to the dynamic segment it allocates', async () => {
      const turn = await subject.bind(setup);
      const { context } = turn;
      const outcome = context.outcome;
      ensure(
        outcome.kind === 'continued',
        `expected bindPort to continue from ${top.id} (${turn.situation}), but the outcome is ${outcome.kind}`,
      );
      ensure(
        context.allocationRequests.length > 0,
        `bindPort continued without asking allocateDynamicSegment for a segment (${turn.situation})`,
      );
      for (const request of context.allocationRequests) {
        ensure(
          request.networkType === wanted.networkType &&
            (wanted.physicalNetwork === undefined ||
              (request.physicalNetwork ?? null) === wanted.physicalNetwork),
          `bindPort asked for a dynamic segment ${JSON.stringify(request)}; the capabilities declare ${JSON.stringify(wanted)}`,
        );
      }
      const [allocated] = context.allocatedSegments;
      ensure(
        outcome.nextSegments.some((segment) => segment.id === allocated?.id),
        `bindPort allocated ${allocated?.id} but did not hand it to the next level (${turn.situation})`,
      );
    }),
    check(
      "hands down the network's existing dynamic segment instead of allocating another",
      async () => {
        const first = await subject.bind(setup);
        const existing = first.context.allocatedSegments;
        ensure(existing.length > 0, `bindPort allocated no dynamic segment (${first.situation})`);
        const again = await subject.bind({ ...setup, dynamicSegments: existing });
        const outcome = again.context.outcome;
        ensure(
          again.context.allocatedSegments.length === 0,
          `bindPort created another dynamic segment although the network has ${existing
            .map((segment) => segment.id)
            .join(', ')} (${again.situation}); ask with the same type and physical network`,
        );
        ensure(
          outcome.kind === 'continued' &&
            outcome.nextSegments.some((segment) =>
              existing.some((known) => known.id === segment.id),
            ),
          `bindPort did not hand down the existing dynamic segment (${again.situation})`,
        );
      },
    ),
    check('declines when no dynamic segment can be allocated', async () => {
      const turn = await subject.bind({ ...setup, allocationFailure: new NoNetworkAvailable() });
      expectDeclined(turn, 'allocateDynamicSegment throws NoNetworkAvailable');
    }),
    check('stops continuing as the binding descends', async () => {
      await checkDescentEnds(subject, await subject.newDriver(), setup);
    }),
    check('releases no segment that is not its own or still in use', async () => {
      const released = await releasesAfterHooks(subject, releaseCases(capabilities, false));
      ensure(
        released.length === 0,
        `the post-commit hooks released ${describeReleases(released)}; only a dynamic segment below a level ` +
          'the driver bound may be released, and only when no port uses it',
      );
    }),
  ];
  const own = ownLevels(capabilities);
  const dynamic = dynamicSegmentOf(capabilities);
  const unbound: ReleaseCase = {
    name: 'after an unbind',
    hook: 'updatePortPostcommit',
    levels: own,
    after: [],
  };
  const deleted: ReleaseCase = {
    name: 'after a delete',
    hook: 'deletePortPostcommit',
    levels: own,
    after: own,
  };
  if (hierarchical.releasesDynamicSegments) {
    checks.push(
      check('releases its dynamic segment once no port uses it', async () => {
        for (const releaseCase of [unbound, deleted]) {
          const released = await releasesAfterHooks(subject, [releaseCase]);
          const ids = released.map((release) => release.segmentId);
          ensure(
            ids.length === 1 && ids[0] === dynamic.id,
            `${releaseCase.hook} ${releaseCase.name} released [${ids.join(', ')}], expected [${dynamic.id}]`,
          );
        }
      }),
    );
  } else {
    checks.push(
      check('keeps its dynamic segments, as declared', async () => {
        const released = await releasesAfterHooks(subject, [unbound, deleted]);
        ensure(
          released.length === 0,
          `the post-commit hooks released ${describeReleases(released)}, but releasesDynamicSegments is false`,
        );
      }),
    );
  }
  return checks;
}

/** Binds level after level with the segments the driver hands down, until it stops. */
async function checkDescentEnds(
  subject: ContractSubject,
  driver: MechanismDriver,
  setup: Parameters<typeof turnContext>[0],
): Promise<void> {
  const context = turnContext(setup);
  for (let level = 0; level < Limits.MAX_BINDING_LEVELS; level += 1) {
    try {
      await driver.bindPort?.(context);
    } catch (error) {
      throw new ContractViolation(`bindPort threw at level ${level}: ${messageOf(error)}`);
    }
    await settle();
    const outcome = context.outcome;
    if (outcome.kind !== 'continued') return;
    const bound = context.segmentsToBind.find((segment) => segment.id === outcome.segmentId);
    context.descend(
      { level, driver: subject.capabilities.name, segment: bound ?? null },
      outcome.nextSegments,
    );
  }
  throw new ContractViolation(
    `bindPort kept continuing with the segments it handed down for ${Limits.MAX_BINDING_LEVELS} levels; ` +
      'at the level below, decline the dynamic segment (or bind it) so that the next drivers can bind it',
  );
}

/** Level 0 bound by the driver from a static segment, level 1 on its dynamic segment. */
function ownLevels(capabilities: DriverCapabilities): BindingLevelView[] {
  return [
    { level: 0, driver: capabilities.name, segment: sampleSegment(firstNetworkType(capabilities)) },
    { level: 1, driver: 'lower-driver', segment: dynamicSegmentOf(capabilities) },
  ];
}

/** One post-commit situation: the hook, the levels before, the levels after, segments in use. */
interface ReleaseCase {
  readonly name: string;
  readonly hook: 'updatePortPostcommit' | 'deletePortPostcommit';
  readonly levels: readonly BindingLevelView[];
  readonly after: readonly BindingLevelView[];
  readonly inUse?: readonly string[];
}

/**
 * Situations where nothing may be released: levels bound by another driver, a static segment
 * below the driver's level, the dynamic segment still used by another port, the port still bound
 * to it. With `includeOwn` (for drivers that are not hierarchical) also the plain unbind and
 * delete of a port whose level 0 carries the driver's name.
 */
function releaseCases(capabilities: DriverCapabilities, includeOwn: boolean): ReleaseCase[] {
  const own = ownLevels(capabilities);
  const dynamic = dynamicSegmentOf(capabilities);
  const foreign = [{ ...own[0], driver: 'other-driver' }, own[1]];
  const staticBelow = [
    own[0],
    { ...own[1], segment: sampleSegment(firstNetworkType(capabilities), 1) },
  ];
  const cases: ReleaseCase[] = [];
  for (const hook of ['updatePortPostcommit', 'deletePortPostcommit'] as const) {
    const after = (levels: readonly BindingLevelView[]) =>
      hook === 'deletePortPostcommit' ? levels : [];
    cases.push(
      { name: 'for levels of another driver', hook, levels: foreign, after: after(foreign) },
      { name: 'for a static segment below', hook, levels: staticBelow, after: after(staticBelow) },
      {
        name: 'while another port uses it',
        hook,
        levels: own,
        after: after(own),
        inUse: [dynamic.id],
      },
    );
    if (includeOwn)
      cases.push({ name: 'for its own levels', hook, levels: own, after: after(own) });
  }
  cases.push({
    name: 'while the port still uses it',
    hook: 'updatePortPostcommit',
    levels: own,
    after: own,
  });
  return cases;
}

/** A segment a post-commit hook released, and in which case. */
interface Release {
  readonly segmentId: string;
  readonly where: string;
}

/** Runs each case's hook on a fresh driver and returns every segment it released. */
async function releasesAfterHooks(
  subject: ContractSubject,
  cases: readonly ReleaseCase[],
): Promise<Release[]> {
  const capabilities = subject.capabilities;
  const [vnic] = declaredVnicTypes(capabilities);
  const released: Release[] = [];
  for (const releaseCase of cases) {
    const driver = await subject.newDriver();
    const method = driver[releaseCase.hook];
    if (typeof method !== 'function') continue;
    const dynamic = releaseCase.levels
      .map((level) => level.segment)
      .filter((segment): segment is Segment => segment?.isDynamic === true);
    const context = hookContext({
      capabilities,
      vnic,
      segments: [sampleSegment(firstNetworkType(capabilities))],
      bindingLevels: releaseCase.after,
      originalBindingLevels: releaseCase.levels,
      dynamicSegments: dynamic,
      segmentsInUse: releaseCase.inUse,
    });
    try {
      await method.call(driver, context);
    } catch (error) {
      throw new ContractViolation(
        `${releaseCase.hook} ${releaseCase.name} threw: ${messageOf(error)}`,
      );
    }
    await settle();
    const where = `${releaseCase.hook} ${releaseCase.name}`;
    released.push(...context.releasedSegmentIds.map((segmentId) => ({ segmentId, where })));
  }
  return released;
}

function describeReleases(released: readonly Release[]): string {
  return released.map((release) => `${release.segmentId} (${release.where})`).join(', ');
}
