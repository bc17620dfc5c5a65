import { InternalServerError, type Logger } from '@ml2ts/driver-api';
import { createEngine, type Engine } from '../engine/create-engine';
import { dumpDatabase, sequentialIds } from '../test-support/test-engine';

/**
 * A deliberate test double: an id generator that throws a `TypeError` on demand, the way a
 * library bug would, from inside the operation's transaction.
 */
function sabotagedIds() {
  const ids = sequentialIds();
  const control = { failAt: -1, calls: 0 };
  return {
    control,
    ids: {
      uuid: () => {
        control.calls += 1;
        if (control.calls === control.failAt) {
          throw new TypeError("Cannot read properties of undefined (reading 'uuid')");
        }
        return ids.uuid();
      },
      macAddress: ids.macAddress,
    },
  };
}

describe('an unexpected error inside an operation', () => {
  let engine: Engine | undefined;
  afterEach(async () => engine?.close());

  it('is a 500 naming the operation, logged with its cause, and its transaction rolled back', async () => {
    const errors: Array<[string, Record<string, unknown> | undefined]> = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (message, fields) => errors.push([message, fields]),
    };
    const { ids, control } = sabotagedIds();
    engine = await createEngine({
      database: ':memory:',
      ids,
      logger,
      overrides: {
        ml2: { mechanism_drivers: [], tenant_network_types: ['vxlan'] },
        ml2_type_vxlan: { vni_ranges: ['1001:1003'] },
      },
    });
    const before = await dumpDatabase(engine);
    // createNetwork takes the network's id, inserts the network row, then takes the segment's
    // id inside the same transaction: the second id fails after the first row was written.
    control.failAt = control.calls + 2;
    const error = await engine.plugin.createNetwork({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      type: 'HTTPInternalServerError',
      httpStatus: 500,
      operation: 'create_network',
    });
    expect((error as Error).message).toContain('create_network');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(await dumpDatabase(engine)).toEqual(before);
    const logged = errors.find(([message]) => message.includes('create_network'));
    expect(logged?.[1]).toMatchObject({
      operation: 'create_network',
      errorType: 'TypeError',
      error: expect.stringContaining("reading 'uuid'"),
    });
    // The engine goes on working.
    control.failAt = -1;
    await expect(engine.plugin.createNetwork({})).resolves.toMatchObject({ mtu: 1450 });
  });
});
