import { join, resolve } from 'node:path';
import { type Ml2Configuration } from '@ml2ts/driver-api';
import { runContractGroup } from './contract-group';
import { driverModule } from './groups';
import { type MechanismDriverContractOptions } from './mechanism-driver-contract-options';
import { ReferenceAgentDriver } from './test-support/reference-agent-driver';
import { referenceAgentCapabilities } from './test-support/reference-capabilities';

/**
 * The DI module group fails a driver whose name another package declares where the engine would
 * look from the driver's folder: the engine would refuse to start with both.
 */

const REPOSITORY = resolve(__dirname, '../../../..');
const CHECK = 'is the only package declaring openvswitch among those found from its folder';

/** The reference agent driver under the name of the in-tree Open vSwitch driver. */
class ClashingDriver extends ReferenceAgentDriver {
  override readonly name: string = 'openvswitch';
}

function clashingOptions(packageDir: string): MechanismDriverContractOptions {
  return {
    createDriver: (configuration: Ml2Configuration) => new ClashingDriver(configuration),
    capabilities: { ...referenceAgentCapabilities, name: 'openvswitch' },
    packageDir,
  };
}

describe('a driver named like a driver of another package', () => {
  it('fails the check that its name is its own, naming the other package and saying to rename', async () => {
    const packageDir = join(__dirname, 'test-support', 'clashing-package');
    const report = await runContractGroup(driverModule, clashingOptions(packageDir));
    const failure = report.failures.find((each) => each.check === CHECK);
    expect(failure?.error.message).toContain(
      `the driver name openvswitch is also declared by @ml2ts/mech-openvswitch (${join(REPOSITORY, 'plugins', 'openvswitch')})`,
    );
    expect(failure?.error.message).toContain(
      'Rename your driver: its `name`, its entry in the "ml2ts" manifest and the name in its capabilities.',
    );
    // Its own manifest is fine: only the clash fails.
    expect(report.passed).toContain('is declared as openvswitch in its package manifest');
  });

  it('passes that check for a name no other package declares', async () => {
    const options: MechanismDriverContractOptions = {
      createDriver: (configuration: Ml2Configuration) => new ReferenceAgentDriver(configuration),
      capabilities: referenceAgentCapabilities,
      packageDir: join(__dirname, 'test-support', 'reference-package'),
    };
    const report = await runContractGroup(driverModule, options);
    expect(report.failures).toEqual([]);
    expect(report.passed).toContain(
      'is the only package declaring reference among those found from its folder',
    );
  });
});
