import { DEFAULT_DATABASE_PATH } from '@ml2ts/store';
import { AmqpTransport } from '@ml2ts/transport-amqp';
import {
  DEFAULT_LISTEN_ADDRESS,
  engineLoggerOver,
  type ListenAddress,
  loadNeutronConfig,
  type NeutronConfig,
  startServer,
} from '@ml2ts/server';
import pino from 'pino';
import { type CliIo, ExitCode } from '../cli-io';
import { parseArguments } from '../parse-arguments';
import { terminationSignal } from '../termination-signal';
import { UsageError } from '../usage-error';

/** `ml2ts server --help`. */
export const SERVER_HELP = `Usage: ml2ts server [--config FILE | --config-file INI ...] [--database URL]
                    [--listen HOST:PORT] [--transport-url URL] [--metrics]

Serves Neutron's v2.0 REST API (networks, subnets, ports with their bindings, segments,
agents) over the ml2ts engine, for the openstack CLI, openstacksdk and Nova. It migrates the
database, loads the configured mechanism drivers and listens until SIGTERM or SIGINT, which
let the requests in flight finish before it exits. Logs are JSON lines on stdout.

Callers are trusted as Neutron's auth_strategy = noauth trusts them: requests without identity
headers act as an admin of project fake_project_id; X-Project-Id and X-Roles headers (set by a
proxy in front) make a non-admin caller that sees only its project. So the server listens on
loopback unless told otherwise.

  --config FILE        ml2ts configuration (JSON; see the README)
  --config-file INI    Neutron's configuration files (neutron.conf, ml2_conf.ini, ...), read
                       in order, later ones overriding earlier ones; options ml2ts does not
                       use are logged once at start-up
  --database URL       the database (default ${DEFAULT_DATABASE_PATH}); wins over the configuration
  --listen HOST:PORT   address to listen on (default ${DEFAULT_LISTEN_ADDRESS.host}:${DEFAULT_LISTEN_ADDRESS.port});
                       port 0 picks a free one
  --transport-url URL  serve L2 agents (Neutron's own, or ml2ts agent) over RabbitMQ, as
                       rabbit://user:password@host:5672/vhost (several hosts comma-separated);
                       wins over [DEFAULT] transport_url. Without one, agents only report
                       through ml2ts agents report
  --metrics            serve Prometheus metrics at /metrics (requests, bindings and their
                       failures by reason, agent reports, port status changes)
`;

/** `HOST:PORT`, `[IPv6]:PORT` or `PORT` (on the default host). */
export function parseListenAddress(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d+)$|^(\d+)$/.exec(text);
  const port = Number(match?.[3] ?? match?.[4]);
  if (!match || !Number.isInteger(port) || port > 65_535) {
    throw new UsageError(
      `--listen '${text}' is not HOST:PORT (for example 127.0.0.1:9696, [::1]:9696 or 9696)`,
    );
  }
  return { host: match[1] ?? match[2] ?? DEFAULT_LISTEN_ADDRESS.host, port };
}

/** Logs, once, the options of Neutron's files that ml2ts ignores, and the files' warnings. */
function logNeutronConfig(log: pino.Logger, neutron: NeutronConfig): void {
  for (const option of neutron.ignored) {
    log.info(
      { file: option.file, line: option.line, section: option.section, option: option.option },
      `ignored option [${option.section}] ${option.option}: ${option.reason}`,
    );
  }
  for (const warning of neutron.warnings) log.warn(warning);
}

/**
 * `ml2ts server`: starts the engine and the REST API, prints the URL it listens on, serves
 * until SIGTERM/SIGINT (or `until` resolves, for tests), then closes the listener (answering
 * the requests in flight) and the engine. Returns 1 when it cannot start (bad configuration,
 * unreachable database, address in use), with the reason on stderr.
 */
export async function serverCommand(
  argv: readonly string[],
  io: CliIo,
  until: () => Promise<unknown> = terminationSignal,
): Promise<ExitCode> {
  const args = parseArguments(argv, {
    values: ['config', 'database', 'listen', 'transport-url'],
    lists: ['config-file'],
    flags: ['help', 'metrics'],
  });
  if (args.flags.has('help')) {
    io.stdout(SERVER_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(`server takes no arguments (got '${args.positionals[0]}')`);
  }
  const iniFiles = args.lists['config-file'] ?? [];
  if (iniFiles.length > 0 && args.values.config !== undefined) {
    throw new UsageError(
      'give either --config (ml2ts JSON) or --config-file (Neutron INI), not both',
    );
  }
  const stopped = until();
  let server;
  let transport: AmqpTransport | undefined;
  try {
    const neutron = iniFiles.length > 0 ? loadNeutronConfig(iniFiles) : undefined;
    const log = pino({ level: neutron?.server.debug ? 'debug' : 'info' });
    if (neutron) logNeutronConfig(log, neutron);
    const transportUrl = args.values['transport-url'] ?? neutron?.transportUrl;
    if (transportUrl !== undefined && isInMemoryTransport(transportUrl)) {
      // oslo.messaging's in-memory bus (what tests and all-in-one setups configure): no agent
      // outside this process can reach it, and none runs inside.
      log.info(`transport_url ${transportUrl} is an in-memory bus: no agents are served`);
    } else if (transportUrl !== undefined) {
      transport = new AmqpTransport({ url: transportUrl, logger: engineLoggerOver(log) });
      log.info(`serving agents over ${transport.redactedUrl}`);
    }
    server = await startServer({
      engine: {
        ...(neutron
          ? { configuration: neutron.configuration }
          : { configFile: args.values.config }),
        database: args.values.database ?? neutron?.databaseUrl,
      },
      listen: args.values.listen
        ? parseListenAddress(args.values.listen)
        : neutron && { host: neutron.server.host, port: neutron.server.port },
      api: {
        metrics: args.flags.has('metrics'),
        ...(neutron && { maxRequestBodySize: neutron.server.maxRequestBodySize }),
      },
      nova: neutron?.server.novaUrl
        ? {
            url: neutron.server.novaUrl,
            sendEventsInterval: neutron.server.sendEventsInterval,
            notifyOnStatusChanges: neutron.server.notifyNovaOnPortStatusChanges,
            notifyOnDataChanges: neutron.server.notifyNovaOnPortDataChanges,
          }
        : undefined,
      agentTransport: transport,
      log,
    });
  } catch (error) {
    await transport?.close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ml2ts server: ${message}\n`);
    return ExitCode.FAILURE;
  }
  io.stderr(`ml2ts server: listening on ${server.url}\n`);
  await stopped;
  try {
    await server.close();
  } finally {
    await transport?.close();
  }
  return ExitCode.OK;
}

/** oslo.messaging's in-memory transport (`fake://`), which only its own process can use. */
function isInMemoryTransport(url: string): boolean {
  return /^fake:/i.test(url.trim());
}
