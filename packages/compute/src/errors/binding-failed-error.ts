import { type BindingTrace } from '@ml2ts/driver-api';

/**
 * The boot stops: the server could not bind the instance's port on the chosen host (its
 * `binding:vif_type` came back `binding_failed`). The message is the binding trace explained in
 * sentences (what each driver tried and why it declined), so the person reading the failed boot
 * knows what to fix without opening the database.
 */
export class BindingFailedError extends Error {
  /** The port that failed to bind. */
  readonly portId: string;
  /** The host the instance was to boot on (`binding:host_id`). */
  readonly host: string;
  /** The server's stored binding trace, or null when it kept none. */
  readonly trace: BindingTrace | null;
  /** The explanation, one sentence per line (`explainTrace`). */
  readonly explanation: readonly string[];
  /** Whether the port was deleted again after the failure (Nova's clean-up), or kept. */
  readonly portDeleted: boolean;

  constructor(options: {
    portId: string;
    host: string;
    trace: BindingTrace | null;
    explanation: readonly string[];
    portDeleted: boolean;
  }) {
    const reason =
      options.explanation.length > 0
        ? options.explanation.join('\n')
        : 'the server kept no binding trace for it';
    super(`Binding failed for port ${options.portId} on host '${options.host}':\n${reason}`);
    this.name = 'BindingFailedError';
    this.portId = options.portId;
    this.host = options.host;
    this.trace = options.trace;
    this.explanation = options.explanation;
    this.portDeleted = options.portDeleted;
  }
}
