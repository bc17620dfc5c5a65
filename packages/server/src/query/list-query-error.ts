import { NeutronApiError } from '../errors/neutron-api-error';
import { pythonRepr } from './python-repr';

/**
 * A list request's query ml2ts refuses: always a 400, with Neutron's error type and message.
 * The subclasses say which part of the query is wrong.
 */
export class ListQueryError extends NeutronApiError {
  /** `type` is the Neutron error name; `message` the whole message. */
  constructor(type: string, message: string) {
    super(400, type, message);
  }
}

/**
 * 400 `HTTPBadRequest`: query keys that are neither filters of the collection nor query
 * options, e.g. `['no_such_filter'] is invalid attribute for filtering`.
 */
export class InvalidFilterAttributes extends ListQueryError {
  /** The offending keys, in query order. */
  readonly attributes: readonly string[];
  constructor(attributes: readonly string[]) {
    super('HTTPBadRequest', `${pythonRepr(attributes)} is invalid attribute for filtering`);
    this.attributes = [...attributes];
  }
}

/**
 * 400: a filter value that cannot be read the way its attribute needs (`admin_state_up=maybe`,
 * `mtu=big`). `type` is `InvalidInput` for most attributes and the security-group-specific
 * names for the rules' protocol, ports, ether type and prefix.
 */
export class InvalidFilterValue extends ListQueryError {
  /** The filter's key. */
  readonly attribute: string;
  /** The value as given. */
  readonly value: string;
  /** `type` and `message` are the Neutron error name and the whole message. */
  constructor(attribute: string, value: string, type: string, message: string) {
    super(type, message);
    this.attribute = attribute;
    this.value = value;
  }
}

/** 400 `HTTPBadRequest`: a different number of (non-empty) `sort_key`s and `sort_dir`s. */
export class SortKeysAndDirsMismatch extends ListQueryError {
  constructor() {
    super('HTTPBadRequest', 'The number of sort_keys and sort_dirs must be same');
  }
}

/** 400 `HTTPBadRequest`: `sort_key`s that are not sort keys of the collection. */
export class InvalidSortKeys extends ListQueryError {
  /** The offending keys, in query order. */
  readonly keys: readonly string[];
  constructor(keys: readonly string[]) {
    super('HTTPBadRequest', `${pythonRepr(keys)} is invalid attribute for sort_keys`);
    this.keys = [...keys];
  }
}

/** 400 `HTTPBadRequest`: `sort_dir`s other than `asc` and `desc` (lower case). */
export class InvalidSortDirections extends ListQueryError {
  /** The offending directions, in query order. */
  readonly directions: readonly string[];
  constructor(directions: readonly string[]) {
    super(
      'HTTPBadRequest',
      `${pythonRepr(directions)} is invalid value for sort_dirs, valid value is 'asc' and 'desc'`,
    );
    this.directions = [...directions];
  }
}

/** 400 `BadRequest`: a `limit` that is not an integer of 0 or more. */
export class InvalidLimit extends ListQueryError {
  /** The value as given. */
  readonly value: string;
  /** `shown` is how the message quotes it (a negative integer in its plain decimal form). */
  constructor(value: string, shown = value) {
    super(
      'BadRequest',
      `Bad limit request: Limit must be an integer 0 or greater and not '${shown}'.`,
    );
    this.value = value;
  }
}
