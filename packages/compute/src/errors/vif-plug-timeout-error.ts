/**
 * The boot stops: the VIF was plugged but the server's `vifPlugged` notification for the port
 * did not arrive in time (Nova's `vif_plugging_timeout` with `vif_plugging_is_fatal`). Usually
 * the host's L2 agent is not running, is not watching that bridge, or cannot reach the server.
 */
export class VifPlugTimeoutError extends Error {
  /** The port whose notification never came. */
  readonly portId: string;
  /** The host the VIF was plugged on. */
  readonly host: string;
  /** How long the compute side waited, in milliseconds. */
  readonly timeoutMs: number;
  /** The port's status when the wait gave up (for example `DOWN` or `BUILD`), if known. */
  readonly lastStatus: string | null;

  constructor(options: {
    portId: string;
    host: string;
    timeoutMs: number;
    lastStatus: string | null;
  }) {
    const status = options.lastStatus ? `; the port is ${options.lastStatus}` : '';
    super(
      `No vif-plugged notification for port ${options.portId} on host '${options.host}' ` +
        `within ${options.timeoutMs} ms${status}. Check that the host's L2 agent is running ` +
        `and reporting to the server.`,
    );
    this.name = 'VifPlugTimeoutError';
    this.portId = options.portId;
    this.host = options.host;
    this.timeoutMs = options.timeoutMs;
    this.lastStatus = options.lastStatus;
  }
}
