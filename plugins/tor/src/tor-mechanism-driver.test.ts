import {
  type BindingLevelView,
  NoNetworkAvailable,
  type Segment,
  silentLogger,
} from '@ml2ts/driver-api';
import {
  type ConfigurationOverrides,
  createFakePortContext,
  type FakePortContextOptions,
  makeConfiguration,
  makeSegment,
} from '@ml2ts/testkit';
import { TorMechanismDriver } from './tor-mechanism-driver';

function driver(tor: Record<string, unknown> = {}, overrides: ConfigurationOverrides = {}) {
  const torDriver = new TorMechanismDriver(
    makeConfiguration({ ...overrides, pluginSections: { tor } }),
    silentLogger,
  );
  torDriver.initialize();
  return torDriver;
}

const vxlan = makeSegment({ networkType: 'vxlan', segmentationId: 1001 });
const geneve = makeSegment({ networkType: 'geneve', segmentationId: 2001 });
const staticVlan = makeSegment({
  networkType: 'vlan',
  physicalNetwork: 'physnet2',
  segmentationId: 400,
});
const dynamicVlan = makeSegment({
  id: 'dynamic-vlan',
  networkType: 'vlan',
  physicalNetwork: 'physnet1',
  segmentationId: 300,
  isDynamic: true,
});

describe('tor bindPort', () => {
  it('continues from the vxlan segment to a new dynamic vlan on physnet1', async () => {
    const context = createFakePortContext({ segments: [vxlan], dynamicSegmentationIds: [300] });
    await driver().bindPort(context);
    expect(context.allocatedSegments).toEqual([
      expect.objectContaining({
        networkType: 'vlan',
        physicalNetwork: 'physnet1',
        segmentationId: 300,
        isDynamic: true,
      }),
    ]);
    expect(context.outcome).toEqual({
      kind: 'continued',
      segmentId: vxlan.id,
      nextSegments: context.allocatedSegments,
    });
    expect(context.setBindingCalls).toEqual([]);
    expect(context.declines).toEqual([]);
  });

  it('reuses the network dynamic segment on its physical network', async () => {
    const context = createFakePortContext({ segments: [vxlan], dynamicSegments: [dynamicVlan] });
    await driver().bindPort(context);
    expect(context.allocatedSegments).toEqual([]);
    expect(context.outcome).toEqual({
      kind: 'continued',
      segmentId: vxlan.id,
      nextSegments: [dynamicVlan],
    });
  });

  it('uses the configured physical network and takes the first segment of a configured type', async () => {
    const context = createFakePortContext({ segments: [staticVlan, geneve, vxlan] });
    await driver({ network_types: ['vxlan', 'geneve'], physical_network: 'physnet3' }).bindPort(
      context,
    );
    expect(context.allocatedSegments[0].physicalNetwork).toBe('physnet3');
    expect(context.outcome).toMatchObject({ kind: 'continued', segmentId: geneve.id });
  });

  it('binds on a listed host and for a listed vnic type', async () => {
    const context = createFakePortContext({
      host: 'rack1-host3',
      vnicType: 'direct',
      segments: [vxlan],
    });
    await driver({ hosts: ['rack1-host3'], vnic_types: ['normal', 'direct'] }).bindPort(context);
    expect(context.outcome.kind).toBe('continued');
  });

  it('declines at level 1, where it is offered its own vlan segment', async () => {
    const context = createFakePortContext({ segments: [vxlan] });
    const tor = driver();
    await tor.bindPort(context);
    expect(context.outcome.kind).toBe('continued');
    const [vlanSegment] = context.allocatedSegments;
    context.descend({ level: 0, driver: 'tor', segment: vxlan }, [vlanSegment]);
    await tor.bindPort(context);
    expect(context.outcome).toEqual({ kind: 'none' });
    expect(context.declines).toEqual([
      { code: 'no_segment_bindable', facts: { networkTypes: ['vlan'], supported: ['vxlan'] } },
    ]);
    expect(context.allocatedSegments).toHaveLength(1);
  });

  const refusals: Array<[string, Record<string, unknown>, FakePortContextOptions, unknown]> = [
    [
      'a vnic type it does not serve',
      {},
      { vnicType: 'direct' },
      { code: 'vnic_type_not_supported', facts: { vnicType: 'direct', supported: ['normal'] } },
    ],
    [
      'a host that is not behind the switch',
      { hosts: ['rack1-host1'] },
      { host: 'rack2-host1' },
      { code: 'host_not_served', facts: { host: 'rack2-host1', hosts: ['rack1-host1'] } },
    ],
    [
      'a network without a segment of its types',
      {},
      { segments: [staticVlan, geneve] },
      {
        code: 'no_segment_bindable',
        facts: { networkTypes: ['vlan', 'geneve'], supported: ['vxlan'] },
      },
    ],
    [
      'when no dynamic vlan can be allocated',
      {},
      { dynamicSegmentationIds: [] },
      {
        code: 'dynamic_segment_unavailable',
        segmentId: 'segment-vxlan-1001',
        facts: {
          physicalNetwork: 'physnet1',
          error: new NoNetworkAvailable().message,
        },
      },
    ],
    [
      'when allocation fails otherwise',
      {},
      { allocationFailure: new Error('duplicate segment') },
      {
        code: 'dynamic_segment_unavailable',
        segmentId: 'segment-vxlan-1001',
        facts: { physicalNetwork: 'physnet1', error: 'duplicate segment' },
      },
    ],
  ];

  it.each(refusals)('declines %s', async (_label, tor, options, decline) => {
    const context = createFakePortContext({ segments: [vxlan], ...options });
    await driver(tor).bindPort(context);
    expect(context.declines).toEqual([decline]);
    expect(context.outcome).toEqual({ kind: 'none' });
    expect(context.continueBindingCalls).toEqual([]);
  });
});

describe('tor dynamic segment release', () => {
  const boundLevels: BindingLevelView[] = [
    { level: 0, driver: 'tor', segment: vxlan },
    { level: 1, driver: 'openvswitch', segment: dynamicVlan },
  ];

  function releaseContext(options: FakePortContextOptions = {}) {
    return createFakePortContext({
      segments: [vxlan],
      dynamicSegments: [dynamicVlan],
      originalBindingLevels: boundLevels,
      ...options,
    });
  }

  it('releases the dynamic segment after an unbind when no port uses it', async () => {
    const context = releaseContext();
    await driver().updatePortPostcommit(context);
    expect(context.releasedSegmentIds).toEqual([dynamicVlan.id]);
    expect(context.dynamicSegments).toEqual([]);
  });

  it('releases it after a delete even though the deleted levels still name it', async () => {
    const context = releaseContext({ bindingLevels: boundLevels });
    await driver().deletePortPostcommit(context);
    expect(context.releasedSegmentIds).toEqual([dynamicVlan.id]);
  });

  const kept: Array<[string, Record<string, unknown>, FakePortContextOptions]> = [
    ['another port still uses it', {}, { segmentsInUse: [dynamicVlan.id] }],
    ['the port still uses it after the update', {}, { bindingLevels: boundLevels }],
    ['release is disabled', { release_dynamic_segments: false }, {}],
    [
      'another driver bound level 0',
      {},
      {
        originalBindingLevels: [
          { level: 0, driver: 'other', segment: vxlan },
          { level: 1, driver: 'openvswitch', segment: dynamicVlan },
        ],
      },
    ],
    [
      'the level-1 segment is static',
      {},
      {
        originalBindingLevels: [
          { level: 0, driver: 'tor', segment: vxlan },
          { level: 1, driver: 'openvswitch', segment: staticVlan },
        ],
      },
    ],
    [
      'the level-1 segment was deleted',
      {},
      {
        originalBindingLevels: [
          { level: 0, driver: 'tor', segment: vxlan },
          { level: 1, driver: 'openvswitch', segment: null },
        ],
      },
    ],
    ['the port had no binding', {}, { originalBindingLevels: [] }],
  ];

  it.each(kept)('keeps it when %s', async (_label, tor, options) => {
    const context = releaseContext(options);
    await driver(tor).updatePortPostcommit(context);
    expect(context.releasedSegmentIds).toEqual([]);
  });

  it('keeps it on delete while another port uses it', async () => {
    const context = releaseContext({ segmentsInUse: [dynamicVlan.id] });
    await driver().deletePortPostcommit(context);
    expect(context.releasedSegmentIds).toEqual([]);
  });

  it('releases only the segment of its own level 1', async () => {
    const other: Segment = { ...dynamicVlan, id: 'other-dynamic' };
    const context = releaseContext({ dynamicSegments: [dynamicVlan, other] });
    await driver().updatePortPostcommit(context);
    expect(context.dynamicSegments).toEqual([other]);
  });
});

describe('tor driver settings', () => {
  it('is an l2 driver named tor that owns the tor section', () => {
    const tor = driver();
    expect(tor.name).toBe('tor');
    expect(tor.connectivity).toBe('l2');
    expect(tor.configSections).toEqual(['tor']);
  });

  it('refuses an invalid tor section at initialize', () => {
    const tor = new TorMechanismDriver(
      makeConfiguration({ pluginSections: { tor: { hosts: 'host1' } } }),
      silentLogger,
    );
    expect(() => tor.initialize()).toThrow(/tor\.hosts/);
  });
});
