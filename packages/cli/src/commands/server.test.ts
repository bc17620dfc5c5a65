import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { ExitCode } from '../cli-io';
import { captureIo, type CapturedIo } from '../test-support/capture-io';
import { UsageError } from '../usage-error';
import { parseListenAddress, serverCommand } from './server';

/** Runs `ml2ts server ARGV` until `stop` is called; resolves the URL it listens on. */
async function startCommand(argv: string[]) {
  const io = captureIo();
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const exit = serverCommand(argv, io, () => stopped);
  const url = await waitForUrl(io, exit);
  return { io, url, stop, exit };
}

async function waitForUrl(io: CapturedIo, exit: Promise<ExitCode>): Promise<string> {
  let exited = false;
  void exit.then(() => (exited = true));
  for (let i = 0; i < 600 && !exited; i++) {
    const match = /listening on (http:\/\/\S+)/.exec(io.err());
    if (match) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not start: ${io.err()}`);
}

describe('ml2ts server', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ml2ts-server-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the API on the database it is given until it is stopped', async () => {
    const database = join(dir, 'server.sqlite');
    const server = await startCommand(['--database', database, '--listen', '127.0.0.1:0']);
    const created = await request(`${server.url}/v2.0/networks`, {
      method: 'POST',
      body: JSON.stringify({ network: { name: 'from-the-cli' } }),
    });
    expect(created.statusCode).toBe(201);
    server.stop();
    expect(await server.exit).toBe(ExitCode.OK);
    await expect(request(`${server.url}/`)).rejects.toThrow();
  });

  it("reads Neutron's configuration files, logging the options it ignores", async () => {
    const neutronConf = join(dir, 'neutron.conf');
    const ml2Conf = join(dir, 'ml2_conf.ini');
    writeFileSync(
      neutronConf,
      `[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = 0\nauth_strategy = noauth\napi_workers = 4\n` +
        `[database]\nconnection = sqlite:///${join(dir, 'neutron.sqlite')}\n`,
    );
    writeFileSync(
      ml2Conf,
      '[ml2]\ntype_drivers = vlan\ntenant_network_types = vlan\nmechanism_drivers = openvswitch\n' +
        '[ml2_type_vlan]\nnetwork_vlan_ranges = physnet7:700:701\n',
    );
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const server = await startCommand(['--config-file', neutronConf, '--config-file', ml2Conf]);
      const created = await request(`${server.url}/v2.0/networks`, {
        method: 'POST',
        body: JSON.stringify({ network: { name: 'tenant' } }),
      });
      const network = ((await created.body.json()) as { network: Record<string, unknown> }).network;
      expect(network).toMatchObject({
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet7',
      });
      server.stop();
      expect(await server.exit).toBe(ExitCode.OK);
      const logged = stdout.mock.calls.map(([text]) => String(text)).join('');
      expect(logged).toContain('ignored option [DEFAULT] api_workers');
    } finally {
      stdout.mockRestore();
    }
  });

  it('serves Prometheus metrics with --metrics, and none without', async () => {
    const database = join(dir, 'metrics.sqlite');
    const withMetrics = await startCommand([
      '--database',
      database,
      '--listen',
      '127.0.0.1:0',
      '--metrics',
    ]);
    const metrics = await request(`${withMetrics.url}/metrics`);
    expect(metrics.statusCode).toBe(200);
    expect(await metrics.body.text()).toContain('ml2ts_http_requests_total');
    withMetrics.stop();
    expect(await withMetrics.exit).toBe(ExitCode.OK);
    const without = await startCommand(['--database', database, '--listen', '127.0.0.1:0']);
    const none = await request(`${without.url}/metrics`);
    expect(none.statusCode).toBe(404);
    await none.body.dump();
    without.stop();
    expect(await without.exit).toBe(ExitCode.OK);
  });

  it('refuses --config together with --config-file', async () => {
    await expect(
      serverCommand(['--config', 'a.json', '--config-file', 'b.conf'], captureIo(), async () => 0),
    ).rejects.toThrow(UsageError);
  });

  it("serves no agents on oslo's in-memory fake:// bus, and refuses a bus it cannot speak to", async () => {
    const database = join(dir, 'bus.sqlite');
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const server = await startCommand([
        '--database',
        database,
        '--listen',
        '127.0.0.1:0',
        '--transport-url',
        'fake://',
      ]);
      expect((await request(`${server.url}/v2.0/agents`)).statusCode).toBe(200);
      server.stop();
      expect(await server.exit).toBe(ExitCode.OK);
      const logged = stdout.mock.calls.map(([text]) => String(text)).join('');
      expect(logged).toContain('is an in-memory bus: no agents are served');
    } finally {
      stdout.mockRestore();
    }
    const io = captureIo();
    const code = await serverCommand(
      ['--database', database, '--transport-url', 'http://mq.example:5672/'],
      io,
      async () => 0,
    );
    expect(code).toBe(ExitCode.FAILURE);
    expect(io.err()).toContain('ml2ts speaks to RabbitMQ only');
  });

  it('says why it cannot start, with exit code 1', async () => {
    const io = captureIo();
    const code = await serverCommand(
      ['--config-file', join(dir, 'missing.conf')],
      io,
      async () => 0,
    );
    expect(code).toBe(ExitCode.FAILURE);
    expect(io.err()).toContain('missing.conf');
  });
});

describe('parseListenAddress', () => {
  it('reads HOST:PORT, [IPv6]:PORT and PORT', () => {
    expect(parseListenAddress('0.0.0.0:9696')).toEqual({ host: '0.0.0.0', port: 9696 });
    expect(parseListenAddress('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListenAddress('9797')).toEqual({ host: '127.0.0.1', port: 9797 });
  });

  it('refuses anything else', () => {
    for (const text of ['localhost', ':80', 'host:99999', '[::1]', 'a:b']) {
      expect(() => parseListenAddress(text)).toThrow(UsageError);
    }
  });
});
