/**
 * The boot stops: the host's data plane cannot take the VIF the server asked for, for example
 * the integration bridge named in `vif_details` does not exist on the host, the host has no
 * virtual function at the profile's `pci_slot`, or that VF is already in use.
 */
export class VifPlugError extends Error {
  /** The port being plugged. */
  readonly portId: string;
  /** The host it was plugged on. */
  readonly host: string;

  constructor(portId: string, host: string, detail: string) {
    super(`Cannot plug port ${portId} on host '${host}': ${detail}.`);
    this.name = 'VifPlugError';
    this.portId = portId;
    this.host = host;
  }
}
