import { type InstancePort } from '@ml2ts/compute';
import { type PortResource } from '@ml2ts/driver-api';
import { describeLevels, formatPortTimeline } from './format-port-timeline';
import { type TimelineEntry } from './timeline-recorder';

const PORT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const MAC = 'fa:16:3e:00:00:01';

function resource(overrides: Partial<PortResource>): PortResource {
  return {
    id: PORT_ID,
    name: '',
    network_id: 'net',
    project_id: '',
    mac_address: MAC,
    fixed_ips: [{ subnet_id: 's', ip_address: '10.0.0.5' }],
    device_id: 'vm',
    device_owner: 'compute:nova',
    status: 'DOWN',
    admin_state_up: true,
    dns_name: '',
    'binding:host_id': 'h',
    'binding:vnic_type': 'normal',
    'binding:profile': {},
    'binding:vif_type': 'unbound',
    'binding:vif_details': {},
    description: '',
    allowed_address_pairs: [],
    tags: [],
    security_groups: [],
    revision_number: 0,
    created_at: '2026-12-02T00:00:00Z',
    updated_at: '2026-12-02T00:00:00Z',
    ...overrides,
  };
}

const PORT: InstancePort = {
  instanceUuid: 'vm',
  host: 'h',
  portId: PORT_ID,
  created: resource({}),
  bound: resource({
    'binding:vif_type': 'bridge',
    'binding:vif_details': { port_filter: true, bound_drivers: { '0': 'linuxbridge' } },
  }),
  active: resource({ status: 'ACTIVE' }),
  vif: {
    plan: { kind: 'bridge', bridge: 'brqnet', tap: 'tapaaaaaaaa-bb', macAddress: MAC },
    devices: [{ bridge: 'taps', interfaceName: 'tapaaaaaaaa-bb' }],
  },
  startedAtMs: 1000,
  phases: [
    { phase: 'create_port', startMs: 0, endMs: 1 },
    { phase: 'bind_port', startMs: 1, endMs: 3 },
    { phase: 'plug_vif', startMs: 3, endMs: 3.5 },
    { phase: 'wait_vif_plugged', startMs: 3.5, endMs: 20 },
  ],
};

describe('formatPortTimeline', () => {
  it("orders the port's own steps by time and ignores other ports' events", () => {
    const agent = { kind: 'agent', host: 'h', agentType: 'Linux bridge agent' } as const;
    const at = new Date(0);
    const entries: TimelineEntry[] = [
      { kind: 'status', atMs: 999, portId: PORT_ID, from: 'X', to: 'Y' }, // before the boot
      {
        ...agent,
        atMs: 1010,
        event: {
          type: 'deviceSeen',
          at,
          device: 'tapaaaaaaaa-bb',
          interfaceName: 'tapaaaaaaaa-bb',
        },
      },
      {
        ...agent,
        atMs: 1011,
        event: { type: 'deviceSeen', at, device: 'tapother', interfaceName: 'tapother' },
      },
      { kind: 'status', atMs: 1012, portId: PORT_ID, from: 'DOWN', to: 'BUILD' },
      { kind: 'status', atMs: 1012, portId: 'other', from: 'DOWN', to: 'BUILD' },
      {
        ...agent,
        atMs: 1013,
        event: {
          type: 'deviceWired',
          at,
          device: 'tapaaaaaaaa-bb',
          portId: PORT_ID,
          outcome: 'up',
          wiring: { kind: 'linuxbridge', bridge: 'brqnet', uplink: 'eth1.7', tap_state: 'up' },
        },
      },
      { kind: 'status', atMs: 1019, portId: PORT_ID, from: 'BUILD', to: 'ACTIVE' },
      { kind: 'vifPlugged', atMs: 1019, portId: PORT_ID },
      {
        ...agent,
        atMs: 1020,
        event: { type: 'devicesReported', at, up: ['tapaaaaaaaa-bb'], down: [] },
      },
    ];
    expect(formatPortTimeline(PORT, [], entries)).toEqual([
      '+    1.0 ms  created        DOWN, vif_type unbound, MAC fa:16:3e:00:00:01, IP 10.0.0.5',
      '+    3.0 ms  bound          no binding level → vif_type bridge',
      '+    3.0 ms                 port_filter=true',
      '+    3.5 ms  plugged        tapaaaaaaaa-bb on the host (its bridge: brqnet)',
      '+   10.0 ms  seen by agent  Linux bridge agent on h (tapaaaaaaaa-bb)',
      '+   12.0 ms  BUILD          DOWN → BUILD',
      '+   13.0 ms  wired          into brqnet with uplink eth1.7, tap up',
      '+   19.0 ms  ACTIVE         BUILD → ACTIVE',
      '+   19.0 ms  vif-plugged    delivered to the compute side',
      "+   20.0 ms  reported up    the agent's update_device_list returned",
    ]);
  });

  it('names every binding level with its segment', () => {
    const segment = (type: string, id: number | null, physnet: string | null) => ({
      id: 's',
      network_id: 'n',
      network_type: type,
      physical_network: physnet,
      segmentation_id: id,
      segment_index: 0,
      is_dynamic: false,
      mtu: 1500,
      name: null,
      description: null,
      revision_number: 0,
      created_at: '2026-12-02T00:00:00Z',
      updated_at: '2026-12-02T00:00:00Z',
    });
    expect(
      describeLevels([
        { level: 0, driver: 'tor', host: 'h', segment: segment('vxlan', 5, null) },
        { level: 1, driver: 'openvswitch', host: 'h', segment: segment('vlan', 7, 'p1') },
      ]),
    ).toBe('level 0 tor on vxlan 5, then level 1 openvswitch on vlan 7 (p1)');
  });
});
