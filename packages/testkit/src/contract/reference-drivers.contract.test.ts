import { join } from 'node:path';
import { describeMechanismDriverContract } from './describe-mechanism-driver-contract';
import { ReferenceAgentDriver } from './test-support/reference-agent-driver';
import {
  referenceAgentCapabilities,
  referenceFabricCapabilities,
} from './test-support/reference-capabilities';
import { ReferenceFabricDriver } from './test-support/reference-fabric-driver';

const packageDir = join(__dirname, 'test-support', 'reference-package');

// The suite run against the reference drivers: everything must pass.
describeMechanismDriverContract({
  createDriver: (configuration) => new ReferenceAgentDriver(configuration),
  capabilities: referenceAgentCapabilities,
  packageDir,
});

describeMechanismDriverContract({
  createDriver: () => new ReferenceFabricDriver(),
  capabilities: referenceFabricCapabilities,
  packageDir,
});
