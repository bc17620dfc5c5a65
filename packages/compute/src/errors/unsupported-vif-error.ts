/**
 * The boot stops: the server bound the port with a `binding:vif_type` (or details) the compute
 * side cannot plug, for example `other`, or `hw_veb` without a `pci_slot` in the profile. The
 * message says which type and what was missing.
 */
export class UnsupportedVifError extends Error {
  /** The port that cannot be plugged. */
  readonly portId: string;
  /** Its `binding:vif_type`. */
  readonly vifType: string;

  constructor(portId: string, vifType: string, detail: string) {
    super(`Cannot plug port ${portId} with vif_type '${vifType}': ${detail}.`);
    this.name = 'UnsupportedVifError';
    this.portId = portId;
    this.vifType = vifType;
  }
}
