import { isUniqueViolation, openStore, type Store } from '@ml2ts/store';
import { describeEachDatabase, type TestDatabase } from '@ml2ts/store/test-support';
import { EntityTunnelEndpointRepository } from './entity-tunnel-endpoint-repository';
import {
  TUNNEL_ENDPOINT_TYPES,
  type TunnelEndpointRepository,
  type TunnelEndpointType,
} from './tunnel-endpoint-repository';
import { unitOfWorkFor } from './unit-of-work';

describeEachDatabase('TunnelEndpointRepository on $label', (kind) => {
  let database: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    database = await kind.create();
    store = await openStore({ url: database.url });
  });
  afterEach(async () => {
    await store.close();
    await database.remove();
  });

  const write = <T>(work: (endpoints: TunnelEndpointRepository) => Promise<T>) =>
    store.transaction((manager) => work(unitOfWorkFor(manager).tunnelEndpoints));
  const read = <T>(work: (endpoints: TunnelEndpointRepository) => Promise<T>) =>
    store.read((manager) => work(new EntityTunnelEndpointRepository(manager)));

  /** The driver's error of `work`, which must fail. */
  async function failure(work: (endpoints: TunnelEndpointRepository) => Promise<unknown>) {
    try {
      await write(work);
    } catch (error) {
      return error;
    }
    throw new Error('expected the write to fail');
  }

  it('records vxlan endpoints with their UDP port, ordered by address the same everywhere', async () => {
    await write(async (endpoints) => {
      await endpoints.insert('vxlan', { ipAddress: '10.0.0.9', host: 'b', udpPort: 4789 });
      await endpoints.insert('vxlan', { ipAddress: '10.0.0.10', host: 'a', udpPort: 8472 });
      await endpoints.insert('vxlan', { ipAddress: '2001:db8::1', host: null, udpPort: 4789 });
    });

    expect(await read((endpoints) => endpoints.list('vxlan'))).toEqual([
      { ipAddress: '10.0.0.10', host: 'a', udpPort: 8472 },
      { ipAddress: '10.0.0.9', host: 'b', udpPort: 4789 },
      { ipAddress: '2001:db8::1', host: null, udpPort: 4789 },
    ]);
    expect(await read((endpoints) => endpoints.findByHost('vxlan', 'a'))).toEqual({
      ipAddress: '10.0.0.10',
      host: 'a',
      udpPort: 8472,
    });
    expect(await read((endpoints) => endpoints.findByAddress('vxlan', '10.0.0.9'))).toEqual({
      ipAddress: '10.0.0.9',
      host: 'b',
      udpPort: 4789,
    });
    expect(await read((endpoints) => endpoints.findByHost('vxlan', 'c'))).toBeNull();
    expect(await read((endpoints) => endpoints.findByAddress('vxlan', '10.0.0.1'))).toBeNull();
  });

  it.each(['gre', 'geneve'] as const)(
    'records %s endpoints without a UDP port, apart from the other types',
    async (type) => {
      await write(async (endpoints) => {
        await endpoints.insert(type, { ipAddress: '10.0.0.1', host: 'a', udpPort: 4789 });
        await endpoints.insert('vxlan', { ipAddress: '10.0.0.1', host: 'a', udpPort: 4789 });
      });

      expect(await read((endpoints) => endpoints.list(type))).toEqual([
        { ipAddress: '10.0.0.1', host: 'a', udpPort: null },
      ]);
      for (const other of TUNNEL_ENDPOINT_TYPES.filter((known) => known !== type)) {
        expect(await read((endpoints) => endpoints.list(other))).toHaveLength(
          other === 'vxlan' ? 1 : 0,
        );
      }
    },
  );

  it.each(TUNNEL_ENDPOINT_TYPES.map((type) => [type]))(
    'keeps one %s endpoint per address and per host; hostless ones are many',
    async (type: TunnelEndpointType) => {
      await write((endpoints) =>
        endpoints.insert(type, { ipAddress: '10.0.0.1', host: 'a', udpPort: 4789 }),
      );

      const sameAddress = await failure((endpoints) =>
        endpoints.insert(type, { ipAddress: '10.0.0.1', host: 'b', udpPort: 4789 }),
      );
      const sameHost = await failure((endpoints) =>
        endpoints.insert(type, { ipAddress: '10.0.0.2', host: 'a', udpPort: 4789 }),
      );
      expect(isUniqueViolation(sameAddress)).toBe(true);
      expect(isUniqueViolation(sameHost)).toBe(true);

      await write(async (endpoints) => {
        await endpoints.insert(type, { ipAddress: '10.0.0.3', host: null, udpPort: 4789 });
        await endpoints.insert(type, { ipAddress: '10.0.0.4', host: null, udpPort: 4789 });
      });
      expect(
        (await read((endpoints) => endpoints.list(type))).map((endpoint) => endpoint.host),
      ).toEqual(['a', null, null]);
    },
  );

  it('updates a vxlan UDP port and deletes endpoints, answering whether a row was there', async () => {
    await write(async (endpoints) => {
      await endpoints.insert('vxlan', { ipAddress: '10.0.0.1', host: 'a', udpPort: 4789 });
      await endpoints.insert('gre', { ipAddress: '10.0.0.1', host: 'a', udpPort: null });
    });

    expect(await write((endpoints) => endpoints.updateUdpPort('10.0.0.1', 4790))).toBe(true);
    expect(await write((endpoints) => endpoints.updateUdpPort('10.0.0.2', 4790))).toBe(false);
    expect(await write((endpoints) => endpoints.delete('gre', '10.0.0.1'))).toBe(true);
    expect(await write((endpoints) => endpoints.delete('gre', '10.0.0.1'))).toBe(false);
    expect(await read((endpoints) => endpoints.list('vxlan'))).toEqual([
      { ipAddress: '10.0.0.1', host: 'a', udpPort: 4790 },
    ]);
    expect(await read((endpoints) => endpoints.list('gre'))).toEqual([]);
  });

  it('refuses a vxlan endpoint without a UDP port before writing anything', async () => {
    await expect(
      write((endpoints) =>
        endpoints.insert('vxlan', { ipAddress: '10.0.0.1', host: 'a', udpPort: null }),
      ),
    ).rejects.toThrow(/needs a UDP port/);
    expect(await read((endpoints) => endpoints.list('vxlan'))).toEqual([]);
  });
});
