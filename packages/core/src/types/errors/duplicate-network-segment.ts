import { Conflict } from '@ml2ts/driver-api';

/**
 * 409: the network already has a segment of this type on this physical network (at most one
 * segment per (network, type, physical network), static and dynamic together). Typical case:
 * a binding driver asks for a dynamic VLAN segment on a physical network where the network
 * already has a static VLAN segment. Neutron surfaces the database's duplicate-entry error
 * here; ml2ts names it. When it is thrown, the reservation made for the segment has already
 * been released again, so a caller may contain the error and still commit its transaction.
 */
export class DuplicateNetworkSegment extends Conflict {
  readonly networkId: string;
  readonly networkType: string;
  readonly physicalNetwork: string | null;

  constructor(networkId: string, networkType: string, physicalNetwork: string | null) {
    super(
      'DuplicateNetworkSegment',
      `Network ${networkId} already has a ${networkType} segment on physical network ` +
        `${String(physicalNetwork)}.`,
    );
    this.networkId = networkId;
    this.networkType = networkType;
    this.physicalNetwork = physicalNetwork;
  }
}
