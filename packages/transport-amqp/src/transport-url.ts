import { TransportUrlError } from './transport-url-error';

/** The AMQP port a host without one uses. */
export const DEFAULT_AMQP_PORT = 5672;

/** The user name and password a host without credentials uses (RabbitMQ's default account). */
export const DEFAULT_CREDENTIALS = { username: 'guest', password: 'guest' } as const;

/** One broker of the cluster a transport URL names. */
export interface TransportHost {
  /** Host name or address; an IPv6 address without its brackets. */
  readonly hostname: string;
  readonly port: number;
  /** Percent-decoded; `guest` when the URL names none. */
  readonly username: string;
  /** Percent-decoded; never print it: see `redactTransportUrl`. */
  readonly password: string;
}

/** A parsed `rabbit://` transport URL: where the message bus is. */
export interface TransportUrl {
  readonly scheme: 'rabbit';
  /** Every broker, in the URL's order; a connection tries them in turn. Never empty. */
  readonly hosts: readonly TransportHost[];
  /** The RabbitMQ virtual host, percent-decoded; `/` when the path is `/` or empty. */
  readonly virtualHost: string;
  /** The query parameters, decoded (several values of one name joined by commas); unused. */
  readonly parameters: Readonly<Record<string, string>>;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * Parses `rabbit://user:pass@host:port,user2:pass2@host2:port2/vhost?query` (several hosts are
 * the brokers of one cluster; `kombu://` is read as the same). The port defaults to 5672,
 * credentials to `guest`/`guest`, the vhost to `/` when the path is `/` or empty; user, password
 * and vhost are percent-decoded.
 * Pure and synchronous. Throws `TransportUrlError` (400) for anything else: another scheme, no
 * host, a port that is not a number between 1 and 65535, an unclosed IPv6 bracket.
 */
export function parseTransportUrl(text: string): TransportUrl {
  if (typeof text !== 'string') throw new TransportUrlError(String(text), 'it is not a string');
  const trimmed = text.trim();
  const redacted = redactTransportUrlText(trimmed);
  const scheme = SCHEME.exec(trimmed);
  if (!scheme) {
    throw new TransportUrlError(redacted, 'it does not start with rabbit://');
  }
  const schemeName = scheme[1].toLowerCase();
  if (schemeName !== 'rabbit' && schemeName !== 'kombu') {
    throw new TransportUrlError(
      redacted,
      `the scheme ${schemeName}:// is not supported; ml2ts speaks to RabbitMQ only, as rabbit://`,
    );
  }
  let rest = trimmed.slice(scheme[0].length);
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) rest = rest.slice(0, hashAt);
  let query = '';
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) {
    query = rest.slice(queryAt + 1);
    rest = rest.slice(0, queryAt);
  }
  const slashAt = rest.indexOf('/');
  const netloc = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const path = slashAt >= 0 ? rest.slice(slashAt) : '';

  const hosts = netloc
    .split(',')
    .filter((entry) => entry.length > 0)
    .map((entry) => parseHost(entry, redacted));
  if (hosts.length === 0) {
    throw new TransportUrlError(redacted, 'it names no host (rabbit://user:password@host:5672/)');
  }
  const virtualHost = decode(path.slice(1), redacted, 'the virtual host') || '/';
  return { scheme: 'rabbit', hosts, virtualHost, parameters: parseQuery(query, redacted) };
}

function parseHost(entry: string, redacted: string): TransportHost {
  let hostPart = entry;
  let username: string = DEFAULT_CREDENTIALS.username;
  let password: string = DEFAULT_CREDENTIALS.password;
  const at = entry.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = entry.slice(0, at);
    hostPart = entry.slice(at + 1);
    const colon = userinfo.indexOf(':');
    username = decode(colon >= 0 ? userinfo.slice(0, colon) : userinfo, redacted, 'the user name');
    password = colon >= 0 ? decode(userinfo.slice(colon + 1), redacted, 'the password') : '';
  }
  let hostname: string;
  let portText: string | undefined;
  if (hostPart.startsWith('[')) {
    const close = hostPart.indexOf(']');
    if (close < 0) {
      throw new TransportUrlError(redacted, `the IPv6 address in ${hostPart} has no closing ]`);
    }
    hostname = hostPart.slice(1, close);
    const after = hostPart.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) {
      throw new TransportUrlError(redacted, `unexpected ${after} after the IPv6 address`);
    }
    portText = after.startsWith(':') ? after.slice(1) : undefined;
  } else {
    const colon = hostPart.indexOf(':');
    hostname = colon >= 0 ? hostPart.slice(0, colon) : hostPart;
    portText = colon >= 0 ? hostPart.slice(colon + 1) : undefined;
  }
  if (hostname.length === 0) {
    throw new TransportUrlError(redacted, `the broker entry ${redactHostEntry(entry)} has no host`);
  }
  let port = DEFAULT_AMQP_PORT;
  if (portText !== undefined && portText !== '') {
    port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new TransportUrlError(
        redacted,
        `the port ${JSON.stringify(portText)} of host ${hostname} is not a number between 1 and 65535`,
      );
    }
  }
  return { hostname, port, username, password };
}

function parseQuery(query: string, redacted: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (pair.length === 0) continue;
    const equals = pair.indexOf('=');
    const name = decode(
      (equals >= 0 ? pair.slice(0, equals) : pair).replace(/\+/g, ' '),
      redacted,
      'a query parameter',
    );
    const value = decode(
      (equals >= 0 ? pair.slice(equals + 1) : '').replace(/\+/g, ' '),
      redacted,
      'a query parameter',
    );
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

function decode(text: string, redacted: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TransportUrlError(redacted, `${what} has a malformed percent-escape`);
  }
}

function redactHostEntry(entry: string): string {
  const at = entry.lastIndexOf('@');
  if (at < 0) return entry;
  const userinfo = entry.slice(0, at);
  const colon = userinfo.indexOf(':');
  return colon >= 0 ? `${userinfo.slice(0, colon)}:***${entry.slice(at)}` : entry;
}

/**
 * Hides every password of a URL given as text (parsed or not); leaves the rest as written. The
 * credentials part runs up to the last `@`, so that even passwords with unescaped `/`, `@` or
 * `,` are hidden.
 */
function redactTransportUrlText(text: string): string {
  const scheme = SCHEME.exec(text);
  const start = scheme ? scheme[0].length : 0;
  const lastAt = text.lastIndexOf('@');
  if (lastAt < start) return text;
  const after = text.slice(lastAt).search(/[/?#]/);
  const end = after >= 0 ? lastAt + after : text.length;
  const netloc = text.slice(start, end);
  return `${text.slice(0, start)}${netloc.split(',').map(redactHostEntry).join(',')}${text.slice(end)}`;
}

/**
 * The URL for logs and error messages: every password replaced by `***`, the rest as parsed
 * (`rabbit://guest:***@127.0.0.1:5672/`). Accepts a parsed URL or raw text (even one that does
 * not parse). Pure; never throws.
 */
export function redactTransportUrl(url: TransportUrl | string): string {
  if (typeof url === 'string') return redactTransportUrlText(url);
  return formatUrl(url, () => '***');
}

/**
 * The URL as text, passwords included (percent-encoded), in the form `parseTransportUrl`
 * reads back to the same value. For handing a URL on (tests, child processes); never log it.
 */
export function formatTransportUrl(url: TransportUrl): string {
  return formatUrl(url, (password) => encodeURIComponent(password));
}

/** The same URL on another virtual host. Pure. */
export function withVirtualHost(url: TransportUrl, virtualHost: string): TransportUrl {
  return { ...url, virtualHost };
}

function formatUrl(url: TransportUrl, password: (password: string) => string): string {
  const hosts = url.hosts
    .map((host) => {
      const name = host.hostname.includes(':') ? `[${host.hostname}]` : host.hostname;
      return `${encodeURIComponent(host.username)}:${password(host.password)}@${name}:${host.port}`;
    })
    .join(',');
  const vhost = url.virtualHost === '/' ? '' : encodeURIComponent(url.virtualHost);
  const query = Object.entries(url.parameters)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return `rabbit://${hosts}/${vhost}${query ? `?${query}` : ''}`;
}

/** `host:port` of a broker, IPv6 addresses in brackets: for messages. */
export function hostLabel(host: TransportHost): string {
  return `${host.hostname.includes(':') ? `[${host.hostname}]` : host.hostname}:${host.port}`;
}
