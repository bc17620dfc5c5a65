// The contract suite under node's own test runner (`node --test`), as a driver author on
// node:test would run it: the built packages, node:test's describe and it.
require('reflect-metadata');
const { dirname } = require('node:path');
const { describe, it } = require('node:test');
const { silentLogger } = require('@ml2ts/driver-api');
const { TorMechanismDriver } = require('@ml2ts/mech-tor');
const { describeMechanismDriverContract } = require('@ml2ts/testkit');

describeMechanismDriverContract({
  createDriver: (configuration) => new TorMechanismDriver(configuration, silentLogger),
  packageDir: dirname(require.resolve('@ml2ts/mech-tor/package.json')),
  runner: { describe, it },
});
