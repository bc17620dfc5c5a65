/** The kind of value an attribute holds in the API's JSON. */
export type AttributeKind =
  'string' | 'uuid' | 'boolean' | 'integer' | 'timestamp' | 'string-list' | 'dict' | 'dict-list';

/**
 * How a filter on an attribute reads its query values and matches resources. A resource
 * matches a filter when it matches any of its values (`name=a&name=b`), unless the rule says
 * otherwise. A filter value never matches a null attribute.
 *
 * - `exact`: the value as given equals the attribute.
 * - `boolean`: the value is a boolean (`true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, `t`/`f`,
 *   `y`/`n`, any case) equal to the attribute; other text is a 400 `InvalidInput`.
 * - `integer`: the value is a decimal integer equal to the attribute; other text is a 400.
 * - `integer-text`: compared as an integer when it is one; other text matches nothing.
 * - `mac`: a MAC address in any usual spelling, compared case-insensitively.
 * - `cidr`: a CIDR or address, compared by its network (`10.0.0.5/24` finds `10.0.0.0/24`);
 *   other text is a 400 `InvalidInput`.
 * - `ip-prefix`: an address or CIDR compared in canonical form (`10.0.0.1` finds
 *   `10.0.0.1/32`); other text is a 400 `InvalidCIDR`; an empty value matches nothing.
 * - `protocol`: an IP protocol name (any case) or a number from 0 to 255, compared as text;
 *   other text is a 400 `SecurityGroupRuleInvalidProtocol`.
 * - `port-number`: a number from 0 to 65535; other text is a 400
 *   `SecurityGroupInvalidPortValue`.
 * - `ethertype`: `IPv4` or `IPv6` in any case; other text is a 400
 *   `SecurityGroupRuleInvalidEtherType`.
 * - `contains`: the list attribute holds any of the values.
 * - `fixed-ips`: values are `ip_address=<address>` or `subnet_id=<id>` (other keys are
 *   ignored, a value without `=` is a 400); a port matches when one of its fixed IPs has one of
 *   the addresses and one has one of the subnets.
 * - `tags`: comma-separated tags, all of which the resource has (whatever the attribute's
 *   name, tag rules read `tags`); `tags-any`: any of them; `not-tags`: not all of them;
 *   `not-tags-any`: none of them.
 * - `segment`, `segment-integer` (read as an integer): a provider attribute of a network; a
 *   network matches when the network itself (single-segment) or one of its `segments`
 *   (multi-segment) matches every provider filter at once; a network with neither matches.
 * - `first-boolean`: only the first value counts, read as `boolean` (after every other check).
 */
export type FilterRule =
  | 'exact'
  | 'boolean'
  | 'integer'
  | 'integer-text'
  | 'mac'
  | 'cidr'
  | 'ip-prefix'
  | 'protocol'
  | 'port-number'
  | 'ethertype'
  | 'contains'
  | 'fixed-ips'
  | 'tags'
  | 'tags-any'
  | 'not-tags'
  | 'not-tags-any'
  | 'segment'
  | 'segment-integer'
  | 'first-boolean';

/** One attribute of a resource as list queries see it. */
export interface AttributeDescription {
  /** The name as the API shows it (`binding:host_id`, `router:external`). */
  readonly name: string;
  readonly kind: AttributeKind;
  /** Whether the attribute may be null. */
  readonly nullable: boolean;
  /** How a query filters on it; null when it cannot be a filter (a 400 if tried). */
  readonly filter: FilterRule | null;
  /** Whether it can be a `sort_key`. */
  readonly sortable: boolean;
  /**
   * False for attributes that only exist as filters (`tags-any`) or that callers may put on
   * items for filtering but the API never shows (`shared` on subnets): list answers drop them.
   */
  readonly visible: boolean;
}

/**
 * What a list of `marker` does when no resource has that id: starts from the beginning
 * (`ignore`), or answers 404 with the named not-found error.
 */
export type UnknownMarker = 'ignore' | 'NetworkNotFound' | 'PortNotFound';

/** A collection as list queries see it: its attributes and which query features it has. */
export interface ResourceDescription {
  /** The singular name, e.g. `security_group`. */
  readonly resource: string;
  /** The collection's JSON key, e.g. `security_groups` (links go under `<collection>_links`). */
  readonly collection: string;
  /** Whether `limit`, `marker` and `page_reverse` apply; when not, they are ignored. */
  readonly pagination: boolean;
  /** Whether `sort_key` and `sort_dir` apply; when not, they are ignored. */
  readonly sorting: boolean;
  readonly unknownMarker: UnknownMarker;
  readonly attributes: readonly AttributeDescription[];
}

/** Options of `attribute`; each defaults to false or null. */
export interface AttributeOptions {
  readonly nullable?: boolean;
  readonly filter?: FilterRule;
  readonly sortable?: boolean;
  /** Defaults to true. */
  readonly visible?: boolean;
}

/** An attribute description: `attribute('mtu', 'integer', { filter: 'integer', sortable: true })`. */
export function attribute(
  name: string,
  kind: AttributeKind,
  options: AttributeOptions = {},
): AttributeDescription {
  return {
    name,
    kind,
    nullable: options.nullable ?? false,
    filter: options.filter ?? null,
    sortable: options.sortable ?? false,
    visible: options.visible ?? true,
  };
}

/** The attribute of `description` called `name`, or undefined. */
export function findAttribute(
  description: ResourceDescription,
  name: string,
): AttributeDescription | undefined {
  return description.attributes.find((one) => one.name === name);
}
