import { InvalidInput, TunnelIpInUse } from '@ml2ts/driver-api';
import { type AgentNotification, type TunnelSyncRequest } from '@ml2ts/agent-rpc';
import { watchAgentNotifications } from '../agent-server/watch-agent-notifications';
import { type ConfigurationOverrides } from '../config';
import { onServerDatabase } from '../test-support/test-database';
import {
  dumpDatabase,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { type EngineEvents } from './notifier';

/** A method as a caller that ignores the request types sees it. */
type Untyped = (...args: unknown[]) => Promise<unknown>;

describe('AgentRpc.tunnelSync', () => {
  let engine: TestEngine;
  let events: EngineEvents['tunnelUpdate'][];
  let notifications: AgentNotification[];

  async function start(overrides: ConfigurationOverrides = {}): Promise<void> {
    engine = await startTestEngine([new TestAgentDriver()], overrides);
    events = [];
    notifications = [];
    engine.plugin.notifier.on('tunnelUpdate', (event) => events.push(event));
    watchAgentNotifications(engine.plugin.notifier, (notification) => {
      if (notification.type === 'tunnelUpdate') notifications.push(notification);
    });
  }
  afterEach(async () => engine?.close());

  const sync = (request: TunnelSyncRequest) => engine.plugin.rpc.tunnelSync(request);
  const vxlan = (host: string | undefined, tunnelIp: string): TunnelSyncRequest => ({
    tunnel_ip: tunnelIp,
    tunnel_type: 'vxlan',
    ...(host !== undefined ? { host } : {}),
  });

  describe('with every type driver loaded', () => {
    beforeEach(() => start());

    it('answers only the caller at the first sync, and tells the others once', async () => {
      expect(await sync(vxlan('compute-1', '192.0.2.1'))).toEqual({
        tunnels: [{ host: 'compute-1', ip_address: '192.0.2.1', udp_port: 4789 }],
      });
      expect(events).toEqual([{ tunnelIp: '192.0.2.1', tunnelType: 'vxlan', host: 'compute-1' }]);
      expect(notifications).toEqual([
        { type: 'tunnelUpdate', tunnel_ip: '192.0.2.1', tunnel_type: 'vxlan', host: 'compute-1' },
      ]);
    });

    it('answers a second host both endpoints; a repeated sync changes and emits nothing', async () => {
      await sync(vxlan('compute-1', '192.0.2.1'));
      const second = await sync(vxlan('compute-2', '192.0.2.2'));
      const before = await dumpDatabase(engine);
      const repeated = await sync(vxlan('compute-1', '192.0.2.1'));

      const both = [
        { host: 'compute-1', ip_address: '192.0.2.1', udp_port: 4789 },
        { host: 'compute-2', ip_address: '192.0.2.2', udp_port: 4789 },
      ];
      expect(second.tunnels).toEqual(both);
      expect(repeated.tunnels).toEqual(both);
      expect(await dumpDatabase(engine)).toEqual(before);
      expect(events.map((event) => event.tunnelIp)).toEqual(['192.0.2.1', '192.0.2.2']);
    });

    it('replaces the old endpoint of a host whose address changed, and tells the others', async () => {
      await sync(vxlan('compute-1', '192.0.2.1'));
      await sync(vxlan('compute-2', '192.0.2.2'));

      const moved = await sync(vxlan('compute-1', '192.0.2.11'));

      expect(moved.tunnels).toEqual([
        { host: 'compute-1', ip_address: '192.0.2.11', udp_port: 4789 },
        { host: 'compute-2', ip_address: '192.0.2.2', udp_port: 4789 },
      ]);
      expect(events.at(-1)).toEqual({
        tunnelIp: '192.0.2.11',
        tunnelType: 'vxlan',
        host: 'compute-1',
      });
      expect(events).toHaveLength(3);
      // The old address is free again for another host.
      expect((await sync(vxlan('compute-3', '192.0.2.1'))).tunnels).toHaveLength(3);
    });

    it("refuses another host's address with a 409 naming both hosts, writing nothing", async () => {
      await sync(vxlan('compute-1', '192.0.2.1'));
      await sync(vxlan('compute-2', '192.0.2.2'));
      const before = await dumpDatabase(engine);

      const error = await sync(vxlan('compute-2', '192.0.2.1')).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(TunnelIpInUse);
      expect(error).toMatchObject({ type: 'TunnelIpInUse', httpStatus: 409 });
      expect((error as Error).message).toMatch(/192\.0\.2\.1.*compute-1.*compute-2.*local_ip/s);
      expect(await dumpDatabase(engine)).toEqual(before);
      expect(events).toHaveLength(2);
    });

    it('answers udp_port for vxlan only, and keeps each type apart', async () => {
      await sync({
        tunnel_ip: '192.0.2.1',
        tunnel_type: 'vxlan',
        host: 'compute-1',
        udp_port: 8472,
      });
      const gre = await sync({
        tunnel_ip: '192.0.2.1',
        tunnel_type: 'gre',
        host: 'compute-1',
        udp_port: 8472,
      });
      const geneve = await sync({
        tunnel_ip: '192.0.2.1',
        tunnel_type: 'geneve',
        host: 'compute-1',
      });

      expect(gre).toEqual({ tunnels: [{ host: 'compute-1', ip_address: '192.0.2.1' }] });
      expect(geneve).toEqual({ tunnels: [{ host: 'compute-1', ip_address: '192.0.2.1' }] });
      expect((await sync(vxlan('compute-2', '192.0.2.2'))).tunnels).toEqual([
        { host: 'compute-1', ip_address: '192.0.2.1', udp_port: 8472 },
        { host: 'compute-2', ip_address: '192.0.2.2', udp_port: 4789 },
      ]);
      expect(events.map((event) => event.tunnelType)).toEqual(['vxlan', 'gre', 'geneve', 'vxlan']);
    });

    it("records a repeated sync's new UDP port without telling the others", async () => {
      await sync(vxlan('compute-1', '192.0.2.1'));
      const changed = await sync({ ...vxlan('compute-1', '192.0.2.1'), udp_port: 4790 });

      expect(changed.tunnels).toEqual([
        { host: 'compute-1', ip_address: '192.0.2.1', udp_port: 4790 },
      ]);
      expect(events).toHaveLength(1);
    });

    it('records an agent that names no host, and lets its host take the endpoint over', async () => {
      const legacy = await sync(vxlan(undefined, '192.0.2.1'));
      expect(legacy.tunnels).toEqual([{ host: '', ip_address: '192.0.2.1', udp_port: 4789 }]);
      expect(notifications).toEqual([
        { type: 'tunnelUpdate', tunnel_ip: '192.0.2.1', tunnel_type: 'vxlan' },
      ]);
      // An empty host is no host: the same endpoint, nothing new.
      expect((await sync(vxlan('', '192.0.2.1'))).tunnels).toEqual(legacy.tunnels);

      const claimed = await sync(vxlan('compute-1', '192.0.2.1'));

      expect(claimed.tunnels).toEqual([
        { host: 'compute-1', ip_address: '192.0.2.1', udp_port: 4789 },
      ]);
      // The others already have a tunnel to that address.
      expect(events).toHaveLength(1);
      // A hostless sync of a host's address changes nothing and is not refused.
      expect((await sync(vxlan(undefined, '192.0.2.1'))).tunnels).toEqual(claimed.tunnels);
    });

    it('stores and answers addresses in canonical form', async () => {
      await engine.close();
      await start({ ml2: { mechanism_drivers: ['testovs'], overlay_ip_version: 6 } });

      const answer = await sync(vxlan('compute-1', '2001:DB8:0::1'));

      expect(answer.tunnels).toEqual([
        { host: 'compute-1', ip_address: '2001:db8::1', udp_port: 4789 },
      ]);
      expect(events).toEqual([{ tunnelIp: '2001:db8::1', tunnelType: 'vxlan', host: 'compute-1' }]);
    });

    /** [label, request, the attribute the 400 names, text the message holds]. */
    const refused: Array<[string, unknown, string, RegExp]> = [
      ['no request', undefined, 'tunnel_sync request', /JSON object/],
      ['no tunnel_ip', { tunnel_type: 'vxlan', host: 'h' }, 'tunnel_ip', /required/],
      ['a tunnel_ip that is a name', vxlan('h', 'compute-1'), 'tunnel_ip', /IP address/],
      ['a tunnel_ip with a prefix', vxlan('h', '192.0.2.1/24'), 'tunnel_ip', /IP address/],
      [
        'a tunnel_ip that is a number',
        { ...vxlan('h', ''), tunnel_ip: 3232235777 },
        'tunnel_ip',
        /IP address/,
      ],
      [
        'an IPv6 tunnel_ip on an IPv4 overlay',
        vxlan('h', '2001:db8::1'),
        'tunnel_ip',
        /IPv4.*overlay_ip_version is 4/,
      ],
      ['no tunnel_type', { tunnel_ip: '192.0.2.1' }, 'tunnel_type', /required/],
      [
        'a tunnel_type that is not loaded',
        { ...vxlan('h', '192.0.2.1'), tunnel_type: 'stt' },
        'tunnel_type',
        /"gre", "vxlan", "geneve"/,
      ],
      [
        'a tunnel_type that is no tunnel',
        { ...vxlan('h', '192.0.2.1'), tunnel_type: 'vlan' },
        'tunnel_type',
        /"gre", "vxlan", "geneve"/,
      ],
      [
        'a tunnel_type in capitals',
        { ...vxlan('h', '192.0.2.1'), tunnel_type: 'VXLAN' },
        'tunnel_type',
        /tunnel type/,
      ],
      ['a host that is a number', { ...vxlan('h', '192.0.2.1'), host: 7 }, 'host', /string/],
      ['a host of 256 characters', vxlan('h'.repeat(256), '192.0.2.1'), 'host', /255/],
      ['udp_port 0', { ...vxlan('h', '192.0.2.1'), udp_port: 0 }, 'udp_port', /1 to 65535/],
      ['udp_port 65536', { ...vxlan('h', '192.0.2.1'), udp_port: 65536 }, 'udp_port', /1 to 65535/],
      ['udp_port 4789.5', { ...vxlan('h', '192.0.2.1'), udp_port: 4789.5 }, 'udp_port', /integer/],
      [
        'udp_port as a string',
        { ...vxlan('h', '192.0.2.1'), udp_port: '4789' },
        'udp_port',
        /integer/,
      ],
      ['an unknown key', { ...vxlan('h', '192.0.2.1'), tunnel_id: 5 }, 'tunnel_id', /tunnel_id/],
    ];

    it.each(refused)(
      'refuses %s with a 400 naming the attribute, writing nothing',
      async (_label, request, attribute, text) => {
        await sync(vxlan('compute-1', '192.0.2.1'));
        const before = await dumpDatabase(engine);

        const error = await (engine.plugin.rpc.tunnelSync as unknown as Untyped)(request).catch(
          (caught: unknown) => caught,
        );

        expect(error).toBeInstanceOf(InvalidInput);
        expect(error).toMatchObject({ type: 'InvalidInput', httpStatus: 400, attribute });
        expect((error as Error).message).toMatch(text);
        expect(await dumpDatabase(engine)).toEqual(before);
        expect(events).toHaveLength(1);
      },
    );
  });

  it('says that no tunnel type is loaded when type_drivers has none', async () => {
    await start({
      ml2: {
        mechanism_drivers: ['testovs'],
        type_drivers: ['local', 'vlan'],
        tenant_network_types: ['local'],
      },
    });

    await expect(sync(vxlan('compute-1', '192.0.2.1'))).rejects.toMatchObject({
      httpStatus: 400,
      attribute: 'tunnel_type',
      message: expect.stringMatching(
        /has none \(ml2\.type_drivers lists no vxlan, gre or geneve\)/,
      ),
    });
    expect(events).toEqual([]);
  });

  it('serves only the tunnel types that are loaded, listing them', async () => {
    await start({
      ml2: {
        mechanism_drivers: ['testovs'],
        type_drivers: ['geneve', 'vlan'],
        tenant_network_types: ['geneve'],
      },
    });

    const error = await sync(vxlan('compute-1', '192.0.2.1')).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ httpStatus: 400, attribute: 'tunnel_type' });
    expect((error as Error).message).toContain('a tunnel type ml2ts has loaded ("geneve")');
    expect(await sync({ tunnel_ip: '192.0.2.1', tunnel_type: 'geneve', host: 'h' })).toEqual({
      tunnels: [{ host: 'h', ip_address: '192.0.2.1' }],
    });
  });

  it('records one of two hosts racing for one new address and refuses the other', async () => {
    await start();

    const outcomes = await Promise.allSettled([
      sync(vxlan('compute-1', '192.0.2.1')),
      sync(vxlan('compute-2', '192.0.2.1')),
    ]);

    const recorded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refusedOnes = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(recorded).toHaveLength(1);
    expect(refusedOnes).toHaveLength(1);
    expect((refusedOnes[0] as PromiseRejectedResult).reason).toBeInstanceOf(TunnelIpInUse);
    expect(events).toHaveLength(1);
    const winner = events[0].host;
    expect((recorded[0] as PromiseFulfilledResult<{ tunnels: unknown[] }>).value.tunnels).toEqual([
      { host: winner, ip_address: '192.0.2.1', udp_port: 4789 },
    ]);
  });

  it('records many hosts announcing themselves at once, each once', async () => {
    await start();
    const hosts = Array.from({ length: onServerDatabase() ? 12 : 4 }, (_, index) => index + 1);

    await Promise.all(hosts.map((index) => sync(vxlan(`compute-${index}`, `192.0.2.${index}`))));

    const answer = await sync(vxlan('compute-1', '192.0.2.1'));
    expect(answer.tunnels.map((tunnel) => tunnel.host).sort()).toEqual(
      hosts.map((index) => `compute-${index}`).sort(),
    );
    expect(events).toHaveLength(hosts.length);
  });
});
