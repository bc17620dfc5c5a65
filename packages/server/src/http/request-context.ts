/**
 * Who is calling, as the API's policy sees it. Under `auth_strategy = noauth` a request without
 * identity headers is an admin of `defaultProjectId`, as Neutron's noauth treats callers; the
 * `X-Project-Id` and `X-Roles` headers (which an authenticating proxy in front of the server
 * sets) make a context of that project, admin only with the `admin` role.
 */
export interface RequestContext {
  /** The caller's project: the owner of what it creates, the scope of what it sees. */
  readonly projectId: string;
  /** Admins see every project's resources and the `binding:*` attributes. */
  readonly isAdmin: boolean;
  readonly roles: readonly string[];
}

/** The headers `requestContextOf` reads (lower-case, as Node gives them). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** The context of a request with these headers; never throws. */
export function requestContextOf(
  headers: RequestHeaders,
  defaultProjectId: string,
): RequestContext {
  const projectId = headerValue(headers, 'x-project-id') ?? headerValue(headers, 'x-tenant-id');
  const rolesHeader = headerValue(headers, 'x-roles');
  if (projectId === undefined && rolesHeader === undefined) {
    return { projectId: defaultProjectId, isAdmin: true, roles: ['admin'] };
  }
  const roles = (rolesHeader ?? '')
    .split(',')
    .map((role) => role.trim().toLowerCase())
    .filter((role) => role !== '');
  return { projectId: projectId ?? defaultProjectId, isAdmin: roles.includes('admin'), roles };
}
