import {
  type AgentRpcService,
  createEngine,
  type Engine,
  type EngineOptions,
  serveAgentRpc,
} from '@ml2ts/core';
import { type ServerTransport } from '@ml2ts/agent-rpc';
import { randomIdGenerator, systemClock } from '@ml2ts/driver-api';
import { type FastifyInstance } from 'fastify';
import pino, { type Logger as PinoLogger } from 'pino';
import { type ApiOptions } from './api-dependencies';
import { buildServer } from './build-server';
import { engineLoggerOver } from './engine-logger';
import { isLoopbackAddress } from './is-loopback-address';
import { NovaNotifier, type NovaNotifierOptions } from './nova';

/** Where the server listens. */
export interface ListenAddress {
  readonly host: string;
  /** 0: any free port (the running server's `url` says which). */
  readonly port: number;
}

/** Neutron's API address: loopback, port 9696. */
export const DEFAULT_LISTEN_ADDRESS: ListenAddress = { host: '127.0.0.1', port: 9696 };

/** How `startServer` starts the engine and the API. */
export interface StartServerOptions {
  /** The engine (configuration, database, drivers); the logger is the server's. */
  readonly engine?: Omit<EngineOptions, 'logger'>;
  readonly listen?: ListenAddress;
  readonly api?: Partial<ApiOptions>;
  /** The JSON log (request logs, engine logs); default pino on stdout at `info`. */
  readonly log?: PinoLogger;
  /**
   * Where to send Nova its instances' port events (`network-vif-plugged`, ...); none when
   * absent. The logger is the server's.
   */
  readonly nova?: Omit<NovaNotifierOptions, 'logger'>;
  /**
   * The transport L2 agents reach the server on (a message bus): the server answers their calls
   * there and publishes its notifications, versioned-object pushes included. None when absent
   * (agents then only report through `ml2ts agents report`). The caller owns the transport: it
   * stays open when the server closes.
   */
  readonly agentTransport?: ServerTransport;
}

/** A listening server. */
export interface RunningServer {
  /** `http://host:port`, the base URL clients use. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly engine: Engine;
  /**
   * Stops accepting connections, waits for the requests in flight to be answered (new ones on
   * open keep-alive connections get a 503), stops serving agents (answering the calls it took),
   * sends the Nova events still pending, then closes the engine. Resolves when all is closed.
   */
  close(): Promise<void>;
}

/**
 * Starts the engine (migrating its database, loading its drivers), builds the API over it and
 * listens; a warning is logged when the address is not a loopback one (callers are trusted). Rejects with the engine's typed errors (configuration, database) or with the
 * listener's error (address in use), after closing what it had opened.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? pino({ level: 'info' });
  const engineLogger = engineLoggerOver(log);
  const engine = await createEngine({ ...options.engine, logger: engineLogger });
  let app: FastifyInstance | undefined;
  let nova: NovaNotifier | undefined;
  let agents: AgentRpcService | undefined;
  try {
    if (options.nova) {
      nova = new NovaNotifier({ ...options.nova, logger: engineLogger });
      nova.attach(engine.plugin.notifier);
    }
    if (options.agentTransport) {
      agents = await serveAgentRpc(engine.plugin, options.agentTransport, {
        logger: engineLogger,
        pushResources: true,
      });
    }
    app = await buildServer({
      plugin: engine.plugin,
      clock: options.engine?.clock ?? systemClock,
      ids: options.engine?.ids ?? randomIdGenerator,
      options: options.api,
      logger: log,
    });
    const listen = options.listen ?? DEFAULT_LISTEN_ADDRESS;
    if (!isLoopbackAddress(listen.host)) {
      log.warn(
        `the API is served without authentication (auth_strategy = noauth) on ${listen.host}: ` +
          'make sure only trusted clients reach it (an authenticating proxy in front), or ' +
          'listen on 127.0.0.1',
      );
    }
    await app.listen({ host: listen.host, port: listen.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : listen.port;
    const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
    const running = app;
    const notifier = nova;
    const agentService = agents;
    return {
      url: `http://${host}:${port}`,
      app: running,
      engine,
      close: async () => {
        try {
          await running.close();
          await agentService?.close();
          await notifier?.close();
        } finally {
          await engine.close();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await nova?.close().catch(() => undefined);
    await agents?.close().catch(() => undefined);
    await engine.close().catch(() => undefined);
    throw error;
  }
}
