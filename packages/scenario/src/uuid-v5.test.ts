import { uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the RFC 4122 name-based ids other implementations produce', () => {
    // The DNS namespace with "python.org" is the example of Python's uuid module.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('gives the conformance scenario port id whose prefix the recorded socket path shows', () => {
    expect(uuidV5('5b0e7c64-3f0a-4f59-9d0c-7d6f0e0c1a11', 'ovs_netdev_vhostuser/p1')).toBe(
      '3ed7c748-40e0-5948-845a-14c8d4e20f6e',
    );
  });

  it('accepts an upper-case namespace', () => {
    expect(uuidV5('6BA7B810-9DAD-11D1-80B4-00C04FD430C8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(TypeError);
  });
});
