import { type Connectivity } from './constants';

/**
 * `binding:vif_details`: the well-known keys are typed; drivers may add others. Values must be
 * JSON-serializable; the serialized object must not exceed 4095 characters.
 */
export interface VifDetails {
  port_filter?: boolean;
  ovs_hybrid_plug?: boolean | null;
  /** SR-IOV: the VLAN as a string (`"0"` for flat). */
  vlan?: string;
  macvtap_source?: string;
  macvtap_mode?: string;
  physical_interface?: string;
  bridge_name?: string;
  connectivity?: Connectivity;
  /** Computed when a port is read: level (as a string) → driver name. Never set by drivers. */
  bound_drivers?: Record<string, string>;
  datapath_type?: string;
  vhostuser_mode?: 'server' | 'client';
  vhostuser_socket?: string;
  vhostuser_ovs_plug?: boolean;
  [key: string]: unknown;
}
