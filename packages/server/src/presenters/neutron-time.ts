/**
 * A time as Neutron's API shows a resource's `created_at` / `updated_at`: UTC, whole seconds,
 * `2026-12-01T08:13:15Z`. Accepts a `Date` or an ISO 8601 string (the engine's resources carry
 * strings already in this form, which pass through unchanged).
 */
export function neutronTime(value: Date | string): string {
  if (typeof value === 'string') {
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value) ? value : neutronTime(new Date(value));
  }
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A time as Neutron's API shows an agent's `created_at`, `started_at` and
 * `heartbeat_timestamp`: UTC without a zone, microseconds, `2026-12-01 08:13:11.221698`.
 */
export function agentTime(value: Date): string {
  const iso = value.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}
