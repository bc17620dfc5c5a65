import { type NetworkView } from './network';
import { type Segment } from './segment';

/** What network hooks receive. */
export interface NetworkContext {
  /** The network as it is (being) stored. */
  readonly current: NetworkView;
  /** The network before an update; null on create and delete. */
  readonly original: NetworkView | null;
  /** Static segments, ordered by `segmentIndex`. */
  readonly networkSegments: readonly Segment[];
}
