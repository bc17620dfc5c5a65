/** What `getDeviceDetails` answers : the segment to wire and the port's attributes. */
export interface DeviceDetails {
  device: string;
  /** Set when the port is bound to another host (live migration in progress). */
  no_active_binding?: boolean;
  network_id?: string;
  port_id?: string;
  mac_address?: string;
  admin_state_up?: boolean;
  network_type?: string;
  segmentation_id?: number | null;
  physical_network?: string | null;
  mtu?: number;
  fixed_ips?: Array<{ subnet_id: string; ip_address: string }>;
  device_owner?: string;
  profile?: Record<string, unknown>;
  port_security_enabled?: boolean;
  /** `binding:vif_type` of the ACTIVE binding. */
  vif_type?: string;
}
