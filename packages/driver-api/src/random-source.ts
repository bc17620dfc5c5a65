/**
 * The randomness of segment allocation (Neutron picks a random free VLAN / VNI). Injected so
 * tests can make allocation deterministic.
 */
export interface RandomSource {
  /** An integer in `[0, bound)`. Must not block. */
  nextInt(bound: number): number;
}

/** `Math.random` based source. */
export const mathRandomSource: RandomSource = {
  nextInt: (bound) => Math.floor(Math.random() * bound),
};
