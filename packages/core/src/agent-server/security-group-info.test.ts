import { InvalidAttribute, type PortResource } from '@ml2ts/driver-api';
import { type FirewallRule, type SecurityGroupDevice } from '@ml2ts/agent-rpc';
import {
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { PluginAgentServer } from './plugin-agent-server';

/**
 * The rules every device gets, for its IPv4 and IPv6 addresses: router advertisements when it
 * has an IPv6 address, DHCP to each address and to the broadcast address, DHCPv6 to each
 * address and to the link-local network.
 */
function addedRules(v4: readonly string[], v6: readonly string[]): FirewallRule[] {
  const dhcp = (ethertype: 'IPv4' | 'IPv6', server: number, client: number, to: string) => ({
    direction: 'ingress' as const,
    ethertype,
    protocol: 'udp',
    port_range_min: client,
    port_range_max: client,
    source_port_range_min: server,
    source_port_range_max: server,
    dest_ip_prefix: to,
  });
  const ra: FirewallRule = {
    direction: 'ingress',
    ethertype: 'IPv6',
    protocol: 'ipv6-icmp',
    source_port_range_min: 134,
  };
  return [
    ...(v6.length > 0 ? [ra] : []),
    ...[...v4.map((ip) => `${ip}/32`), '255.255.255.255/32'].map((to) => dhcp('IPv4', 67, 68, to)),
    ...[...v6.map((ip) => `${ip}/128`), 'fe80::/64'].map((to) => dhcp('IPv6', 547, 546, to)),
  ];
}

describe('security group rules and info for devices', () => {
  let engine: TestEngine;
  let server: PluginAgentServer;
  const project = 'project-1';
  let networkId: string;
  let defaultGroup: string;
  let webGroup: string;
  let adminGroup: string;
  let statelessGroup: string;
  let webPort: PortResource;
  let peerPort: PortResource;
  let adminPort: PortResource;
  let addresslessPort: PortResource;
  let dhcpPort: PortResource;
  let statelessPort: PortResource;

  beforeAll(async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    const { plugin } = engine;
    server = new PluginAgentServer(plugin);
    await plugin.rpc.reportState(ovsReport('compute-1'));
    networkId = (await plugin.createNetwork({ name: 'net', project_id: project })).id;
    const bare = await plugin.createNetwork({ name: 'bare', project_id: project });
    await plugin.createSubnet({ network_id: networkId, cidr: '192.0.2.0/24' });
    await plugin.createSubnet({
      network_id: networkId,
      cidr: '2001:db8::/64',
      ip_version: 6,
      ipv6_address_mode: 'dhcpv6-stateful',
      ipv6_ra_mode: 'dhcpv6-stateful',
    });
    defaultGroup = await plugin.ensureDefaultSecurityGroup(project);
    adminGroup = (await plugin.createSecurityGroup({ name: 'admin', project_id: project })).id;
    webGroup = (await plugin.createSecurityGroup({ name: 'web', project_id: project })).id;
    statelessGroup = (
      await plugin.createSecurityGroup({ name: 'stateless', project_id: project, stateful: false })
    ).id;
    const rule = (request: Record<string, unknown>) =>
      plugin.createSecurityGroupRule({
        security_group_id: webGroup,
        direction: 'ingress',
        ...request,
      } as Parameters<typeof plugin.createSecurityGroupRule>[0]);
    await rule({
      protocol: 'tcp',
      port_range_min: 80,
      port_range_max: 80,
      remote_ip_prefix: '198.51.100.0/24',
    });
    await rule({
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_group_id: adminGroup,
    });
    await rule({ ethertype: 'IPv6', protocol: 'icmp', remote_group_id: adminGroup });
    await rule({
      direction: 'egress',
      protocol: 'udp',
      port_range_min: 53,
      port_range_max: 53,
      remote_ip_prefix: '203.0.113.53/32',
    });
    await rule({
      security_group_id: statelessGroup,
      protocol: 'udp',
      remote_ip_prefix: '0.0.0.0/0',
    });

    const computePort = (name: string, request: Record<string, unknown>) =>
      plugin.createPort({
        network_id: networkId,
        name,
        project_id: project,
        device_owner: 'compute:nova',
        device_id: `vm-${name}`,
        'binding:host_id': 'compute-1',
        ...request,
      } as Parameters<typeof plugin.createPort>[0]);
    webPort = await computePort('web', { security_groups: [defaultGroup, webGroup] });
    peerPort = await computePort('peer', {
      allowed_address_pairs: [{ ip_address: '192.0.2.128/25' }],
    });
    adminPort = await computePort('admin', {
      security_groups: [adminGroup],
      allowed_address_pairs: [
        { ip_address: '198.51.100.64/26', mac_address: 'fa:16:3e:aa:bb:cc' },
        { ip_address: '192.0.2.200' },
      ],
    });
    addresslessPort = await plugin.createPort({
      network_id: bare.id,
      project_id: project,
      security_groups: [adminGroup],
      allowed_address_pairs: [{ ip_address: '10.9.9.9' }],
    });
    dhcpPort = await plugin.createPort({
      network_id: networkId,
      project_id: project,
      device_owner: 'network:dhcp',
      'binding:host_id': 'compute-1',
    });
    statelessPort = await computePort('stateless', { security_groups: [statelessGroup] });
  });
  afterAll(async () => engine?.close());

  /** `port` as the answers show it: the API's port with the firewall's keys. */
  async function deviceEntry(
    port: PortResource,
    device: string,
    rules: FirewallRule[],
    sourceGroups: string[],
  ): Promise<SecurityGroupDevice> {
    const { fixed_ips: fixedIps, ...shown } = await engine.plugin.getPort(port.id);
    return {
      ...shown,
      device,
      fixed_ips: fixedIps.map((ip) => ip.ip_address),
      security_group_rules: rules,
      security_group_source_groups: sourceGroups,
      security_group_remote_address_groups: [],
    };
  }

  it('has the ports bound through the agent, with the addresses the expectations use', async () => {
    const addresses = (port: PortResource) => port.fixed_ips.map((ip) => ip.ip_address);
    expect(addresses(webPort)).toEqual(['192.0.2.2', '2001:db8::2']);
    expect(addresses(peerPort)).toEqual(['192.0.2.3', '2001:db8::3']);
    expect(addresses(adminPort)).toEqual(['192.0.2.4', '2001:db8::4']);
    expect(addresses(addresslessPort)).toEqual([]);
    expect(addresses(dhcpPort)).toEqual(['192.0.2.5', '2001:db8::5']);
    expect(addresses(statelessPort)).toEqual(['192.0.2.6', '2001:db8::6']);
    expect((await engine.plugin.getPort(webPort.id))['binding:vif_type']).toBe('ovs');
    // The groups in id order: default, admin, web, stateless.
    expect([defaultGroup, adminGroup, webGroup, statelessGroup]).toEqual(
      [defaultGroup, adminGroup, webGroup, statelessGroup].sort(),
    );
  });

  it("answers each known device's rules, remote groups resolved, as Neutron does", async () => {
    const tap = `tap${webPort.id}`;
    const answer = await server.securityGroupRulesForDevices({
      devices: [tap, peerPort.id, 'tapffffffff-ff', 'tap00000000-00', dhcpPort.id, webPort.id],
    });
    // Unknown devices (a prefix every port has is none), and the network's own ports, are left
    // out; a port asked for twice is answered once, under the first name.
    expect(Object.keys(answer)).toEqual([webPort.id, peerPort.id]);

    const inDefault = { security_group_id: defaultGroup, direction: 'ingress' as const };
    const outDefault = { security_group_id: defaultGroup, direction: 'egress' as const };
    const fromDefault4 = {
      ...inDefault,
      ethertype: 'IPv4' as const,
      remote_group_id: defaultGroup,
    };
    const fromDefault6 = {
      ...inDefault,
      ethertype: 'IPv6' as const,
      remote_group_id: defaultGroup,
    };
    const ssh = {
      security_group_id: webGroup,
      direction: 'ingress' as const,
      ethertype: 'IPv4' as const,
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_group_id: adminGroup,
    };
    const ping6 = {
      security_group_id: webGroup,
      direction: 'ingress' as const,
      ethertype: 'IPv6' as const,
      protocol: 'ipv6-icmp',
      remote_group_id: adminGroup,
    };
    expect(answer[webPort.id]).toEqual(
      await deviceEntry(
        webPort,
        tap,
        [
          // The default group: from its other members (the port's own addresses left out),
          // allowed address pairs included; out to anywhere.
          { ...fromDefault4, source_ip_prefix: '192.0.2.3/32' },
          { ...fromDefault4, source_ip_prefix: '192.0.2.128/25' },
          { ...outDefault, ethertype: 'IPv4' },
          { ...fromDefault6, source_ip_prefix: '2001:db8::3/128' },
          { ...outDefault, ethertype: 'IPv6' },
          // The web group, its rules oldest first.
          { security_group_id: webGroup, direction: 'egress', ethertype: 'IPv4' },
          { security_group_id: webGroup, direction: 'egress', ethertype: 'IPv6' },
          {
            security_group_id: webGroup,
            direction: 'ingress',
            ethertype: 'IPv4',
            protocol: 'tcp',
            port_range_min: 80,
            port_range_max: 80,
            source_ip_prefix: '198.51.100.0/24',
          },
          // The admin group's members for the rules naming it: the fixed IPs and pairs of the
          // ports with addresses, of the rule's IP version.
          { ...ssh, source_ip_prefix: '192.0.2.4/32' },
          { ...ssh, source_ip_prefix: '192.0.2.200/32' },
          { ...ssh, source_ip_prefix: '198.51.100.64/26' },
          { ...ping6, source_ip_prefix: '2001:db8::4/128' },
          {
            security_group_id: webGroup,
            direction: 'egress',
            ethertype: 'IPv4',
            protocol: 'udp',
            port_range_min: 53,
            port_range_max: 53,
            dest_ip_prefix: '203.0.113.53/32',
          },
          ...addedRules(['192.0.2.2'], ['2001:db8::2']),
        ],
        [defaultGroup, adminGroup],
      ),
    );
    expect(answer[peerPort.id]).toEqual(
      await deviceEntry(
        peerPort,
        peerPort.id,
        [
          { ...fromDefault4, source_ip_prefix: '192.0.2.2/32' },
          // Its own pair is a member address too: not one of its fixed IPs.
          { ...fromDefault4, source_ip_prefix: '192.0.2.128/25' },
          { ...outDefault, ethertype: 'IPv4' },
          { ...fromDefault6, source_ip_prefix: '2001:db8::2/128' },
          { ...outDefault, ethertype: 'IPv6' },
          ...addedRules(['192.0.2.3'], ['2001:db8::3']),
        ],
        [defaultGroup],
      ),
    );
  });

  it('answers the groups once, their members apart, and the added rules per device', async () => {
    const prefix = `tap${webPort.id}`;
    const info = await server.securityGroupInfoForDevices({
      devices: [prefix, 'fa:16:3e:ff:ff:ff', dhcpPort.id, peerPort.mac_address],
    });
    expect(Object.keys(info.devices)).toEqual([webPort.id, peerPort.id]);
    expect(info.devices[webPort.id]).toEqual(
      await deviceEntry(webPort, prefix, addedRules(['192.0.2.2'], ['2001:db8::2']), [
        defaultGroup,
        adminGroup,
      ]),
    );
    expect(info.devices[peerPort.id]).toEqual(
      await deviceEntry(
        peerPort,
        peerPort.mac_address,
        addedRules(['192.0.2.3'], ['2001:db8::3']),
        [defaultGroup],
      ),
    );
    const stateful = { stateful: true };
    expect(info.security_groups).toEqual({
      [defaultGroup]: [
        { direction: 'ingress', ethertype: 'IPv4', ...stateful, remote_group_id: defaultGroup },
        { direction: 'egress', ethertype: 'IPv4', ...stateful },
        { direction: 'ingress', ethertype: 'IPv6', ...stateful, remote_group_id: defaultGroup },
        { direction: 'egress', ethertype: 'IPv6', ...stateful },
      ],
      [webGroup]: [
        { direction: 'egress', ethertype: 'IPv4', ...stateful },
        { direction: 'egress', ethertype: 'IPv6', ...stateful },
        {
          direction: 'ingress',
          ethertype: 'IPv4',
          ...stateful,
          protocol: 'tcp',
          port_range_min: 80,
          port_range_max: 80,
          source_ip_prefix: '198.51.100.0/24',
        },
        {
          direction: 'ingress',
          ethertype: 'IPv4',
          ...stateful,
          protocol: 'tcp',
          port_range_min: 22,
          port_range_max: 22,
          remote_group_id: adminGroup,
        },
        {
          direction: 'ingress',
          ethertype: 'IPv6',
          ...stateful,
          protocol: 'ipv6-icmp',
          remote_group_id: adminGroup,
        },
        {
          direction: 'egress',
          ethertype: 'IPv4',
          ...stateful,
          protocol: 'udp',
          port_range_min: 53,
          port_range_max: 53,
          dest_ip_prefix: '203.0.113.53/32',
        },
      ],
    });
    expect(info.sg_member_ips).toEqual({
      [defaultGroup]: {
        IPv4: [
          ['192.0.2.2', null],
          ['192.0.2.3', null],
          ['192.0.2.128/25', peerPort.mac_address],
        ],
        IPv6: [
          ['2001:db8::2', null],
          ['2001:db8::3', null],
        ],
      },
      [adminGroup]: {
        // The member without fixed IPs gives nothing, not even its pair (10.9.9.9).
        IPv4: [
          ['192.0.2.4', null],
          ['192.0.2.200', adminPort.mac_address],
          ['198.51.100.64/26', 'fa:16:3e:aa:bb:cc'],
        ],
        IPv6: [['2001:db8::4', null]],
      },
    });
  });

  it('answers the IP versions of the rules naming a remote group only', async () => {
    const onlyV6 = await engine.plugin.createSecurityGroup({ name: 'v6', project_id: project });
    await engine.plugin.createSecurityGroupRule({
      security_group_id: onlyV6.id,
      direction: 'ingress',
      ethertype: 'IPv6',
      remote_group_id: adminGroup,
    });
    const port = await engine.plugin.createPort({
      network_id: networkId,
      project_id: project,
      security_groups: [onlyV6.id],
    });
    try {
      const info = await server.securityGroupInfoForDevices({ devices: [port.id] });
      expect(info.sg_member_ips).toEqual({
        [adminGroup]: { IPv6: [['2001:db8::4', null]] },
      });
    } finally {
      await engine.plugin.deletePort(port.id);
    }
  });

  it("marks a stateless group's rules, and gives a group without rules an empty list", async () => {
    const info = await server.securityGroupInfoForDevices({ devices: [statelessPort.id] });
    expect(info.security_groups).toEqual({
      [statelessGroup]: [
        { direction: 'egress', ethertype: 'IPv4', stateful: false },
        { direction: 'egress', ethertype: 'IPv6', stateful: false },
        {
          direction: 'ingress',
          ethertype: 'IPv4',
          stateful: false,
          protocol: 'udp',
          source_ip_prefix: '0.0.0.0/0',
        },
      ],
    });
    expect(info.sg_member_ips).toEqual({});
    expect(info.devices[statelessPort.id].security_group_source_groups).toEqual([]);

    const empty = await engine.plugin.createSecurityGroup({ name: 'empty', project_id: project });
    for (const rule of empty.security_group_rules) {
      await engine.plugin.deleteSecurityGroupRule(rule.id);
    }
    const lonely = await engine.plugin.createPort({
      network_id: networkId,
      project_id: project,
      security_groups: [empty.id],
    });
    try {
      const lonelyInfo = await server.securityGroupInfoForDevices({ devices: [lonely.id] });
      expect(lonelyInfo.security_groups).toEqual({ [empty.id]: [] });
      const rules = await server.securityGroupRulesForDevices({ devices: [lonely.id] });
      const [v4, v6] = lonely.fixed_ips.map((ip) => ip.ip_address);
      expect(rules[lonely.id].security_group_rules).toEqual(addedRules([v4], [v6]));
    } finally {
      await engine.plugin.deletePort(lonely.id);
    }
  });

  it("resolves a port's own group without the port's own fixed IPs", async () => {
    const self = await engine.plugin.createSecurityGroupRule({
      security_group_id: adminGroup,
      direction: 'ingress',
      remote_group_id: adminGroup,
    });
    try {
      const answer = await server.securityGroupRulesForDevices({ devices: [adminPort.id] });
      const fromSelf = answer[adminPort.id].security_group_rules.filter(
        (rule) => rule.remote_group_id === adminGroup,
      );
      // Only its own pairs are left; the addressless member gives nothing.
      const fromAdmin = {
        security_group_id: adminGroup,
        direction: 'ingress',
        ethertype: 'IPv4',
        remote_group_id: adminGroup,
      };
      expect(fromSelf).toEqual([
        { ...fromAdmin, source_ip_prefix: '192.0.2.200/32' },
        { ...fromAdmin, source_ip_prefix: '198.51.100.64/26' },
      ]);
    } finally {
      await engine.plugin.deleteSecurityGroupRule(self.id);
    }
  });

  it('answers nothing for no devices or only unknown ones', async () => {
    await expect(server.securityGroupRulesForDevices({ devices: [] })).resolves.toEqual({});
    await expect(
      server.securityGroupInfoForDevices({ devices: ['tapffffffff-ff', 'nothing', dhcpPort.id] }),
    ).resolves.toEqual({ devices: {}, security_groups: {}, sg_member_ips: {} });
  });

  it.each([
    [{}, 'devices'],
    [{ devices: 'tap1' }, 'devices'],
    [{ devices: [''] }, 'devices[0]'],
    [{ devices: [{ device: 'tap1' }] }, 'devices[0]'],
    [{ devices: [], host: 'compute-1' }, 'host'],
  ])('refuses %j with a 400 naming %s', async (request, attribute) => {
    type Untyped = (request: unknown) => Promise<unknown>;
    const methods = [server.securityGroupRulesForDevices, server.securityGroupInfoForDevices];
    for (const method of methods as unknown as Untyped[]) {
      await expect(method.call(server, request)).rejects.toBeInstanceOf(InvalidAttribute);
      await expect(method.call(server, request)).rejects.toMatchObject({
        httpStatus: 400,
        message: expect.stringContaining(attribute) as unknown,
      });
    }
  });
});
