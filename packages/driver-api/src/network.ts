import { type Segment } from './segment';

/** A network as drivers see it. */
export interface NetworkView {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly mtu: number;
  readonly adminStateUp: boolean;
  readonly routerExternal: boolean;
  readonly vlanTransparent: boolean;
  /** Static segments, ordered by `segmentIndex`. */
  readonly segments: readonly Segment[];
}
