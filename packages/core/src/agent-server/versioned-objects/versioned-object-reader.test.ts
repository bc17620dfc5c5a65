import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  InvalidInput,
  type NetworkResource,
  NetworkNotFound,
  type PortResource,
  type SecurityGroupResource,
  type SecurityGroupRuleResource,
  type SubnetResource,
} from '@ml2ts/driver-api';
import { type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { repositoriesOver } from '../../repositories/unit-of-work';
import {
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../../test-support/test-engine';
import { allocationPoolId } from './subnet-object';
import { VersionedObjectReader } from './versioned-object-reader';

/** The objects captured from Neutron 21 (`/work/main/../shared/neutron-agent/samples`). */
const SAMPLES = path.resolve(__dirname, '../../../../../../shared/neutron-agent/samples');
const samplesPresent = existsSync(SAMPLES);
if (!samplesPresent) {
  console.warn(`Shape comparisons skipped: no captured Neutron samples at ${SAMPLES}`);
}
const withSamples = samplesPresent ? it : it.skip;

type Data = Record<string, unknown>;

/** A captured message's body (`oslo.message`, already an object in the samples). */
function sampleMessage(file: string): { args: Data; result: unknown } {
  const capture = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as {
    body: { 'oslo.message': { args: Data } };
    reply?: { body: { 'oslo.message': { result: unknown } } };
  };
  return {
    args: capture.body['oslo.message'].args,
    result: capture.reply?.body['oslo.message'].result,
  };
}

/** The objects a sample carries: a `bulk_pull` reply's, or a `push`'s `resource_list`. */
function sampleObjects(file: string): VersionedObjectPrimitive[] {
  const message = sampleMessage(file);
  return (message.result ?? message.args.resource_list) as VersionedObjectPrimitive[];
}

function dataOf(object: VersionedObjectPrimitive | undefined): Data {
  if (!object) throw new Error('no such object');
  return object['versioned_object.data'];
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as Data).sort();
}

/**
 * Checks that `actual` has the shape of `sample`: the same object names, namespace and versions
 * at every depth, the same keys, and values of the same JSON types (lists compared by their
 * first element). Keys listed in `absentInSample` must be in `actual` and not in `sample`; keys
 * of `absentInActual` the other way round; `nullable` keys may be null on one side only; the
 * values of `skip` keys are not compared (the caller compares them).
 */
function expectShape(
  actual: unknown,
  sample: unknown,
  where: string,
  options: {
    absentInSample?: readonly string[];
    absentInActual?: readonly string[];
    nullable?: readonly string[];
    skip?: readonly string[];
  } = {},
): void {
  const kind = (value: unknown) =>
    value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
  if (kind(actual) !== kind(sample)) {
    throw new Error(`${where}: ${kind(actual)} where Neutron has ${kind(sample)}`);
  }
  if (Array.isArray(actual) && Array.isArray(sample)) {
    if (actual.length > 0 && sample.length > 0) {
      actual.forEach((item, index) => expectShape(item, sample[0], `${where}[${index}]`, options));
    }
    return;
  }
  if (kind(actual) !== 'object') return;
  const a = actual as Data;
  const s = sample as Data;
  const absentInSample = options.absentInSample ?? [];
  const absentInActual = options.absentInActual ?? [];
  const expectedKeys = [
    ...Object.keys(s).filter((key) => !absentInActual.includes(key)),
    ...absentInSample,
  ].sort();
  if ('versioned_object.name' in s) {
    for (const key of [
      'versioned_object.name',
      'versioned_object.namespace',
      'versioned_object.version',
    ]) {
      expect([where, key, a[key]]).toEqual([where, key, s[key]]);
    }
    expect(keysOf(a).filter((key) => key !== 'versioned_object.data')).toEqual(
      keysOf(s).filter(
        (key) => key !== 'versioned_object.data' && key !== 'versioned_object.changes',
      ),
    );
    expectShape(
      a['versioned_object.data'],
      s['versioned_object.data'],
      `${where}<${String(s['versioned_object.name'])}>`,
      options,
    );
    return;
  }
  expect([where, keysOf(a)]).toEqual([where, expectedKeys]);
  for (const key of Object.keys(s)) {
    if (!(key in a) || options.skip?.includes(key)) continue;
    if ((a[key] === null) !== (s[key] === null) && options.nullable?.includes(key)) continue;
    // Nested objects are compared with their own sample's rules only.
    const nested = { nullable: options.nullable };
    expectShape(a[key], s[key], `${where}.${key}`, nested);
  }
}

describe('VersionedObjectReader', () => {
  let engine: TestEngine;
  let reader: VersionedObjectReader;
  const project = 'fake_project_id';
  let vxlanNet: NetworkResource;
  let vlanNet: NetworkResource;
  let subnetA: SubnetResource;
  let subnetB: SubnetResource;
  let subnet6: SubnetResource;
  let defaultGroup: SecurityGroupResource;
  let webGroup: SecurityGroupResource;
  let sshRule: SecurityGroupRuleResource;
  let portA: PortResource;
  let portB: PortResource;
  let unboundPort: PortResource;
  let migratingPort: PortResource;

  beforeAll(async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    reader = new VersionedObjectReader(repositoriesOver(engine.store));
    const { plugin } = engine;
    await plugin.rpc.reportState(ovsReport('compute-1'));
    await plugin.rpc.reportState(ovsReport('compute-2', { bridge_mappings: {} }));
    vxlanNet = await plugin.createNetwork({ name: 'net0', project_id: project });
    vlanNet = await plugin.createNetwork({
      name: 'net1',
      project_id: project,
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 101,
    });
    subnetA = await plugin.createSubnet({
      network_id: vxlanNet.id,
      cidr: '192.0.2.0/24',
      name: 'subnet0',
    });
    subnetB = await plugin.createSubnet({
      network_id: vlanNet.id,
      cidr: '198.51.100.0/24',
      name: 'subnet1',
      dns_nameservers: ['198.51.100.53', '192.0.2.53'],
      host_routes: [{ destination: '203.0.113.0/24', nexthop: '198.51.100.254' }],
    });
    subnet6 = await plugin.createSubnet({
      network_id: vxlanNet.id,
      cidr: '2001:db8::/64',
      ipv6_address_mode: 'slaac',
      ipv6_ra_mode: 'slaac',
      gateway_ip: null,
    });
    defaultGroup = await plugin.getSecurityGroup(await plugin.ensureDefaultSecurityGroup(project));
    webGroup = await plugin.createSecurityGroup({ name: 'web', project_id: project });
    sshRule = await plugin.createSecurityGroupRule({
      security_group_id: defaultGroup.id,
      direction: 'ingress',
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: '0.0.0.0/0',
    });
    portA = await plugin.createPort({
      network_id: vxlanNet.id,
      name: 'port-a',
      project_id: project,
      device_owner: 'compute:nova',
      device_id: 'vm-a',
      'binding:host_id': 'compute-1',
    });
    portB = await plugin.createPort({
      network_id: vlanNet.id,
      name: 'port-b',
      project_id: project,
      device_owner: 'compute:nova',
      device_id: 'vm-b',
      security_groups: [defaultGroup.id, webGroup.id],
      'binding:host_id': 'compute-1',
    });
    unboundPort = await plugin.createPort({
      network_id: vxlanNet.id,
      name: 'port-c',
      project_id: project,
      security_groups: [webGroup.id],
      allowed_address_pairs: [{ ip_address: '192.0.2.128/25' }],
    });
    migratingPort = await plugin.createPort({
      network_id: vxlanNet.id,
      name: 'port-m',
      project_id: project,
      device_owner: 'compute:nova',
      device_id: 'vm-m',
      'binding:host_id': 'compute-1',
    });
    await plugin.createPortBinding(migratingPort.id, {
      host: 'compute-2',
      profile: { migrating_to: 'compute-2' },
    });
    migratingPort = await plugin.getPort(migratingPort.id);
  });
  afterAll(async () => engine?.close());

  const pull = (resourceType: string, filter?: Record<string, unknown>) =>
    reader.bulkPull({ resource_type: resourceType, version: '1.0', filter_kwargs: filter });
  const ids = (objects: readonly VersionedObjectPrimitive[]) =>
    objects.map((object) => object['versioned_object.data'].id);

  withSamples('has a shape check that notices a missing, extra or retyped field', async () => {
    const [sample] = sampleObjects('bulk_pull-Network.json');
    const [network] = await pull('Network', { id: vxlanNet.id });
    const { mtu: _mtu, ...withoutMtu } = dataOf(network);
    const variants: Data[] = [
      withoutMtu,
      { ...dataOf(network), extra: 1 },
      { ...dataOf(network), mtu: '1450' },
      { ...dataOf(network), segments: [{ ...(dataOf(network).segments as Data[])[0], x: 1 }] },
    ];
    for (const data of variants) {
      expect(() =>
        expectShape({ ...network, 'versioned_object.data': data }, sample, 'Network'),
      ).toThrow();
    }
    expect(() =>
      expectShape({ ...network, 'versioned_object.version': '1.0' }, sample, 'Network'),
    ).toThrow();
  });

  describe('Port', () => {
    withSamples(
      'answers the agent’s pull by security group in the shape Neutron does',
      async () => {
        const ports = await pull('Port', { security_group_ids: [defaultGroup.id] });
        expect(ids(ports)).toEqual([portA.id, portB.id, migratingPort.id]);
        const [vxlanSample, vlanSample] = sampleObjects('bulk_pull-Port.json');
        expectShape(ports[0], vxlanSample, 'Port(vxlan)');
        expectShape(ports[1], vlanSample, 'Port(vlan)');
        expect(keysOf(dataOf(ports[0]))).toEqual(keysOf(dataOf(vxlanSample)));
      },
    );

    withSamples('gives an unbound port no levels and null vif_details, as Neutron', async () => {
      const [port] = await pull('Port', { id: [unboundPort.id] });
      const [sample] = sampleObjects('push-Port-1.7-updated.json');
      expectShape(port, sample, 'Port(unbound)');
      const [binding] = dataOf(port).bindings as VersionedObjectPrimitive[];
      expect(dataOf(binding)).toEqual({
        host: '',
        port_id: unboundPort.id,
        profile: '{}',
        status: 'ACTIVE',
        vif_details: null,
        vif_type: 'unbound',
        vnic_type: 'normal',
      });
      const pairs = dataOf(port).allowed_address_pairs as VersionedObjectPrimitive[];
      expect(pairs).toEqual([
        {
          'versioned_object.name': 'AllowedAddressPair',
          'versioned_object.namespace': 'versionedobjects',
          'versioned_object.version': '1.0',
          'versioned_object.data': {
            ip_address: unboundPort.allowed_address_pairs[0].ip_address,
            mac_address: unboundPort.mac_address,
            port_id: unboundPort.id,
          },
        },
      ]);
    });

    it('carries what the engine holds of a bound port', async () => {
      const [port] = await pull('Port', { id: portB.id });
      const shown = await engine.plugin.getPort(portB.id);
      const [segment] = await engine.plugin.listSegments(vlanNet.id);
      const levels = await engine.plugin.getBindingLevels(portB.id);
      const [binding] = await engine.plugin.listPortBindings(portB.id);
      expect(port['versioned_object.name']).toBe('Port');
      expect(port['versioned_object.version']).toBe('1.7');
      expect(port['versioned_object.namespace']).toBe('versionedobjects');
      expect(port['versioned_object.changes']).toBeUndefined();
      const data = dataOf(port);
      expect(data).toMatchObject({
        admin_state_up: shown.admin_state_up,
        created_at: shown.created_at,
        data_plane_status: null,
        description: shown.description,
        device_id: 'vm-b',
        device_owner: 'compute:nova',
        dhcp_options: [],
        distributed_bindings: [],
        dns: null,
        id: portB.id,
        mac_address: shown.mac_address,
        name: 'port-b',
        network_id: vlanNet.id,
        project_id: project,
        qos_network_policy_id: null,
        qos_policy_id: null,
        revision_number: shown.revision_number,
        security: null,
        security_group_ids: [defaultGroup.id, webGroup.id].sort(),
        status: shown.status,
        updated_at: shown.updated_at,
      });
      expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(data.fixed_ips).toEqual(
        shown.fixed_ips.map((ip) => ({
          'versioned_object.name': 'IPAllocation',
          'versioned_object.namespace': 'versionedobjects',
          'versioned_object.version': '1.0',
          'versioned_object.data': {
            ip_address: ip.ip_address,
            network_id: vlanNet.id,
            port_id: portB.id,
            subnet_id: subnetB.id,
          },
        })),
      );
      const [bindingObject] = data.bindings as VersionedObjectPrimitive[];
      const bindingData = dataOf(bindingObject);
      expect(bindingData).toMatchObject({
        host: 'compute-1',
        port_id: portB.id,
        profile: '{}',
        status: 'ACTIVE',
        vif_type: binding.vif_type,
        vnic_type: 'normal',
      });
      expect(JSON.parse(bindingData.vif_details as string)).toEqual(binding.vif_details);
      expect(bindingData.vif_details).toContain('": ');
      expect(data.binding_levels).toEqual(
        levels.map((level) => ({
          'versioned_object.name': 'PortBindingLevel',
          'versioned_object.namespace': 'versionedobjects',
          'versioned_object.version': '1.1',
          'versioned_object.data': {
            driver: level.driver,
            host: level.host,
            level: level.level,
            port_id: portB.id,
            segment: {
              'versioned_object.name': 'NetworkSegment',
              'versioned_object.namespace': 'versionedobjects',
              'versioned_object.version': '1.0',
              'versioned_object.data': {
                created_at: segment.created_at,
                hosts: ['compute-1'],
                id: segment.id,
                is_dynamic: false,
                network_id: vlanNet.id,
                network_type: 'vlan',
                physical_network: 'physnet1',
                revision_number: segment.revision_number,
                segment_index: 0,
                segmentation_id: 101,
                updated_at: segment.updated_at,
              },
            },
            segment_id: segment.id,
          },
        })),
      );
      expect(levels).toHaveLength(1);
    });

    it('lists the ACTIVE binding first and ends the levels with the ACTIVE host’s', async () => {
      const [port] = await pull('Port', { id: [migratingPort.id] });
      const bindings = (dataOf(port).bindings as VersionedObjectPrimitive[]).map(dataOf);
      expect(bindings.map((binding) => [binding.host, binding.status])).toEqual([
        ['compute-1', 'ACTIVE'],
        ['compute-2', 'INACTIVE'],
      ]);
      expect(JSON.parse(bindings[1].profile as string)).toEqual({ migrating_to: 'compute-2' });
      expect(bindings[1].profile).toBe('{"migrating_to": "compute-2"}');
      const levels = (dataOf(port).binding_levels as VersionedObjectPrimitive[]).map(dataOf);
      expect(levels.map((level) => level.host)).toEqual(['compute-2', 'compute-1']);
      expect(dataOf(port).revision_number).toBe(migratingPort.revision_number);
    });

    it('filters by id, network and security group, alone and together', async () => {
      expect(ids(await pull('Port', { id: [portB.id, portA.id, 'missing'] }))).toEqual([
        portA.id,
        portB.id,
      ]);
      expect(ids(await pull('Port', { network_id: vlanNet.id }))).toEqual([portB.id]);
      expect(ids(await pull('Port', { security_group_ids: webGroup.id }))).toEqual([
        portB.id,
        unboundPort.id,
      ]);
      expect(
        ids(
          await pull('Port', {
            security_group_ids: [webGroup.id],
            network_id: [vxlanNet.id],
            id: [unboundPort.id, portA.id],
          }),
        ),
      ).toEqual([unboundPort.id]);
      expect(ids(await pull('Port'))).toEqual([
        portA.id,
        portB.id,
        unboundPort.id,
        migratingPort.id,
      ]);
      expect(ids(await pull('Port', {}))).toHaveLength(4);
      expect(await pull('Port', { id: [] })).toEqual([]);
      expect(await pull('Port', { id: ['missing'] })).toEqual([]);
      expect(await pull('Port', { security_group_ids: ['missing'] })).toEqual([]);
    });
  });

  describe('Network', () => {
    withSamples('answers a pull by id in the shape Neutron does', async () => {
      const [network] = await pull('Network', { id: [vxlanNet.id] });
      const [sample] = sampleObjects('bulk_pull-Network.json');
      expectShape(network, sample, 'Network');
      const [pushed] = sampleObjects('push-Network-1.1-updated.json');
      expectShape(network, pushed, 'Network(push)');
      const [vlan] = await pull('Network', { id: vlanNet.id });
      const [, vlanPortSample] = sampleObjects('bulk_pull-Port.json');
      const vlanLevel = (dataOf(vlanPortSample).binding_levels as VersionedObjectPrimitive[])[0];
      expectShape(
        (dataOf(vlan).segments as unknown[])[0],
        dataOf(vlanLevel).segment,
        'Network(vlan).segments',
      );
    });

    it('carries what the engine holds, with every segment and its hosts', async () => {
      const [vxlan, vlan] = await pull('Network', { id: [vlanNet.id, vxlanNet.id] });
      const shown = await engine.plugin.getNetwork(vxlanNet.id);
      const [segment] = await engine.plugin.listSegments(vxlanNet.id);
      expect(dataOf(vxlan)).toEqual({
        admin_state_up: true,
        created_at: shown.created_at,
        description: '',
        dns_domain: null,
        id: vxlanNet.id,
        mtu: shown.mtu,
        name: 'net0',
        project_id: project,
        qos_policy_id: null,
        revision_number: shown.revision_number,
        security: null,
        segments: [
          {
            'versioned_object.name': 'NetworkSegment',
            'versioned_object.namespace': 'versionedobjects',
            'versioned_object.version': '1.0',
            'versioned_object.data': {
              created_at: segment.created_at,
              hosts: [],
              id: segment.id,
              is_dynamic: false,
              network_id: vxlanNet.id,
              network_type: 'vxlan',
              revision_number: segment.revision_number,
              segment_index: 0,
              segmentation_id: shown['provider:segmentation_id'],
              updated_at: segment.updated_at,
            },
          },
        ],
        shared: false,
        status: 'ACTIVE',
        updated_at: shown.updated_at,
      });
      const vlanSegment = dataOf((dataOf(vlan).segments as VersionedObjectPrimitive[])[0]);
      // compute-2 maps no physical network: only compute-1 reaches physnet1.
      expect(vlanSegment.hosts).toEqual(['compute-1']);
      expect(ids(await pull('Network'))).toEqual([vxlanNet.id, vlanNet.id]);
      expect(await pull('Network', { id: ['missing'] })).toEqual([]);
    });
  });

  describe('Subnet', () => {
    withSamples('has the shape of Neutron’s pushed subnet', async () => {
      const [subnet] = await pull('Subnet', { id: subnetA.id });
      const [sample] = sampleObjects('push-Subnet-1.1-updated.json');
      expectShape(subnet, sample, 'Subnet');
      const [routed] = await pull('Subnet', { id: subnetB.id });
      expectShape(routed, sample, 'Subnet(dns, routes)');
      const [v6] = await pull('Subnet', { id: subnet6.id });
      expectShape(v6, sample, 'Subnet(v6)', {
        absentInSample: ['ipv6_address_mode', 'ipv6_ra_mode'],
        absentInActual: ['gateway_ip'],
      });
    });

    it('carries what the engine holds', async () => {
      const [subnet] = await pull('Subnet', { id: [subnetB.id] });
      const shown = await engine.plugin.getSubnet(subnetB.id);
      const nested = (name: string, data: Data) => ({
        'versioned_object.name': name,
        'versioned_object.namespace': 'versionedobjects',
        'versioned_object.version': '1.0',
        'versioned_object.data': data,
      });
      expect(dataOf(subnet)).toEqual({
        allocation_pools: shown.allocation_pools.map((pool) =>
          nested('IPAllocationPool', {
            end: pool.end,
            id: allocationPoolId(subnetB.id, pool.start, pool.end),
            start: pool.start,
            subnet_id: subnetB.id,
          }),
        ),
        cidr: '198.51.100.0/24',
        created_at: shown.created_at,
        description: '',
        dns_nameservers: [
          nested('DNSNameServer', { address: '198.51.100.53', order: 0, subnet_id: subnetB.id }),
          nested('DNSNameServer', { address: '192.0.2.53', order: 1, subnet_id: subnetB.id }),
        ],
        dns_publish_fixed_ip: false,
        enable_dhcp: true,
        gateway_ip: shown.gateway_ip,
        host_routes: [
          nested('Route', {
            destination: '203.0.113.0/24',
            nexthop: '198.51.100.254',
            subnet_id: subnetB.id,
          }),
        ],
        id: subnetB.id,
        ip_version: 4,
        name: 'subnet1',
        network_id: vlanNet.id,
        project_id: project,
        revision_number: shown.revision_number,
        service_types: [],
        shared: false,
        updated_at: shown.updated_at,
      });
      const [v6] = await pull('Subnet', { id: subnet6.id });
      expect(dataOf(v6)).toMatchObject({ ipv6_address_mode: 'slaac', ipv6_ra_mode: 'slaac' });
      expect(dataOf(v6)).not.toHaveProperty('gateway_ip');
    });

    it('filters by network and id', async () => {
      expect(ids(await pull('Subnet', { network_id: [vxlanNet.id] }))).toEqual(
        [subnetA.id, subnet6.id].sort(),
      );
      expect(ids(await pull('Subnet', { network_id: vxlanNet.id, id: [subnetB.id] }))).toEqual([]);
      expect(ids(await pull('Subnet'))).toEqual([subnetA.id, subnetB.id, subnet6.id].sort());
      expect(await pull('Subnet', { network_id: [] })).toEqual([]);
    });
  });

  describe('SecurityGroup and SecurityGroupRule', () => {
    withSamples('answer the agent’s pulls in the shape Neutron does', async () => {
      const [group] = await pull('SecurityGroup', { id: [defaultGroup.id] });
      const [groupSample] = sampleObjects('bulk_pull-SecurityGroup.json');
      expectShape(group, groupSample, 'SecurityGroup', { skip: ['rules'] });
      const pulled = await pull('SecurityGroupRule', { security_group_id: [defaultGroup.id] });
      expect(dataOf(group).rules).toEqual(pulled);
      const [ingressSample, egressSample] = sampleObjects('bulk_pull-SecurityGroupRule.json');
      const [sshSample] = sampleObjects('push-SecurityGroupRule-1.2-updated.json');
      for (const rule of pulled) {
        const data = dataOf(rule);
        if (data.id === sshRule.id) {
          expectShape(rule, sshSample, 'SecurityGroupRule(ssh)');
        } else {
          // ml2ts stores '' as the description of the rules it makes with a group, Neutron NULL.
          const sample = data.remote_group_id === undefined ? egressSample : ingressSample;
          expectShape(rule, sample, `SecurityGroupRule(${String(data.direction)})`, {
            absentInSample: ['description'],
          });
        }
      }
      expect(ids(pulled)).toContain(sshRule.id);
    });

    it('carry what the engine holds', async () => {
      const [group, web] = await pull('SecurityGroup', { id: [webGroup.id, defaultGroup.id] });
      const shown = await engine.plugin.getSecurityGroup(defaultGroup.id);
      expect(dataOf(group)).toMatchObject({
        created_at: shown.created_at,
        description: 'Default security group',
        id: defaultGroup.id,
        is_default: true,
        name: 'default',
        project_id: project,
        revision_number: shown.revision_number,
        shared: false,
        stateful: true,
        updated_at: shown.updated_at,
      });
      expect(dataOf(web)).toMatchObject({ id: webGroup.id, is_default: false, name: 'web' });
      const rules = (dataOf(group).rules as VersionedObjectPrimitive[]).map(dataOf);
      expect(rules.map((rule) => rule.id)).toEqual(
        shown.security_group_rules.map((rule) => rule.id),
      );
      const ssh = rules.find((rule) => rule.id === sshRule.id);
      expect(ssh).toEqual({
        created_at: sshRule.created_at,
        description: '',
        direction: 'ingress',
        ethertype: 'IPv4',
        id: sshRule.id,
        normalized_cidr: '0.0.0.0/0',
        port_range_max: 22,
        port_range_min: 22,
        project_id: project,
        protocol: 'tcp',
        remote_ip_prefix: '0.0.0.0/0',
        revision_number: 0,
        security_group_id: defaultGroup.id,
        updated_at: sshRule.updated_at,
      });
      const ingress = rules.find((rule) => rule.direction === 'ingress' && rule.id !== sshRule.id);
      expect(ingress).toMatchObject({ remote_group_id: defaultGroup.id, normalized_cidr: null });
      expect(ingress).not.toHaveProperty('protocol');
      expect(ingress).not.toHaveProperty('remote_ip_prefix');
      expect(await pull('SecurityGroupRule', { id: sshRule.id })).toEqual([
        (dataOf(group).rules as VersionedObjectPrimitive[]).find(
          (rule) => dataOf(rule).id === sshRule.id,
        ),
      ]);
    });

    it('filter as the agent asks', async () => {
      expect(ids(await pull('SecurityGroup'))).toEqual([defaultGroup.id, webGroup.id]);
      expect(await pull('SecurityGroup', { id: ['missing'] })).toEqual([]);
      const defaultRules = defaultGroup.security_group_rules.map((rule) => rule.id);
      const webRules = webGroup.security_group_rules.map((rule) => rule.id);
      expect(ids(await pull('SecurityGroupRule', { security_group_id: webGroup.id }))).toEqual(
        webRules,
      );
      expect(ids(await pull('SecurityGroupRule', { security_group_ids: [webGroup.id] }))).toEqual(
        webRules,
      );
      expect(ids(await pull('SecurityGroupRule'))).toHaveLength(
        defaultRules.length + webRules.length + 1,
      );
      expect(
        ids(await pull('SecurityGroupRule', { remote_group_id: [defaultGroup.id] })),
      ).toHaveLength(2);
      expect(await pull('SecurityGroupRule', { remote_address_group_id: ['any'] })).toEqual([]);
      expect(
        await pull('SecurityGroupRule', { id: [sshRule.id], security_group_id: [webGroup.id] }),
      ).toEqual([]);
    });
  });

  describe('requests it refuses', () => {
    it('refuses an unknown resource type, naming the types served', async () => {
      const refusal = pull('Trunk', { id: ['x'] });
      await expect(refusal).rejects.toBeInstanceOf(InvalidInput);
      await expect(refusal).rejects.toMatchObject({
        httpStatus: 400,
        message: expect.stringContaining('Port, Network, Subnet, SecurityGroup, SecurityGroupRule'),
      });
      await expect(reader.bulkPull({} as never)).rejects.toMatchObject({ httpStatus: 400 });
      await expect(reader.read('Agent' as never, ['x'])).rejects.toMatchObject({
        type: 'InvalidInput',
        httpStatus: 400,
      });
    });

    it('refuses an unknown filter, naming it', async () => {
      await expect(pull('Port', { device_owner: ['compute:nova'] })).rejects.toMatchObject({
        type: 'InvalidInput',
        httpStatus: 400,
        attribute: 'filter_kwargs.device_owner',
        message: expect.stringContaining("'device_owner'"),
      });
      await expect(pull('Network', { security_group_id: ['x'] })).rejects.toMatchObject({
        type: 'InvalidInput',
        message: expect.stringContaining("'security_group_id'"),
      });
      await expect(pull('Port', { id: [1] })).rejects.toMatchObject({
        type: 'InvalidInput',
        attribute: 'filter_kwargs.id',
      });
      await expect(
        reader.bulkPull({ resource_type: 'Port', filter_kwargs: ['id'] as never }),
      ).rejects.toMatchObject({ type: 'InvalidInput', attribute: 'filter_kwargs' });
    });

    it('answers at its own version whatever version is asked', async () => {
      const [old] = await reader.bulkPull({ resource_type: 'Port', version: '1.1' });
      expect(old['versioned_object.version']).toBe('1.7');
      const [network] = await reader.bulkPull({ resource_type: 'Network' });
      expect(network['versioned_object.version']).toBe('1.1');
    });
  });

  describe('read', () => {
    it('reads the objects of ids in the order asked, leaving out missing ones', async () => {
      expect(ids(await reader.read('Port', [portB.id, 'missing', portA.id, portB.id]))).toEqual([
        portB.id,
        portA.id,
      ]);
      expect(ids(await reader.read('Subnet', [subnet6.id, subnetA.id]))).toEqual([
        subnet6.id,
        subnetA.id,
      ]);
      expect(await reader.read('Network', [])).toEqual([]);
      expect(await reader.read('SecurityGroupRule', ['missing'])).toEqual([]);
      expect(await reader.read('SecurityGroup', [webGroup.id])).toEqual(
        await pull('SecurityGroup', { id: webGroup.id }),
      );
    });
  });

  describe('repository reads of many ids', () => {
    /** More ids than one lookup binds (the repositories then read the whole table). */
    const many = (...real: string[]) => [
      ...Array.from({ length: 600 }, (_, index) => `missing-${index}`),
      ...real,
    ];

    it('find the same rows above the lookup limit as below it', async () => {
      expect(ids(await reader.read('Port', many(portB.id, portA.id)))).toEqual([
        portB.id,
        portA.id,
      ]);
      expect(ids(await reader.read('Network', many(vlanNet.id)))).toEqual([vlanNet.id]);
      expect(ids(await reader.read('Subnet', many(subnetB.id)))).toEqual([subnetB.id]);
      expect(ids(await reader.read('SecurityGroup', many(webGroup.id)))).toEqual([webGroup.id]);
      expect(ids(await reader.read('SecurityGroupRule', many(sshRule.id)))).toEqual([sshRule.id]);
      await repositoriesOver(engine.store).read(async (unit) => {
        const bindings = await unit.ports.bindingsOfPorts(many(migratingPort.id));
        expect(bindings.map((row) => row.host).sort()).toEqual(['compute-1', 'compute-2']);
        const levels = await unit.ports.levelsOfPorts(many(migratingPort.id, portA.id));
        expect(levels.map((row) => [row.portId, row.host])).toEqual(
          [
            [portA.id, 'compute-1'],
            [migratingPort.id, 'compute-1'],
            [migratingPort.id, 'compute-2'],
          ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
        );
        const ports = await unit.ports.findPorts({ networkIds: many(vlanNet.id) });
        expect(ports.map((port) => port.id)).toEqual([portB.id]);
        const segments = await unit.networks.segmentsOfNetworks(many(vlanNet.id, vxlanNet.id));
        expect(segments.map((segment) => segment.networkId)).toEqual(
          [vlanNet.id, vxlanNet.id].sort(),
        );
        const subnets = await unit.subnets.onNetworks(many(vxlanNet.id));
        expect(subnets.map((subnet) => subnet.id)).toEqual([subnetA.id, subnet6.id].sort());
        expect(await unit.securityGroups.defaultGroupsAmong(many(webGroup.id))).toEqual(new Set());
        expect(
          await unit.securityGroups.defaultGroupsAmong(many(defaultGroup.id, webGroup.id)),
        ).toEqual(new Set([defaultGroup.id]));
        expect(await unit.securityGroups.portIdsInGroups(many(webGroup.id))).toEqual(
          [portB.id, unboundPort.id].sort(),
        );
        expect(await unit.ports.findPorts({ ids: [], networkIds: [vlanNet.id] })).toEqual([]);
        expect(await unit.networks.findMany([])).toEqual([]);
      });
    });
  });

  describe('networkDetails', () => {
    withSamples('answers get_network_details with the keys Neutron does', async () => {
      const details = await reader.networkDetails({
        network: vlanNet.id,
        agent_id: 'ovs-agent-compute-1',
        host: 'compute-1',
      });
      const sample = sampleMessage('get_network_details.json').result;
      expectShape(details, sample, 'get_network_details', {
        nullable: ['provider:physical_network'],
      });
      expect(keysOf(details)).toEqual(keysOf(sample));
    });

    it('is the API’s network with a stable standard_attr_id', async () => {
      const details = await reader.networkDetails({ network: vxlanNet.id });
      const shown = await engine.plugin.getNetwork(vxlanNet.id);
      expect(details).toEqual({
        ...shown,
        availability_zones: [],
        ipv4_address_scope: null,
        ipv6_address_scope: null,
        l2_adjacency: true,
        tenant_id: project,
        standard_attr_id: expect.any(Number),
        vlan_transparent: null,
      });
      expect(details.subnets).toEqual([subnetA.id, subnet6.id].sort());
      const again = await reader.networkDetails({ network: vxlanNet.id });
      const other = await reader.networkDetails({ network: vlanNet.id });
      expect(Number.isSafeInteger(details.standard_attr_id)).toBe(true);
      expect(details.standard_attr_id).toBeGreaterThan(0);
      expect(again.standard_attr_id).toBe(details.standard_attr_id);
      expect(other.standard_attr_id).not.toBe(details.standard_attr_id);
      expect(other).toMatchObject({
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1',
        'provider:segmentation_id': 101,
      });
    });

    it('is a 404 NetworkNotFound for an unknown network and a 400 without one', async () => {
      const missing = reader.networkDetails({ network: 'd7754d13-0000-4000-8000-000000000000' });
      await expect(missing).rejects.toBeInstanceOf(NetworkNotFound);
      await expect(missing).rejects.toMatchObject({ type: 'NetworkNotFound', httpStatus: 404 });
      await expect(reader.networkDetails({} as never)).rejects.toMatchObject({
        type: 'InvalidInput',
        httpStatus: 400,
      });
    });
  });
});
