/**
 * True when an endpoint at `endpointVersion` serves a request at `requestedVersion`: the same
 * major, a minor not above the endpoint's, and, at the same minor, a revision (third part,
 * default 0) not above the endpoint's. A version that is not made of decimal numbers is never
 * served. Pure; never throws.
 */
export function isOsloVersionCompatible(
  endpointVersion: string,
  requestedVersion: string,
): boolean {
  const endpoint = parseOsloVersion(endpointVersion);
  const requested = parseOsloVersion(requestedVersion);
  if (!endpoint || !requested) return false;
  if (requested.major !== endpoint.major) return false;
  if (requested.minor > endpoint.minor) return false;
  return requested.minor < endpoint.minor || requested.revision <= endpoint.revision;
}

/** `major.minor[.revision]` as numbers; null when it is not one. Pure. */
export function parseOsloVersion(
  version: unknown,
): { major: number; minor: number; revision: number } | null {
  if (typeof version !== 'string') return null;
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), revision: Number(match[3] ?? 0) };
}
