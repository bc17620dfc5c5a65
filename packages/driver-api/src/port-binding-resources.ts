/**
 * One binding of a port, for one host, as the `binding-extended` API shows it. A port has
 * exactly one ACTIVE binding (the one its `binding:*` attributes show) and at most one INACTIVE
 * binding per other host (made for live migration).
 */
export interface PortBindingResource {
  /** The binding's host; `''` for the ACTIVE binding of a port bound to no host. */
  host: string;
  /** The driver's result: `ovs`, `bridge`, ..., or `unbound`. */
  vif_type: string;
  /** The driver's details as stored (no `bound_drivers`). */
  vif_details: Record<string, unknown>;
  vnic_type: string;
  profile: Record<string, unknown>;
  /** `ACTIVE` or `INACTIVE`. */
  status: string;
}

/** The request of `createPortBinding` (the body's `binding`). */
export interface PortBindingCreateRequest {
  /** The host to bind the port on; at most 255 characters. Required. */
  host: string;
  /** One of `VNIC_TYPES`; absent: `normal`. */
  vnic_type?: string;
  /** A JSON object of at most 4095 characters serialized; null or absent: `{}`. */
  profile?: Record<string, unknown> | null;
  /** Accepted, as Neutron's API does, and not stored: a binding belongs to its port. */
  project_id?: string;
  /** As `project_id`. */
  tenant_id?: string;
}
