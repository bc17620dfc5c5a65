import { join } from 'node:path';

/**
 * The path of a configuration file of this folder, modelled on the files a Neutron server and
 * agent of the compatibility tests ran with: `neutron.conf`, `ml2_conf.ini`, `ovs-agent.conf`.
 */
export function fixturePath(name: 'neutron.conf' | 'ml2_conf.ini' | 'ovs-agent.conf'): string {
  return join(__dirname, name);
}
