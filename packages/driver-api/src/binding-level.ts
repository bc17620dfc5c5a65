import { type Segment } from './segment';

/** One level of a (possibly hierarchical) binding: which driver bound which segment. */
export interface BindingLevelView {
  /** 0 is the top level (closest to the network). */
  readonly level: number;
  /** Name of the mechanism driver that bound this level. */
  readonly driver: string;
  /** The segment bound at this level; null when it was deleted later. */
  readonly segment: Segment | null;
}
