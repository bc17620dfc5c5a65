import { type IdGenerator, type RandomSource } from './engine-types';
import { SCENARIO_ID_NAMESPACE } from './scenario-ids';
import { uuidV5 } from './uuid-v5';

/**
 * The ids and MACs of a simulation: name-based UUIDs of `"<scenario>/#<n>"` and MACs
 * `fa:16:3e:` followed by the counter, so that running a scenario twice gives the same ids.
 * Never blocks.
 */
export function simulationIdGenerator(scenarioName: string): IdGenerator {
  let ids = 0;
  let macs = 0;
  return {
    uuid: () => uuidV5(SCENARIO_ID_NAMESPACE, `${scenarioName}/#${++ids}`),
    macAddress: () => {
      macs = (macs + 1) % 0x1000000;
      const tail = [macs >> 16, (macs >> 8) & 0xff, macs & 0xff];
      return ['fa', '16', '3e', ...tail.map((byte) => byte.toString(16).padStart(2, '0'))].join(
        ':',
      );
    },
  };
}

/**
 * A seeded pseudo-random source (mulberry32): segment allocation picks ids at random the way
 * Neutron does, yet the same seed gives the same picks. Never blocks.
 */
export function seededRandomSource(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    nextInt(bound: number): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return Math.floor(unit * bound);
    },
  };
}
