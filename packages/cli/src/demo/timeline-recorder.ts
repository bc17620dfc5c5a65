import { type AgentEvent } from '@ml2ts/agent';
import { type Notifier } from '@ml2ts/core';

/** Something that happened to a port, stamped on the demo's clock. */
export type TimelineEntry =
  | { kind: 'status'; atMs: number; portId: string; from: string; to: string }
  | { kind: 'vifPlugged'; atMs: number; portId: string }
  | { kind: 'agent'; atMs: number; host: string; agentType: string; event: AgentEvent };

/**
 * Collects, with the time it happened on one monotonic clock, what the server told the compute
 * side (status changes, `network-vif-plugged`) and what each agent did (devices seen, wired,
 * reported). Recording is synchronous and never throws; it never blocks.
 */
export class TimelineRecorder {
  private readonly entries: TimelineEntry[] = [];

  constructor(private readonly now: () => number) {}

  /** Records the server's port events until the returned function is called. */
  watchServer(notifier: Notifier): () => void {
    const stopStatus = notifier.on('portStatusChanged', ({ portId, from, to }) =>
      this.entries.push({ kind: 'status', atMs: this.now(), portId, from, to }),
    );
    const stopPlugged = notifier.on('vifPlugged', ({ portId }) =>
      this.entries.push({ kind: 'vifPlugged', atMs: this.now(), portId }),
    );
    return () => {
      stopStatus();
      stopPlugged();
    };
  }

  /** An observer to give an agent (see `AgentRuntimeOptions.observer`). */
  agentObserver(host: string, agentType: string): (event: AgentEvent) => void {
    return (event) =>
      this.entries.push({ kind: 'agent', atMs: this.now(), host, agentType, event });
  }

  /** Everything recorded so far, oldest first. */
  get all(): readonly TimelineEntry[] {
    return this.entries;
  }
}
