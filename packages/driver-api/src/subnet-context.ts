import { type NetworkContext } from './network-context';
import { type SubnetView } from './port';

/** What subnet hooks receive. */
export interface SubnetContext {
  /** The subnet as it is (being) stored; on delete, the subnet as it was. */
  readonly current: SubnetView;
  /** The subnet before an update; null on create and delete. */
  readonly original: SubnetView | null;
  /** The subnet's network, as stored (its `original` is null). */
  readonly network: NetworkContext;
}
