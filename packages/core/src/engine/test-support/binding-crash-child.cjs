// A server process that binds ports without pause until it is killed: creates ports with a
// host, moves them to another host, deletes some. Run on the built packages, as the server
// would be: node binding-crash-child.cjs DATABASE NODE_MODULES. Prints `ready` once it binds.
require('reflect-metadata');
const { createEngine } = require('@ml2ts/core');

const [database, nodeModules] = process.argv.slice(2);

async function main() {
  const engine = await createEngine({
    database,
    pluginSearchPaths: [nodeModules],
    overrides: {
      ml2: { mechanism_drivers: ['openvswitch'], tenant_network_types: ['vxlan'] },
      ml2_type_vxlan: { vni_ranges: ['1:1000'] },
    },
  });
  const { plugin } = engine;
  for (const host of ['host1', 'host2']) {
    await plugin.rpc.reportState({
      agent_type: 'Open vSwitch agent',
      binary: 'neutron-openvswitch-agent',
      host,
      topic: 'N/A',
      configurations: { tunnel_types: ['vxlan'], integration_bridge: 'br-int' },
    });
  }
  const [existing] = await plugin.listNetworks();
  const network = existing ?? (await plugin.createNetwork({ name: 'crash' }));
  process.stdout.write('ready\n');
  for (let round = 0; ; round++) {
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    await plugin.updatePort(port.id, { 'binding:host_id': 'host2' });
    if (round % 3 === 0) await plugin.deletePort(port.id);
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
