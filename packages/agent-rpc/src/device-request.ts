/** Identifies a device on a host, as agents send it. */
export interface DeviceRequest {
  /** The port id (or a prefix), `tap<id prefix>`, or a MAC address. */
  device: string;
  agent_id?: string;
  /** The host the agent runs on; empty or absent means "any". */
  host?: string;
  /** SR-IOV agents: the VF's PCI slot, to tell apart ports with the same MAC. */
  pci_slot?: string;
}
