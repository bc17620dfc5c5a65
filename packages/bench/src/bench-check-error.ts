/**
 * A measurement did not do what it measures (a port came back unbound, an agent was not
 * registered): its figures would be meaningless, so the run fails instead.
 */
export class BenchCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchCheckError';
  }
}
