import { type IdGenerator } from '@ml2ts/driver-api';
import { type RandomSource } from '@ml2ts/driver-api';

/**
 * Test-only: a random source answering from `pick(bound)` and recording every bound it was
 * asked for, so tests both steer and observe random choices.
 */
export class ScriptedRandom implements RandomSource {
  /** Every `bound` passed to `nextInt`, in call order. */
  readonly bounds: number[] = [];

  constructor(private readonly pick: (bound: number) => number) {}

  nextInt(bound: number): number {
    this.bounds.push(bound);
    return this.pick(bound);
  }
}

/** Test-only: always the first free row in key order. */
export const firstChoice = (): ScriptedRandom => new ScriptedRandom(() => 0);

/** Test-only: always the last free row in key order. */
export const lastChoice = (): ScriptedRandom => new ScriptedRandom((bound) => bound - 1);

/** Test-only: UUID-shaped ids `00000000-0000-4000-8000-000000000001`, `...02`, ... */
export function sequentialIds(): IdGenerator {
  let next = 0;
  return {
    uuid: () => {
      next += 1;
      return `00000000-0000-4000-8000-${next.toString(16).padStart(12, '0')}`;
    },
    macAddress: () => 'fa:16:3e:00:00:01',
  };
}
