import { type Ipv6Mode, type PortStatus } from './constants';
import { type VifDetails } from './vif-details';

/** One fixed IP of a port. */
export interface FixedIp {
  readonly subnetId: string;
  readonly ipAddress: string;
}

/** `binding:profile`: a free-form JSON object (null in a request means `{}`). */
export type BindingProfile = Readonly<Record<string, unknown>>;

/** A port as drivers see it, with the binding attributes of its ACTIVE binding. */
export interface PortView {
  readonly id: string;
  readonly networkId: string;
  readonly projectId: string;
  readonly name: string;
  readonly macAddress: string;
  readonly fixedIps: readonly FixedIp[];
  readonly deviceId: string;
  readonly deviceOwner: string;
  readonly status: PortStatus;
  readonly adminStateUp: boolean;
  readonly dnsName: string;
  /** `binding:host_id` (`''` when unbound). */
  readonly hostId: string;
  /** `binding:vnic_type`. */
  readonly vnicType: string;
  /** `binding:profile` (`{}` when empty). */
  readonly profile: BindingProfile;
  /** `binding:vif_type` of the ACTIVE binding. */
  readonly vifType: string;
  /** `binding:vif_details` of the ACTIVE binding, with `bound_drivers` when levels exist. */
  readonly vifDetails: Readonly<VifDetails>;
}

/**
 * A subnet as drivers see it: what binding cares about (segment affinity, DHCP flag) and its
 * addressing. The addressing fields are always filled by the engine; they are optional so that
 * views drivers or their tests build without them stay valid.
 */
export interface SubnetView {
  readonly id: string;
  readonly networkId: string;
  /** Canonical: IPv6 compressed, lower case. */
  readonly cidr: string;
  readonly ipVersion: 4 | 6;
  /** Routed networks: the segment this subnet belongs to, or null for unsegmented subnets. */
  readonly segmentId: string | null;
  readonly enableDhcp: boolean;
  readonly name?: string;
  /** Null: no gateway. */
  readonly gatewayIp?: string | null;
  /** The ranges ports get addresses from, `{start, end}` both included. */
  readonly allocationPools?: ReadonlyArray<{ readonly start: string; readonly end: string }>;
  readonly dnsNameservers?: readonly string[];
  readonly hostRoutes?: ReadonlyArray<{ readonly destination: string; readonly nexthop: string }>;
  /** IPv6 only: `slaac`, `dhcpv6-stateful`, `dhcpv6-stateless`, or null. */
  readonly ipv6AddressMode?: Ipv6Mode | null;
  /** IPv6 only: as `ipv6AddressMode`. */
  readonly ipv6RaMode?: Ipv6Mode | null;
}
