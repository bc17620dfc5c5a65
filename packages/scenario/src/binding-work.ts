import { type BindingTrace } from '@ml2ts/driver-api';
import { type BindingWork } from './scenario-result';

/**
 * Sums the binding work of `traces`: every attempt they hold, and per driver every trace entry
 * in which the driver was asked to bind (decision other than `skipped`). Pure.
 */
export function countBindingWork(traces: readonly BindingTrace[]): BindingWork {
  let attempts = 0;
  const calls: Record<string, number> = {};
  for (const trace of traces) {
    for (const attempt of trace.attempts) {
      attempts += 1;
      for (const entry of attempt.entries) {
        if (entry.decision === 'skipped') continue;
        calls[entry.driver] = (calls[entry.driver] ?? 0) + 1;
      }
    }
  }
  return { bind_attempts: attempts, driver_bind_calls: calls };
}
