import { join } from 'node:path';
import {
  DeclineReason,
  type DriverCapabilities,
  type MechanismDriver,
  type Ml2Configuration,
  type PortContext,
  VifType,
} from '@ml2ts/driver-api';
import { type ContractGroupReport } from './contract-group';
import { driverModule } from './groups';
import {
  MECHANISM_DRIVER_CONTRACT_GROUPS,
  runMechanismDriverContract,
} from './mechanism-driver-contract';
import { type MechanismDriverContractOptions } from './mechanism-driver-contract-options';
import { ReferenceAgentDriver } from './test-support/reference-agent-driver';
import { referenceAgentCapabilities } from './test-support/reference-capabilities';

/**
 * The host declaration of `DriverCapabilities` (`hosts`): a driver that serves only some hosts
 * passes the suite when it declares them, and fails it when the declaration lies.
 */

const packageDir = join(__dirname, 'test-support', 'reference-package');

/** Every group but the DI module one (these drivers have no package of their own). */
const GROUPS = MECHANISM_DRIVER_CONTRACT_GROUPS.filter((group) => group !== driverModule);

/**
 * An agentless driver that binds `normal` ports on `flat` and `vlan` segments with vif_type
 * `vhostuser`, on the hosts it is given only; elsewhere it declines with `host_not_served`.
 */
class KnownHostsDriver implements MechanismDriver {
  readonly name = 'known-hosts';
  readonly connectivity = 'l2' as const;

  constructor(private readonly served: readonly string[] | 'every host') {}

  bindPort(context: PortContext): void {
    if (context.vnicType !== 'normal') {
      context.decline({ code: DeclineReason.VNIC_TYPE_NOT_SUPPORTED });
      return;
    }
    if (this.served !== 'every host' && !this.served.includes(context.host)) {
      context.decline({ code: DeclineReason.HOST_NOT_SERVED, facts: { host: context.host } });
      return;
    }
    const segment = context.segmentsToBind.find(
      (candidate) => candidate.networkType === 'flat' || candidate.networkType === 'vlan',
    );
    if (!segment) {
      context.decline({ code: DeclineReason.NO_SEGMENT_BINDABLE });
      return;
    }
    context.setBinding(segment.id, VifType.VHOSTUSER, {
      vhostuser_mode: 'server',
      vhostuser_socket: `/run/known-hosts/${context.current.id}`,
    });
  }
}

/** What `KnownHostsDriver` declares, with `hosts` when given. */
function knownHostsCapabilities(hosts?: readonly string[]): DriverCapabilities {
  return {
    name: 'known-hosts',
    connectivity: 'l2',
    vnicTypes: ['normal'],
    networkTypes: ['flat', 'vlan'],
    agent: null,
    ...(hosts === undefined ? {} : { hosts }),
    vifTypes: {
      vhostuser: {
        details: { vhostuser_mode: { type: 'string' }, vhostuser_socket: { type: 'string' } },
      },
    },
    hierarchical: null,
  };
}

function knownHostsOptions(
  served: readonly string[] | 'every host',
  declared?: readonly string[],
): MechanismDriverContractOptions {
  return {
    createDriver: () => new KnownHostsDriver(served),
    capabilities: knownHostsCapabilities(declared),
    packageDir,
  };
}

/** The failed checks of every group, as `{ check: message }`. */
function failuresIn(reports: readonly ContractGroupReport[]): Record<string, string> {
  return Object.fromEntries(
    reports.flatMap((report) =>
      report.failures.map((failure) => [failure.check, failure.error.message]),
    ),
  );
}

/** The names of every check that ran. */
function checksIn(reports: readonly ContractGroupReport[]): string[] {
  return reports.flatMap((report) => [
    ...report.passed,
    ...report.failures.map((failure) => failure.check),
  ]);
}

describe('drivers that serve only some hosts', () => {
  // Each case runs whole contract groups, engines included: about a second alone, several on a
  // busy two-core machine, more than jest's default 5 s at worst.
  jest.setTimeout(30_000);
  const hosts = ['compute-1', 'compute-2'];

  it('pass the whole suite when they declare their hosts', async () => {
    const reports = await runMechanismDriverContract(knownHostsOptions(hosts, hosts), GROUPS);
    expect(failuresIn(reports)).toEqual({});
    expect(checksIn(reports)).toEqual(
      expect.arrayContaining([
        'binds normal ports on compute-1, a declared host',
        'binds normal ports on compute-2, a declared host',
        'declines normal ports on a host it does not declare',
      ]),
    );
    expect(checksIn(reports)).not.toContain('binds normal ports on any host');
  });

  it('fail "binds normal ports on any host" when they do not declare them', async () => {
    const failures = failuresIn(await runMechanismDriverContract(knownHostsOptions(hosts), GROUPS));
    expect(failures['binds normal ports on any host']).toMatch(
      /expected bindPort to bind .* but it declined: host_not_served/,
    );
  });

  it('fail when they declare a host they do not serve', async () => {
    const failures = failuresIn(
      await runMechanismDriverContract(
        knownHostsOptions(hosts, ['compute-1', 'compute-9']),
        GROUPS,
      ),
    );
    expect(Object.keys(failures)).toEqual(['binds normal ports on compute-9, a declared host']);
    expect(failures['binds normal ports on compute-9, a declared host']).toMatch(
      /host compute-9.*but it declined: host_not_served/,
    );
  });

  it('fail when they bind on hosts they do not declare', async () => {
    const failures = failuresIn(
      await runMechanismDriverContract(knownHostsOptions('every host', ['compute-1']), GROUPS),
    );
    expect(Object.keys(failures)).toEqual(['declines normal ports on a host it does not declare']);
    expect(failures['declines normal ports on a host it does not declare']).toMatch(
      /is not one of the declared hosts \(compute-1\).* but it bound segment/,
    );
  });

  it('fail the declaration check for an empty or repeated host list', async () => {
    const declaration =
      'declares what it is: name, connectivity, vnic types, network and vif types';
    const empty = failuresIn(await runMechanismDriverContract(knownHostsOptions([], []), GROUPS));
    expect(empty[declaration]).toMatch(/hosts is empty, so the driver would bind nowhere/);
    const twice = failuresIn(
      await runMechanismDriverContract(
        knownHostsOptions(hosts, ['compute-1', 'compute-1']),
        GROUPS,
      ),
    );
    expect(twice[declaration]).toMatch(/a host is declared twice/);
  });

  it('include agent-based drivers: their agents are put on a declared host', async () => {
    /** The reference agent driver, limited to `compute-1`. */
    class OneHostAgentDriver extends ReferenceAgentDriver {
      override bindPort(context: PortContext): void | Promise<void> {
        if (context.host !== 'compute-1') {
          context.decline({ code: DeclineReason.HOST_NOT_SERVED, facts: { host: context.host } });
          return;
        }
        return super.bindPort(context);
      }
    }
    const options: MechanismDriverContractOptions = {
      createDriver: (configuration: Ml2Configuration) => new OneHostAgentDriver(configuration),
      capabilities: { ...referenceAgentCapabilities, hosts: ['compute-1'] },
      packageDir,
    };
    const reports = await runMechanismDriverContract(options, GROUPS);
    expect(failuresIn(reports)).toEqual({});
    expect(checksIn(reports)).toEqual(
      expect.arrayContaining([
        'declines normal ports on a host it does not declare',
        'declines direct ports on a host it does not declare',
      ]),
    );
  });
});
