import { BadRequest, Conflict, Ml2Error, NotFound } from './errors';

/**
 * Errors of a port's host bindings (the `binding-extended` API: list, show, create, activate,
 * delete), with Neutron's type names, HTTP statuses and messages. Every one leaves the database
 * as it was.
 */

/**
 * 400 `BadRequest`: host bindings are only for compute ports (`device_owner` starting with
 * `compute:`), the ports that live-migrate.
 */
export class PortBindingsNotSupported extends BadRequest {
  constructor(portId: string) {
    super('port', `Invalid port ${portId}. Operation only valid on compute ports`);
  }
}

/** 404: the port has no binding for this host. */
export class PortBindingNotFound extends NotFound {
  constructor(portId: string, host: string) {
    super('PortBindingNotFound', `Binding for port ${portId} for host ${host} could not be found.`);
  }
}

/** 409: the port already has a binding for this host (ACTIVE or INACTIVE). */
export class PortBindingAlreadyExists extends Conflict {
  constructor(portId: string, host: string) {
    super('PortBindingAlreadyExists', `Binding for port ${portId} on host ${host} already exists.`);
  }
}

/** 409: an activation names the host whose binding is already the port's ACTIVE one. */
export class PortBindingAlreadyActive extends Conflict {
  constructor(portId: string, host: string) {
    super(
      'PortBindingAlreadyActive',
      `Binding for port ${portId} on host ${host} is already active.`,
    );
  }
}

/**
 * 500 `PortBindingError`: a host binding could not be made: no mechanism driver bound the port
 * on that host (nothing was saved; the binding trace's reason codes are in `reasons`, see the
 * host's agents and the drivers' configuration), or an activation kept losing to concurrent
 * changes of the port's bindings (retry it).
 */
export class PortBindingError extends Ml2Error {
  /** Why the drivers did not bind, as the binding trace's reason codes; empty when not known. */
  readonly reasons: readonly string[];
  constructor(portId: string, host: string, reasons: readonly string[] = []) {
    super(
      'PortBindingError',
      500,
      `Binding for port ${portId} on host ${host} could not be created or updated.`,
    );
    this.reasons = [...reasons];
  }
}

/**
 * 409 (ml2ts's own refusal, no Neutron counterpart): a port's ACTIVE binding cannot be deleted,
 * since every port keeps exactly one ACTIVE binding. Activate another of its bindings first (it
 * then becomes INACTIVE and can be deleted), or unbind the port (`binding:host_id` `''`).
 */
export class ActivePortBindingNotDeletable extends Conflict {
  constructor(portId: string, host: string) {
    super(
      'ActivePortBindingNotDeletable',
      `Binding for port ${portId} on host ${host} is the port's ACTIVE binding and cannot be ` +
        "deleted; activate another of its bindings first, or unbind the port with binding:host_id ''.",
    );
  }
}
