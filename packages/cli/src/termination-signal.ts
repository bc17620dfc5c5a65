/**
 * Resolves on the first SIGTERM or SIGINT the process receives after the call, with that
 * signal; its handlers are removed then, so a second signal gets Node's default handling (exit).
 * What long-running commands (`server`, `agent`) wait for.
 */
export function terminationSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
