'use strict';

// The reference drivers as a driver package, for the DI module group of the contract suite's
// own tests. It requires the TypeScript sources, so only jest can load it.
const { ContainerModule } = require('inversify');
const { DI } = require('@ml2ts/driver-api');
const { ReferenceAgentDriver } = require('../reference-agent-driver');
const { ReferenceFabricDriver } = require('../reference-fabric-driver');

const referenceDriverModule = new ContainerModule(({ bind }) => {
  bind(DI.MECHANISM_DRIVER).toDynamicValue(
    (context) => new ReferenceAgentDriver(context.get(DI.CONFIGURATION)),
  );
});

const fabricDriverModule = new ContainerModule(({ bind }) => {
  bind(DI.MECHANISM_DRIVER).toDynamicValue(() => new ReferenceFabricDriver());
});

module.exports = { referenceDriverModule, fabricDriverModule };
