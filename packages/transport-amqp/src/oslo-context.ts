import { randomUUID } from 'node:crypto';

/**
 * The request context every message carries, by its keys without the `_context_` prefix
 * (`is_admin`, `request_id`, `user_identity`, ...). Plain JSON. ml2ts reads none of it; it sends
 * what Neutron's own processes send so that Neutron's agents accept it.
 */
export type OsloContext = Record<string, unknown>;

/** The prefix of a context key inside a message. */
export const CONTEXT_KEY_PREFIX = '_context_';

/** The project every context of an API request carries when Neutron runs without Keystone. */
export const NOAUTH_PROJECT_ID = 'fake_project_id';

/**
 * `%Y-%m-%d %H:%M:%S.%f` in UTC (`2026-12-01 07:56:03.021503`): how a context's timestamp is
 * written. JavaScript dates hold milliseconds, so the last three digits are zeros. Pure.
 */
export function formatOsloTimestamp(date: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.` +
    `${pad(date.getUTCMilliseconds(), 3)}000`
  );
}

/**
 * `%Y-%m-%dT%H:%M:%S.%f` in UTC (`2026-12-01T07:56:04.315000`): how an agent writes the `time`
 * of its state reports. Pure.
 */
export function formatAgentTime(date: Date): string {
  return formatOsloTimestamp(date).replace(' ', 'T');
}

/** A fresh request id, `req-<uuid>`. Never blocks. */
export function newRequestId(): string {
  return `req-${randomUUID()}`;
}

/** Every key of a context, in the order Neutron's contexts list them. */
const BLANK_CONTEXT: OsloContext = {
  auth_token: null,
  domain: null,
  global_request_id: null,
  is_admin: true,
  is_admin_project: true,
  project: null,
  project_domain: null,
  project_id: null,
  project_name: null,
  read_only: false,
  request_id: null,
  resource_uuid: null,
  roles: [],
  show_deleted: false,
  system_scope: null,
  tenant_id: null,
  tenant_name: null,
  timestamp: null,
  user: null,
  user_domain: null,
  user_id: null,
  user_identity: '- - - - -',
  user_name: null,
};

/**
 * The context of an agent (and of the server's RPC workers): admin, no user, no project
 * (`user_identity` `- - - - -`). An agent makes one when it starts and sends it with every call.
 * Pure apart from the fresh request id.
 */
export function agentContext(
  now: Date = new Date(),
  requestId: string = newRequestId(),
): OsloContext {
  return {
    ...BLANK_CONTEXT,
    roles: [],
    request_id: requestId,
    timestamp: formatOsloTimestamp(now),
  };
}

/**
 * The context of a server API request under `noauth`: admin in project `fake_project_id`, role
 * `admin`, auth token `notused`. The server sends it with the fanouts an API request causes.
 * Pure apart from the fresh request id.
 */
export function serverContext(
  now: Date = new Date(),
  requestId: string = newRequestId(),
): OsloContext {
  return {
    ...BLANK_CONTEXT,
    auth_token: 'notused',
    project: NOAUTH_PROJECT_ID,
    project_id: NOAUTH_PROJECT_ID,
    tenant_id: NOAUTH_PROJECT_ID,
    roles: ['admin'],
    request_id: requestId,
    timestamp: formatOsloTimestamp(now),
    user_identity: `- ${NOAUTH_PROJECT_ID} - - -`,
  };
}

/** The context as message keys (`_context_<key>`), to merge into a request. Pure. */
export function packContext(context: OsloContext): Record<string, unknown> {
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) packed[`${CONTEXT_KEY_PREFIX}${key}`] = value;
  return packed;
}

/** The context keys of a message, without their prefix. Pure; never throws. */
export function unpackContext(message: Record<string, unknown>): OsloContext {
  const context: OsloContext = {};
  for (const [key, value] of Object.entries(message)) {
    if (key.startsWith(CONTEXT_KEY_PREFIX)) context[key.slice(CONTEXT_KEY_PREFIX.length)] = value;
  }
  return context;
}
