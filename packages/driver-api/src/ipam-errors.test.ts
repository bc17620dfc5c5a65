import { BadRequest, Conflict, type Ml2Error } from './errors';
import {
  AllocationOnAutoAddressSubnet,
  DNSNameServersExhausted,
  GatewayConflictWithAllocationPools,
  HostRoutesExhausted,
  InvalidAllocationPool,
  InvalidIpForNetwork,
  IpAddressGenerationFailure,
  OutOfBoundsAllocationPool,
  OverlappingAllocationPools,
} from './ipam-errors';

type Family = abstract new (...args: never[]) => Ml2Error;

const pool = { start: '10.0.0.2', end: '10.0.0.9' };

/** [the error, Neutron's type name, HTTP status, its family, text the message holds]. */
const cases: Array<[Ml2Error, string, number, Family, string]> = [
  [
    new InvalidAllocationPool(pool, 'why'),
    'InvalidAllocationPool',
    400,
    BadRequest,
    '10.0.0.2-10.0.0.9',
  ],
  [
    new OutOfBoundsAllocationPool(pool, '10.0.1.0/24', '10.0.1.1-10.0.1.254'),
    'OutOfBoundsAllocationPool',
    400,
    BadRequest,
    'within 10.0.1.1-10.0.1.254',
  ],
  [
    new OverlappingAllocationPools(pool, { start: '10.0.0.5', end: '10.0.0.6' }, '10.0.0.0/24'),
    'OverlappingAllocationPools',
    409,
    Conflict,
    '10.0.0.2-10.0.0.9 10.0.0.5-10.0.0.6 for subnet 10.0.0.0/24',
  ],
  [
    new GatewayConflictWithAllocationPools('10.0.0.5', pool),
    'GatewayConflictWithAllocationPools',
    409,
    Conflict,
    'Gateway ip 10.0.0.5',
  ],
  [
    new DNSNameServersExhausted('subnet-1', 5),
    'DNSNameServersExhausted',
    400,
    BadRequest,
    'limit 5',
  ],
  [new HostRoutesExhausted('subnet-1', 20), 'HostRoutesExhausted', 400, BadRequest, 'limit 20'],
  [new InvalidIpForNetwork('10.9.9.9', 'net-1'), 'InvalidIpForNetwork', 400, BadRequest, 'net-1'],
  [
    new AllocationOnAutoAddressSubnet('2001:db8::5', 'subnet-6'),
    'AllocationOnAutoAddressSubnet',
    400,
    BadRequest,
    'automatic addresses',
  ],
  [
    new IpAddressGenerationFailure('net-1'),
    'IpAddressGenerationFailure',
    409,
    Conflict,
    'network net-1',
  ],
  [
    new IpAddressGenerationFailure('net-1', 'subnet-1'),
    'IpAddressGenerationFailure',
    409,
    Conflict,
    'subnet subnet-1',
  ],
];

describe('address management errors', () => {
  it.each(cases)(
    '%s carries Neutron type, status and family',
    (error, type, status, family, text) => {
      expect(error).toBeInstanceOf(family);
      expect(error.toJSON()).toEqual({ type, http_status: status, message: error.message });
      expect(error.message).toContain(text);
    },
  );
});
