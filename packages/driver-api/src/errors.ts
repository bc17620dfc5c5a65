/**
 * Typed errors. Every error that can reach an API caller is an `Ml2Error` carrying Neutron's
 * error type name (`type`) and HTTP status, so a REST layer maps it without guessing.
 */
export class Ml2Error extends Error {
  /** Neutron's exception name, e.g. `InvalidInput`. */
  readonly type: string;
  /** The HTTP status Neutron answers with. */
  readonly httpStatus: number;

  constructor(type: string, httpStatus: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = type;
    this.type = type;
    this.httpStatus = httpStatus;
  }

  /** The error as a REST body would carry it. */
  toJSON(): { type: string; http_status: number; message: string } {
    return { type: this.type, http_status: this.httpStatus, message: this.message };
  }
}

/** 400: a request attribute is invalid. */
export class InvalidInput extends Ml2Error {
  constructor(detail: string) {
    super('InvalidInput', 400, `Invalid input for operation: ${detail}.`);
  }
}

/**
 * 400: an update names an attribute that cannot change once the resource exists (a network's
 * provider attributes, `segments` or `vlan_transparent`; a subnet's `cidr`, `network_id`,
 * `ip_version` or `segment_id`). Sending the stored value again is not an error. Neutron's type
 * is `InvalidInput`; `attribute` names the offending attribute.
 */
export class AttributeNotUpdatable extends InvalidInput {
  readonly resource: string;
  readonly attribute: string;
  constructor(resource: string, attribute: string) {
    super(
      `the ${resource} attribute ${attribute} cannot be updated; leave it out of the update, ` +
        `or create a new ${resource} with the value you need`,
    );
    this.resource = resource;
    this.attribute = attribute;
  }
}

/**
 * 400 `InvalidInput`: one attribute of a request has the wrong type, size or format, or breaks a
 * rule about it. `attribute` names it as the request spells it (`fixed_ips[0].ip_address`,
 * `agent_state.host`); the message names it too and says what was given and what is expected.
 * Thrown by ml2ts's request validation before any database work, so nothing was written.
 */
export class InvalidAttribute extends InvalidInput {
  /** The offending attribute, as the request spells it. */
  readonly attribute: string;
  /** `detail` is the whole reason, e.g. `project_id must be a string ..., not the number 42`. */
  constructor(attribute: string, detail: string) {
    super(detail);
    this.attribute = attribute;
  }
}

/**
 * 400 `InvalidInput`: a request carries a key that the operation does not know. `attribute` is
 * the first unknown key, with the path of its object when nested (`segments[0].network_type`);
 * the message lists every unknown key and the accepted ones. Nothing was written.
 */
export class UnrecognizedAttribute extends InvalidAttribute {
  /** Every unknown key of the object, in request order. */
  readonly unknown: readonly string[];
  /**
   * `path` is the object's path in the request (`''` for the request itself, `fixed_ips[0]`);
   * `noun` names a top-level object in the message (`the port`); `unknown` lists its unknown
   * keys (at least one), `accepted` the keys it accepts.
   */
  constructor(path: string, noun: string, unknown: readonly string[], accepted: readonly string[]) {
    super(
      path === '' ? unknown[0] : `${path}.${unknown[0]}`,
      `Unrecognized attribute(s) '${unknown.join("', '")}' in ${path === '' ? noun : path}; ` +
        `accepted: ${accepted.length > 0 ? accepted.join(', ') : 'none'}`,
    );
    this.unknown = [...unknown];
  }
}

/**
 * 400: a request is malformed in a way that is not one attribute's value. Subclasses pass
 * Neutron's more specific type name as `type`.
 */
export class BadRequest extends Ml2Error {
  constructor(resource: string, detail: string, type = 'BadRequest') {
    super(type, 400, `Bad ${resource} request: ${detail}.`);
  }
}
/** 400: a fixed IP names a subnet whose CIDR does not contain the address. */
export class InvalidIpForSubnet extends BadRequest {
  constructor(ipAddress: string, subnetId: string, cidr: string) {
    super(
      'port',
      `IP address ${ipAddress} is not a valid IP for subnet ${subnetId} (${cidr}); ` +
        'give an address inside the subnet',
      'InvalidIpForSubnet',
    );
  }
}
/** 400: a subnet is tied to a segment that belongs to another network. */
export class NetworkIdsDontMatch extends BadRequest {
  constructor(subnetNetworkId: string, segmentId: string) {
    super(
      'subnet',
      `the subnet's network ${subnetNetworkId} does not match the network of segment ` +
        `${segmentId}; pick a segment of network ${subnetNetworkId}`,
      'NetworkIdsDontMatch',
    );
  }
}

/** 404 for any resource. */
export class NotFound extends Ml2Error {
  constructor(type: string, message: string) {
    super(type, 404, message);
  }
}
export class NetworkNotFound extends NotFound {
  constructor(networkId: string) {
    super('NetworkNotFound', `Network ${networkId} could not be found.`);
  }
}
export class PortNotFound extends NotFound {
  constructor(portId: string) {
    super('PortNotFound', `Port ${portId} could not be found.`);
  }
}
export class SubnetNotFound extends NotFound {
  constructor(subnetId: string) {
    super('SubnetNotFound', `Subnet ${subnetId} could not be found.`);
  }
}
export class AgentNotFound extends NotFound {
  constructor(agentId: string) {
    super('AgentNotFound', `Agent ${agentId} could not be found.`);
  }
}
export class SegmentNotFound extends NotFound {
  constructor(segmentId: string) {
    super('SegmentNotFound', `Segment ${segmentId} could not be found.`);
  }
}
/** A tag removal or lookup names a tag the resource does not have. */
export class TagNotFound extends NotFound {
  constructor(tag: string) {
    super('TagNotFound', `Tag ${tag} could not be found.`);
  }
}

/** 409 for any conflict. */
export class Conflict extends Ml2Error {
  constructor(type: string, message: string) {
    super(type, 409, message);
  }
}
export class PortBound extends Conflict {
  constructor(portId: string, vifType: string) {
    super(
      'PortBound',
      `Unable to complete operation on port ${portId}, port is already bound, port type: ${vifType}.`,
    );
  }
}
export class VlanIdInUse extends Conflict {
  constructor(vlanId: number, physicalNetwork: string) {
    super(
      'VlanIdInUse',
      `Unable to create the network. The VLAN ${vlanId} on physical network ${physicalNetwork} is in use.`,
    );
  }
}
export class TunnelIdInUse extends Conflict {
  constructor(tunnelId: number) {
    super('TunnelIdInUse', `Unable to create the network. The tunnel ID ${tunnelId} is in use.`);
  }
}
export class FlatNetworkInUse extends Conflict {
  constructor(physicalNetwork: string) {
    super(
      'FlatNetworkInUse',
      `Unable to create the flat network. Physical network ${physicalNetwork} is in use.`,
    );
  }
}
export class MacAddressInUse extends Conflict {
  constructor(mac: string, networkId: string) {
    super(
      'MacAddressInUse',
      `Unable to complete operation for network ${networkId}. The mac address ${mac} is in use.`,
    );
  }
}
export class IpAddressInUse extends Conflict {
  constructor(ipAddress: string, networkId: string) {
    super(
      'IpAddressInUse',
      `Unable to complete operation for network ${networkId}. The IP address ${ipAddress} is ` +
        'in use.',
    );
  }
}
/** A network still has ports: delete them first. */
export class NetworkInUse extends Conflict {
  /** `portIds`: the ports still on the network, which the message names (delete them first). */
  constructor(networkId: string, portIds: readonly string[] = []) {
    super(
      'NetworkInUse',
      `Unable to complete operation on network ${networkId}. There are one or more ports still ` +
        (portIds.length > 0
          ? `in use on the network, id for these ports is: ${portIds.join(',')}.`
          : 'in use on the network; delete them first.'),
    );
  }
}
/** A port still has a fixed IP on the subnet: remove the address or the port first. */
export class SubnetInUse extends Conflict {
  constructor(subnetId: string) {
    super(
      'SubnetInUse',
      `Unable to complete operation on subnet ${subnetId}: one or more ports have an IP ` +
        'allocation from this subnet; delete those ports first.',
    );
  }
}
/**
 * A segment cannot be deleted while subnets belong to it or ports are bound through it;
 * `reason` says which (and which subnets), for the message.
 */
export class SegmentInUse extends Conflict {
  constructor(segmentId: string, reason: string) {
    super('SegmentInUse', `Segment '${segmentId}' cannot be deleted: ${reason}.`);
  }
}
/** A port create names an id another port already has. */
export class PortExists extends Conflict {
  constructor(portId: string) {
    super('PortExists', `Port ${portId} already exists; choose another id or omit it.`);
  }
}

/** 503: no free MAC address was found for a new port after several random tries. */
export class NetworkMacAddressGenerationFailure extends Ml2Error {
  constructor(networkId: string) {
    super(
      'NetworkMacAddressGenerationFailure',
      503,
      `Unable to generate a unique MAC address on network ${networkId}; retry, or give ` +
        '`mac_address` explicitly.',
    );
  }
}

/** 503: no segment could be allocated. */
export class NoNetworkAvailable extends Ml2Error {
  constructor() {
    super(
      'NoNetworkAvailable',
      503,
      'Unable to create the network. No tenant network is available for allocation.',
    );
  }
}

/** 500: a mechanism driver failed in a hook whose failure aborts the operation. */
export class MechanismDriverError extends Ml2Error {
  constructor(method: string, cause?: unknown) {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    super('MechanismDriverError', 500, `${method} failed${detail}`, { cause });
  }
}

/** The `[ml2]` option whose deadline a driver missed. */
export type DriverDeadlineOption = 'driver_timeout' | 'precommit_timeout';

/**
 * 500 `MechanismDriverError`: a mechanism driver's hook did not settle within its deadline
 * (`[ml2] precommit_timeout` for pre-commit hooks, `[ml2] driver_timeout` for post-commit
 * hooks). The engine stopped waiting for it: a pre-commit that missed it rolled the operation
 * back; a post-commit that missed it is handled like one that threw. Whatever the hook does
 * afterwards is not waited for.
 */
export class MechanismDriverTimeout extends MechanismDriverError {
  /** The driver's name. */
  readonly driver: string;
  /** The hook, e.g. `createPortPrecommit`. */
  readonly hook: string;
  /** The deadline it missed, in seconds. */
  readonly timeoutSeconds: number;
  /** The option that sets that deadline. */
  readonly option: DriverDeadlineOption;

  constructor(driver: string, hook: string, timeoutSeconds: number, option: DriverDeadlineOption) {
    super(
      `${driver}.${hook}`,
      new Error(
        `did not settle within ${timeoutSeconds} s ([ml2] ${option}), so ml2ts stopped waiting ` +
          `for it; find what the driver waits for (its backend, a lock), or raise [ml2] ${option}`,
      ),
    );
    this.driver = driver;
    this.hook = hook;
    this.timeoutSeconds = timeoutSeconds;
    this.option = option;
  }
}

/** How a driver's `bindPort` call ended, for `PortContextSealed`. */
export type BindPortEnding = 'returned' | 'threw' | 'timed out';

/**
 * 500: a mechanism driver used the binding methods of a `PortContext` (`setBinding`,
 * `continueBinding`, `decline`, `allocateDynamicSegment`, `releaseDynamicSegment`) after the
 * `bindPort` call it got that context for had returned, thrown or missed `[ml2]
 * driver_timeout`. The call changed nothing. Thrown to the driver; never reaches an API caller.
 */
export class PortContextSealed extends Ml2Error {
  /** The driver's name. */
  readonly driver: string;
  /** The context method it called. */
  readonly method: string;
  /** How its `bindPort` had ended. */
  readonly ending: BindPortEnding;

  constructor(driver: string, method: string, ending: BindPortEnding) {
    const how = {
      returned: 'had returned',
      threw: 'had thrown',
      'timed out': 'had missed its deadline ([ml2] driver_timeout)',
    }[ending];
    super(
      'PortContextSealed',
      500,
      `Mechanism driver '${driver}' called ${method} after its bindPort ${how}; the call was ` +
        'ignored. A driver must await everything it does with the context before bindPort ' +
        'returns, and must not keep the context for later.',
    );
    this.driver = driver;
    this.method = method;
    this.ending = ending;
  }
}

/**
 * 500: a mechanism driver gave `setBinding` or `continueBinding` a result the engine cannot
 * store: a segment not offered at that level, an empty or oversized vif_type, vif_details that
 * are not a plain JSON object or do not fit their 4095-character column, an unknown port
 * status. Thrown to the driver; the engine records it in the binding trace as the driver's error
 * and asks the next driver. Never reaches an API caller.
 */
export class InvalidBindingResult extends Ml2Error {
  /** The driver's name. */
  readonly driver: string;
  /** The context method it called (`setBinding`, `continueBinding`). */
  readonly method: string;
  /** What was wrong, as a sentence fragment (`vif_details.big is a BigInt ...`). */
  readonly problem: string;

  constructor(driver: string, method: string, problem: string) {
    super(
      'InvalidBindingResult',
      500,
      `Mechanism driver '${driver}' called ${method} with an invalid result: ${problem}. The ` +
        'result was ignored and the next driver is asked.',
    );
    this.driver = driver;
    this.method = method;
    this.problem = problem;
  }
}

/**
 * 500 `HTTPInternalServerError`: a public operation of the engine (a plugin call, an agent RPC,
 * an agents-table call) failed with an error that is not an `Ml2Error`: a bug, or a database or
 * library failure that no typed error describes. `operation` names the operation (`create_port`,
 * `report_state`); `cause` is the original error, which the engine logged with its logger when
 * it wrapped it. The operation's open transaction was rolled back; what an earlier, committed
 * step of the same operation wrote stands (a port created before its binding failed is removed
 * by the operation itself where it says so). Retrying may help when the cause was transient.
 */
export class InternalServerError extends Ml2Error {
  /** The operation that failed, e.g. `create_port`. */
  readonly operation: string;

  constructor(operation: string, cause: unknown) {
    const kind = cause instanceof Error ? cause.name : typeof cause;
    super(
      'HTTPInternalServerError',
      500,
      `Internal server error in ${operation}: an unexpected ${kind} (see the server log for ` +
        'its details); the operation was rolled back where it had not committed',
      { cause },
    );
    this.operation = operation;
  }
}

/** 400: a VLAN-transparent network was requested and a loaded driver cannot carry it. */
export class VlanTransparencyDriverError extends Ml2Error {
  constructor() {
    super('VlanTransparencyDriverError', 400, 'Backend does not support VLAN Transparency.');
  }
}

/**
 * Start-up failure: invalid configuration. The message names the option, the value and what is
 * allowed. Never reaches an API caller.
 */
export class ConfigurationError extends Error {
  readonly option: string;
  constructor(option: string, value: unknown, allowed: string) {
    super(`Invalid configuration: ${option} = ${JSON.stringify(value)}; ${allowed}`);
    this.name = 'ConfigurationError';
    this.option = option;
  }
}

/** Start-up failure: a mechanism driver plugin could not be found or loaded. */
export class PluginLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginLoadError';
  }
}
