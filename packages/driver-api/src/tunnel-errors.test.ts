import { Conflict } from './errors';
import { TunnelIpInUse } from './tunnel-errors';

describe('TunnelIpInUse', () => {
  it('is a 409 naming the address, both hosts and what an operator changes', () => {
    const error = new TunnelIpInUse('10.0.0.5', 'vxlan', 'compute-1', 'compute-2');

    expect(error).toBeInstanceOf(Conflict);
    expect(error.toJSON()).toEqual({
      type: 'TunnelIpInUse',
      http_status: 409,
      message: expect.stringContaining(
        '10.0.0.5 (vxlan) is already the tunnel endpoint of host compute-1',
      ),
    });
    expect(error.message).toContain('local_ip');
    expect(error.message).toContain('compute-2');
    expect(error.message).toContain('ml2_vxlan_endpoints');
    expect(error).toMatchObject({
      tunnelIp: '10.0.0.5',
      tunnelType: 'vxlan',
      holder: 'compute-1',
      host: 'compute-2',
    });
  });
});
