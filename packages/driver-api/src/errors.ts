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

/** 400: a request is malformed in a way that is not one attribute's value. */
export class BadRequest extends Ml2Error {
  constructor(resource: string, detail: string) {
    super('BadRequest', 400, `Bad ${resource} request: ${detail}.`);
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
