import {
  InternalServerError,
  InvalidAttribute,
  type Logger,
  Ml2Error,
  PortNotFound,
} from '@ml2ts/driver-api';
import { PluginAgentServer } from '../agent-server/plugin-agent-server';
import { stringRule } from '../validation';
import { AgentRegistry } from './agent-registry';
import { AgentRpc } from './agent-rpc';
import { Ml2Plugin } from './ml2-plugin';
import { OPERATION_LOGGER, operationNameOf, parameter, publicOperation } from './public-operation';

function recordingLogger(): Logger & { errors: Array<[string, Record<string, unknown>]> } {
  const errors: Array<[string, Record<string, unknown>]> = [];
  return {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message, fields = {}) => errors.push([message, fields]),
  };
}

class Subject {
  readonly [OPERATION_LOGGER]: Logger;
  bodyRuns = 0;
  constructor(
    logger: Logger,
    private readonly behaviour: (name: string) => Promise<string>,
  ) {
    this[OPERATION_LOGGER] = logger;
  }

  @publicOperation('greet', parameter('name', stringRule(5)))
  async greet(name: string): Promise<string> {
    this.bodyRuns += 1;
    return this.behaviour(name);
  }
}

describe('@publicOperation', () => {
  it('checks the arguments before the body runs', async () => {
    const subject = new Subject(recordingLogger(), async (name) => `hello ${name}`);
    await expect(subject.greet('abcdef')).rejects.toMatchObject({
      type: 'InvalidInput',
      httpStatus: 400,
      attribute: 'name',
    });
    await expect(subject.greet(42 as unknown as string)).rejects.toBeInstanceOf(InvalidAttribute);
    expect(subject.bodyRuns).toBe(0);
    await expect(subject.greet('bob')).resolves.toBe('hello bob');
  });

  it('lets typed errors through unchanged, without logging them', async () => {
    const logger = recordingLogger();
    const typed = new PortNotFound('p1');
    const subject = new Subject(logger, () => Promise.reject(typed));
    await expect(subject.greet('bob')).rejects.toBe(typed);
    expect(logger.errors).toEqual([]);
  });

  it.each([
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'map')")],
    ['a RangeError', new RangeError('Invalid array length')],
    ['a thrown string', 'boom'],
  ])('turns %s into a logged 500 naming the operation', async (_label, thrown) => {
    const logger = recordingLogger();
    const subject = new Subject(logger, () => Promise.reject(thrown));
    const error = await subject.greet('bob').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(Ml2Error);
    expect(error).toMatchObject({
      type: 'HTTPInternalServerError',
      httpStatus: 500,
      operation: 'greet',
    });
    expect((error as Error).message).toContain('greet');
    expect((error as Error).cause).toBe(thrown);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0][0]).toContain('greet');
    expect(logger.errors[0][1]).toMatchObject({ operation: 'greet' });
    expect(String(logger.errors[0][1].error)).toContain(
      thrown instanceof Error ? thrown.message : thrown,
    );
  });

  it('turns a synchronous throw of the body into a 500 as well', async () => {
    const subject = new Subject(recordingLogger(), () => {
      throw new TypeError('sync');
    });
    await expect(subject.greet('bob')).rejects.toBeInstanceOf(InternalServerError);
  });

  it('guards every public operation of the plugin, the agent RPC, the agents table and the agent server', () => {
    const helpers: Record<string, readonly string[]> = {
      Ml2Plugin: ['networkContext', 'subnetContext', 'networkResource', 'changed'],
      AgentRpc: ['detailsOf', 'readDevice', 'writeStatus'],
      AgentRegistry: ['writeAgentRow'],
      PluginAgentServer: [],
    };
    const classes = { Ml2Plugin, AgentRpc, AgentRegistry, PluginAgentServer };
    for (const [name, type] of Object.entries(classes)) {
      const prototype = type.prototype as unknown as Record<string, unknown>;
      const methods = Object.getOwnPropertyNames(prototype).filter((key) => {
        const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
        return key !== 'constructor' && typeof descriptor?.value === 'function';
      });
      const unguarded = methods.filter(
        (method) => !helpers[name].includes(method) && !operationNameOf(prototype[method]),
      );
      expect({ [name]: unguarded }).toEqual({ [name]: [] });
    }
  });
});
