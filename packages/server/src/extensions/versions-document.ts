/** One link of a discovery document. */
export interface DiscoveryLink {
  readonly rel: 'self';
  readonly href: string;
}

/** The body of `GET /`. */
export interface VersionsDocument {
  readonly versions: ReadonlyArray<{
    readonly id: 'v2.0';
    readonly status: 'CURRENT';
    readonly links: readonly DiscoveryLink[];
  }>;
}

/**
 * The body of `GET /`: the one API version, v2.0, current, linking to `<baseUrl>/v2.0/`.
 * `baseUrl` is the server's root URL as the client reached it (`http://127.0.0.1:9696`; a
 * trailing `/` is allowed).
 */
export function versionsDocument(baseUrl: string): VersionsDocument {
  const root = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${root}v2.0/` }] }],
  };
}
