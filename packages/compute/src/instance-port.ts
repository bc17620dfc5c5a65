import { type PortResource } from '@ml2ts/driver-api';
import { type PluggedVif } from './vif-plugger';

/** The steps of one port's allocation, in order. */
export type AllocationPhase = 'create_port' | 'bind_port' | 'plug_vif' | 'wait_vif_plugged';

/** When one phase ran, in milliseconds since the allocation started. */
export interface PhaseTiming {
  readonly phase: AllocationPhase;
  readonly startMs: number;
  readonly endMs: number;
}

/** The request of `ComputeService.allocateForInstance`. */
export interface AllocateRequest {
  /** The instance: its UUID goes to `device_id` and `vm-uuid`, its name to `dns_name`. */
  instance: { uuid: string; name?: string };
  /** The compute host the instance boots on (`binding:host_id`). */
  host: string;
  /** The network id. */
  network: string;
  /** Availability zone: `device_owner` is `compute:<zone>`. Default `nova`. */
  zone?: string;
  /** `binding:vnic_type`, set when the port is created. Default `normal`. */
  vnicType?: string;
  /** `binding:profile` (SR-IOV: `pci_slot`, `physical_network`, `pci_vendor_info`). */
  profile?: Record<string, unknown>;
  /** `dns_name`. Default the instance's name, or empty. */
  dnsName?: string;
  /** Addresses for the port (ml2ts allocates none itself). */
  fixedIps?: Array<{ subnet_id: string; ip_address: string }>;
  /** The port's name. Default empty. */
  portName?: string;
}

/** An instance's port, allocated, bound, plugged and `ACTIVE`. */
export interface InstancePort {
  readonly instanceUuid: string;
  readonly host: string;
  readonly portId: string;
  /** The port right after it was created: `DOWN` and `unbound`. */
  readonly created: PortResource;
  /** The port right after the binding update: its `binding:vif_type` and details. */
  readonly bound: PortResource;
  /** The port once `network-vif-plugged` arrived. */
  readonly active: PortResource;
  /** What was plugged on the host. */
  readonly vif: PluggedVif;
  /** The start of the allocation on the service's `now` clock, in milliseconds. */
  readonly startedAtMs: number;
  /** Each phase's timing, in order. */
  readonly phases: readonly PhaseTiming[];
}
