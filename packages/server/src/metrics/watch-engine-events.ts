import { type Notifier } from '@ml2ts/core';
import { type ServerMetrics } from './server-metrics';

/**
 * Counts the engine's committed binding results (`portBound`) and port status changes
 * (`portStatusChanged`) in `metrics`. Returns the function that unsubscribes.
 */
export function watchEngineEvents(notifier: Notifier, metrics: ServerMetrics): () => void {
  const stops = [
    notifier.on('portBound', (event) => metrics.countBinding(event)),
    notifier.on('portStatusChanged', (change) => metrics.countStatusChange(change)),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
