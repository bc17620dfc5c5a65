import {
  AgentNotFound,
  AttributeNotUpdatable,
  BadRequest,
  Conflict,
  FlatNetworkInUse,
  InvalidInput,
  InvalidIpForSubnet,
  InvalidBindingResult,
  IpAddressInUse,
  MacAddressInUse,
  MechanismDriverError,
  MechanismDriverTimeout,
  Ml2Error,
  NetworkIdsDontMatch,
  NetworkInUse,
  NetworkMacAddressGenerationFailure,
  NetworkNotFound,
  NoNetworkAvailable,
  NotFound,
  PortBound,
  PortContextSealed,
  PortExists,
  PortNotFound,
  SegmentInUse,
  SegmentNotFound,
  SubnetInUse,
  SubnetNotFound,
  TagNotFound,
  TunnelIdInUse,
  VlanIdInUse,
  VlanTransparencyDriverError,
} from './index';

type Family = abstract new (...args: never[]) => Ml2Error;

/** [label, the error, Neutron's type name, HTTP status, its family]. */
const cases: Array<[string, Ml2Error, string, number, Family]> = [
  ['InvalidInput', new InvalidInput('mtu is not an integer'), 'InvalidInput', 400, InvalidInput],
  [
    'AttributeNotUpdatable',
    new AttributeNotUpdatable('network', 'provider:network_type'),
    'InvalidInput',
    400,
    InvalidInput,
  ],
  ['BadRequest', new BadRequest('agent call', 'no method'), 'BadRequest', 400, BadRequest],
  [
    'InvalidIpForSubnet',
    new InvalidIpForSubnet('10.1.0.9', 'subnet-1', '10.0.0.0/24'),
    'InvalidIpForSubnet',
    400,
    BadRequest,
  ],
  [
    'NetworkIdsDontMatch',
    new NetworkIdsDontMatch('network-1', 'segment-1'),
    'NetworkIdsDontMatch',
    400,
    BadRequest,
  ],
  [
    'VlanTransparencyDriverError',
    new VlanTransparencyDriverError(),
    'VlanTransparencyDriverError',
    400,
    Ml2Error,
  ],
  ['NetworkNotFound', new NetworkNotFound('network-1'), 'NetworkNotFound', 404, NotFound],
  ['PortNotFound', new PortNotFound('port-1'), 'PortNotFound', 404, NotFound],
  ['SubnetNotFound', new SubnetNotFound('subnet-1'), 'SubnetNotFound', 404, NotFound],
  ['AgentNotFound', new AgentNotFound('agent-1'), 'AgentNotFound', 404, NotFound],
  ['SegmentNotFound', new SegmentNotFound('segment-1'), 'SegmentNotFound', 404, NotFound],
  ['TagNotFound', new TagNotFound('red'), 'TagNotFound', 404, NotFound],
  ['PortBound', new PortBound('port-1', 'ovs'), 'PortBound', 409, Conflict],
  ['VlanIdInUse', new VlanIdInUse(120, 'physnet1'), 'VlanIdInUse', 409, Conflict],
  ['TunnelIdInUse', new TunnelIdInUse(1001), 'TunnelIdInUse', 409, Conflict],
  ['FlatNetworkInUse', new FlatNetworkInUse('physnet1'), 'FlatNetworkInUse', 409, Conflict],
  [
    'MacAddressInUse',
    new MacAddressInUse('fa:16:3e:00:00:01', 'network-1'),
    'MacAddressInUse',
    409,
    Conflict,
  ],
  ['IpAddressInUse', new IpAddressInUse('10.0.0.5', 'network-1'), 'IpAddressInUse', 409, Conflict],
  ['NetworkInUse', new NetworkInUse('network-1'), 'NetworkInUse', 409, Conflict],
  ['SubnetInUse', new SubnetInUse('subnet-1'), 'SubnetInUse', 409, Conflict],
  [
    'SegmentInUse',
    new SegmentInUse('segment-1', 'subnet subnet-1 belongs to it'),
    'SegmentInUse',
    409,
    Conflict,
  ],
  ['PortExists', new PortExists('port-1'), 'PortExists', 409, Conflict],
  [
    'MechanismDriverError',
    new MechanismDriverError('tor.createPortPostcommit', new Error('switch unreachable')),
    'MechanismDriverError',
    500,
    Ml2Error,
  ],
  [
    'MechanismDriverTimeout',
    new MechanismDriverTimeout('tor', 'createPortPrecommit', 3, 'precommit_timeout'),
    'MechanismDriverError',
    500,
    MechanismDriverError,
  ],
  [
    'PortContextSealed',
    new PortContextSealed('tor', 'setBinding', 'returned'),
    'PortContextSealed',
    500,
    Ml2Error,
  ],
  [
    'InvalidBindingResult',
    new InvalidBindingResult('tor', 'setBinding', 'vif_type must be a non-empty string'),
    'InvalidBindingResult',
    500,
    Ml2Error,
  ],
  ['NoNetworkAvailable', new NoNetworkAvailable(), 'NoNetworkAvailable', 503, Ml2Error],
  [
    'NetworkMacAddressGenerationFailure',
    new NetworkMacAddressGenerationFailure('network-1'),
    'NetworkMacAddressGenerationFailure',
    503,
    Ml2Error,
  ],
];

describe('typed errors', () => {
  it.each(cases)(
    '%s carries its type, HTTP status and family',
    (_label, error, type, status, family) => {
      expect(error).toBeInstanceOf(family);
      expect(error).toBeInstanceOf(Ml2Error);
      expect(error).toBeInstanceOf(Error);
      expect(error.type).toBe(type);
      expect(error.name).toBe(type);
      expect(error.httpStatus).toBe(status);
      expect(error.toJSON()).toEqual({ type, http_status: status, message: error.message });
    },
  );

  it.each(cases)('%s has a message naming what went wrong', (_label, error) => {
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.message).not.toMatch(/undefined|\[object Object\]/);
  });

  it('conflicts are not not-founds and the other way round', () => {
    expect(new NetworkInUse('n')).not.toBeInstanceOf(NotFound);
    expect(new SegmentNotFound('s')).not.toBeInstanceOf(Conflict);
    expect(new InvalidIpForSubnet('10.0.0.1', 's', '10.1.0.0/24')).not.toBeInstanceOf(InvalidInput);
  });

  it('messages name the resource and say what to do', () => {
    expect(new NetworkInUse('network-1').message).toBe(
      'Unable to complete operation on network network-1. There are one or more ports still in ' +
        'use on the network; delete them first.',
    );
    expect(new SubnetInUse('subnet-1').message).toMatch(/subnet subnet-1.*delete those ports/);
    expect(new InvalidIpForSubnet('10.1.0.9', 'subnet-1', '10.0.0.0/24').message).toMatch(
      /10\.1\.0\.9 .*subnet-1 \(10\.0\.0\.0\/24\)/,
    );
  });

  it('driver containment errors name the driver, what it did and the deadline', () => {
    expect(
      new MechanismDriverTimeout('tor', 'createPortPrecommit', 3, 'precommit_timeout'),
    ).toMatchObject({
      driver: 'tor',
      hook: 'createPortPrecommit',
      timeoutSeconds: 3,
      option: 'precommit_timeout',
      message:
        'tor.createPortPrecommit failed: did not settle within 3 s ([ml2] precommit_timeout), so ' +
        'ml2ts stopped waiting for it; find what the driver waits for (its backend, a lock), or ' +
        'raise [ml2] precommit_timeout',
    });
    expect(new PortContextSealed('tor', 'decline', 'threw').message).toMatch(
      /^Mechanism driver 'tor' called decline after its bindPort had thrown; the call was ignored/,
    );
    expect(new InvalidBindingResult('tor', 'continueBinding', 'no good')).toMatchObject({
      driver: 'tor',
      method: 'continueBinding',
      problem: 'no good',
    });
  });

  it('AttributeNotUpdatable names the resource and attribute', () => {
    const error = new AttributeNotUpdatable('subnet', 'cidr');
    expect(error.resource).toBe('subnet');
    expect(error.attribute).toBe('cidr');
    expect(error.message).toMatch(/^Invalid input for operation: the subnet attribute cidr/);
  });
});
