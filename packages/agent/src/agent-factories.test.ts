import { ConfigurationError, ReportStateResult } from '@ml2ts/driver-api';
import {
  type AgentServerApi,
  type AgentTransport,
  InProcessTransport,
  type ReportStateRequest,
} from '@ml2ts/agent-rpc';
import { InMemoryBridge } from './in-memory-bridge';
import { createLinuxBridgeAgent } from './linuxbridge-agent';
import { ManualScheduler } from './manual-scheduler';
import { createOvsAgent } from './ovs-agent';
import { createSriovAgent } from './sriov-agent';

function countingTransport() {
  const open = new Set<string>();
  const reports: ReportStateRequest[] = [];
  const server = {
    reportState: async (request: ReportStateRequest) => {
      reports.push(request);
      return ReportStateResult.NEW;
    },
  } as unknown as AgentServerApi;
  const bus = new InProcessTransport();
  void bus.createServer().listen(server);
  // Counts the clients the agent opened and has not closed yet.
  const transport: AgentTransport = {
    createClient: (host) => {
      const client = bus.createClient(host);
      const key = `${host}#${open.size}`;
      return {
        connect: async () => {
          await client.connect();
          open.add(key);
        },
        call: (method, args, options) => client.call(method, args, options),
        cast: (method, args) => client.cast(method, args),
        close: async () => {
          open.delete(key);
          await client.close();
        },
      };
    },
    createSubscriber: (host) => bus.createSubscriber(host),
  };
  return { transport, open, reports };
}

const base = () => ({
  host: 'compute1',
  transport: countingTransport().transport,
  bridge: new InMemoryBridge(),
  scheduler: new ManualScheduler(),
});

describe('agent factories', () => {
  it.each([
    [{ firewallDriver: 'iptables' }, 'firewallDriver'],
    [{ datapathType: 'dpdk' }, 'datapathType'],
    [{ tunnelTypes: ['vxlan'] }, 'tunnelingIp'],
    [{ tunnelTypes: ['stt'], tunnelingIp: '192.0.2.1' }, 'tunnelTypes'],
    [{ bridgeMappings: { physnet1: '' } }, 'bridgeMappings'],
    [{ bridgeMappings: ['physnet1:br-eth1'] }, 'bridgeMappings'],
    [{ host: '' }, 'host'],
    [{ pollingInterval: 0 }, 'pollingInterval'],
    [{ reportJitterMax: 20 }, 'reportJitterMax'],
  ])('refuses the OVS option %j', (option, name) => {
    const attempt = () => createOvsAgent({ ...base(), ...(option as object) });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(expect.objectContaining({ option: name }));
  });

  it('refuses bad Linux bridge and SR-IOV options', () => {
    expect(() => createLinuxBridgeAgent({ ...base(), tunnelTypes: ['geneve'] })).toThrow(
      expect.objectContaining({ option: 'tunnelTypes' }),
    );
    expect(() => createLinuxBridgeAgent({ ...base(), interfaceMappings: { '': 'eth1' } })).toThrow(
      expect.objectContaining({ option: 'interfaceMappings' }),
    );
    expect(() => createSriovAgent({ ...base(), deviceMappings: { physnet1: [] } })).toThrow(
      expect.objectContaining({ option: 'deviceMappings' }),
    );
    expect(() =>
      createSriovAgent({ ...base(), deviceMappings: { physnet1: 'ens5f0' } as never }),
    ).toThrow(ConfigurationError);
  });

  it('names agents and reports each type its own identity', () => {
    const ovs = createOvsAgent({ ...base(), datapathType: 'netdev' });
    const lb = createLinuxBridgeAgent(base());
    const sriov = createSriovAgent({ ...base(), deviceMappings: { physnet1: ['ens5f0'] } });
    expect([ovs.agentId, lb.agentId, sriov.agentId]).toEqual([
      'ovs-agent-compute1',
      'linuxbridge-agent-compute1',
      'nic-switch-agent.compute1',
    ]);
    expect([ovs.agentType, lb.agentType, sriov.agentType]).toEqual([
      'Open vSwitch agent',
      'Linux bridge agent',
      'NIC Switch agent',
    ]);
    expect(ovs.configurations()).toMatchObject({
      datapath_type: 'netdev',
      ovs_hybrid_plug: false,
      tunnel_types: [],
      vhostuser_socket_dir: '/var/run/openvswitch',
    });
    expect(ovs.configurations()).not.toHaveProperty('tunneling_ip');
  });

  it('opens its channel on start, starts once, reports its availability zone, and closes its channel when stopped', async () => {
    const { transport, open, reports } = countingTransport();
    const scheduler = new ManualScheduler();
    const agent = createOvsAgent({ ...base(), scheduler, transport, availabilityZone: 'az1' });
    expect(open.size).toBe(0);
    await agent.start();
    expect(open.size).toBe(1);
    await scheduler.advance(11_250);
    expect(reports[0].agent_state).toMatchObject({ availability_zone: 'az1', host: 'compute1' });
    await expect(agent.start()).rejects.toThrow(/already started/);
    await agent.stop();
    await agent.stop();
    expect(open.size).toBe(0);
  });
});
