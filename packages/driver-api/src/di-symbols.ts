/**
 * Injection tokens. A driver's `ContainerModule` binds its driver to `MECHANISM_DRIVER` and may
 * inject the others, which the engine binds before loading any driver.
 */
export const DI = {
  /** Bind your `MechanismDriver` here (once per ContainerModule, without name or tag). */
  MECHANISM_DRIVER: Symbol.for('ml2ts.MechanismDriver'),
  /** The validated `Ml2Configuration`. */
  CONFIGURATION: Symbol.for('ml2ts.Configuration'),
  /** The server `Clock`. */
  CLOCK: Symbol.for('ml2ts.Clock'),
  /** The `Logger`. */
  LOGGER: Symbol.for('ml2ts.Logger'),
} as const;
