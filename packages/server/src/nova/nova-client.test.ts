import {
  type HttpAnswer,
  type HttpRequest,
  NovaClient,
  type NovaClientOptions,
} from './nova-client';
import { NovaDeliveryError } from './nova-delivery-error';
import { type NovaEvent } from './nova-event';
import { NovaNotifierConfigError } from './nova-notifier-config-error';
import { ManualTimers } from './test-support/manual-timers';
import { RecordingLogger } from './test-support/recording-logger';

const INSTANCE = '9f2e3c4d-1111-4a2b-8c3d-0123456789ab';
const PORT = '00000000-0000-4000-8000-000000000042';
const PLUGGED: NovaEvent = {
  name: 'network-vif-plugged',
  server_uuid: INSTANCE,
  tag: PORT,
  status: 'completed',
};

type Reply = { status: number; body?: unknown } | Error;

/** A sender that answers from a script (the last reply repeats) and keeps each request. */
function scriptedSender(replies: Reply[]) {
  const requests: Array<{ url: string; request: HttpRequest }> = [];
  const send = async (url: string, request: HttpRequest): Promise<HttpAnswer> => {
    requests.push({ url, request });
    const reply = replies[Math.min(requests.length, replies.length) - 1];
    if (reply instanceof Error) throw reply;
    return { status: reply.status, text: async () => JSON.stringify(reply.body ?? '') };
  };
  return { send, requests };
}

function refused(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8774'), {
      code: 'ECONNREFUSED',
    }),
  });
}

function client(replies: Reply[], options: Partial<NovaClientOptions> = {}) {
  const sender = scriptedSender(replies);
  const timers = new ManualTimers();
  const logger = new RecordingLogger();
  const nova = new NovaClient({
    url: 'http://nova.example:8774/v2.1/',
    send: sender.send,
    timers,
    logger,
    ...options,
  });
  return { nova, timers, logger, requests: sender.requests };
}

describe('NovaClient', () => {
  it('posts the events as JSON to /os-server-external-events with compute API 2.1', async () => {
    const { nova, requests } = client([
      { status: 200, body: { events: [{ ...PLUGGED, code: 200 }] } },
    ]);
    const outcome = await nova.sendEvents([PLUGGED]);
    expect(outcome).toEqual({ kind: 'delivered', status: 200, attempts: 1, unhandled: [] });
    expect(requests).toHaveLength(1);
    const [{ url, request }] = requests;
    expect(url).toBe('http://nova.example:8774/v2.1/os-server-external-events');
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body)).toEqual({ events: [PLUGGED] });
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-OpenStack-Nova-API-Version': '2.1',
      'X-OpenStack-Request-ID': expect.stringMatching(/^req-[0-9a-f-]{36}$/),
    });
  });

  it('sends a configured token as X-Auth-Token and never logs it', async () => {
    const { nova, requests, logger } = client([refused()], {
      authToken: 'sekrit-token',
      retry: { attempts: 1 },
    });
    await nova.sendEvents([PLUGGED]);
    expect(requests[0].request.headers['X-Auth-Token']).toBe('sekrit-token');
    expect(logger.at('error')).toHaveLength(1);
    expect(logger.text()).not.toContain('sekrit-token');
  });

  it('logs the events Nova answered with a code other than 200 in a 207', async () => {
    const deleted: NovaEvent = { name: 'network-vif-deleted', server_uuid: INSTANCE, tag: PORT };
    const body = {
      events: [
        { ...PLUGGED, code: 200 },
        { ...deleted, status: 'failed', code: 422 },
      ],
    };
    const { nova, logger } = client([{ status: 207, body }]);
    const outcome = await nova.sendEvents([PLUGGED, deleted]);
    expect(outcome).toEqual({
      kind: 'delivered',
      status: 207,
      attempts: 1,
      unhandled: [{ ...deleted, status: 'failed', code: 422 }],
    });
    expect(logger.at('warn')).toEqual([
      {
        level: 'warn',
        message: 'Nova did not handle an event',
        fields: expect.objectContaining({
          name: 'network-vif-deleted',
          port: PORT,
          server: INSTANCE,
          code: 422,
        }),
      },
    ]);
  });

  it('does not retry a 404 (none of the servers exist) nor a 400', async () => {
    const notFound = client([{ status: 404, body: { itemNotFound: {} } }]);
    expect(await notFound.nova.sendEvents([PLUGGED])).toEqual({
      kind: 'rejected',
      status: 404,
      attempts: 1,
    });
    expect(notFound.requests).toHaveLength(1);
    expect(notFound.logger.at('error')).toEqual([]);

    const badRequest = client([{ status: 400, body: { badRequest: {} } }]);
    expect((await badRequest.nova.sendEvents([PLUGGED])).kind).toBe('rejected');
    expect(badRequest.requests).toHaveLength(1);
    expect(badRequest.logger.at('error')[0].fields).toMatchObject({ status: 400 });
  });

  it('retries a 500 and an unreachable Nova with a doubling back-off until it takes the batch', async () => {
    const { nova, timers, requests, logger } = client([
      { status: 500 },
      refused(),
      { status: 503 },
      { status: 200, body: { events: [{ ...PLUGGED, code: 200 }] } },
    ]);
    const sending = nova.sendEvents([PLUGGED]);
    await timers.advance(0);
    expect(requests).toHaveLength(1);
    expect(timers.pendingDelays()).toEqual([500]);
    await timers.advance(500);
    expect(requests).toHaveLength(2);
    expect(timers.pendingDelays()).toEqual([1_000]);
    await timers.advance(1_000);
    expect(timers.pendingDelays()).toEqual([2_000]);
    await timers.advance(2_000);
    expect(await sending).toMatchObject({ kind: 'delivered', attempts: 4 });
    const warnings = logger.at('warn');
    expect(warnings.map((record) => record.fields['error'])).toEqual([
      'Nova answered 500',
      'fetch failed: connect ECONNREFUSED 127.0.0.1:8774',
      'Nova answered 503',
    ]);
    expect(warnings[0].fields).toMatchObject({
      nova: 'http://nova.example:8774',
      attempt: 1,
      delayMs: 500,
      events: [{ name: 'network-vif-plugged', port: PORT, server: INSTANCE, status: 'completed' }],
    });
  });

  it('gives up after the tries allowed, logging the events', async () => {
    const { nova, timers, requests, logger } = client([refused()], {
      retry: { attempts: 3, initialDelayMs: 100, maxDelayMs: 150 },
    });
    const sending = nova.sendEvents([PLUGGED]);
    await timers.advance(100);
    expect(timers.pendingDelays()).toEqual([150]);
    await timers.advance(150);
    const outcome = await sending;
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 3 });
    expect(outcome.kind === 'failed' && outcome.error).toBeInstanceOf(NovaDeliveryError);
    expect(requests).toHaveLength(3);
    expect(logger.at('error')).toEqual([
      {
        level: 'error',
        message: 'Could not send events to Nova; giving up',
        fields: expect.objectContaining({
          attempts: 3,
          events: [expect.objectContaining({ name: 'network-vif-plugged', port: PORT })],
        }),
      },
    ]);
  });

  it('stops retrying when told to: a pending back-off ends and no further try starts', async () => {
    const { nova, timers, requests } = client([{ status: 502 }]);
    const stop = new AbortController();
    const sending = nova.sendEvents([PLUGGED], { stopRetrying: stop.signal });
    await timers.advance(0);
    expect(timers.pendingDelays()).toEqual([500]);
    stop.abort();
    expect(await sending).toMatchObject({ kind: 'failed', attempts: 2 });
    expect(timers.pendingDelays()).toEqual([]);
    // Already stopped: one try only.
    expect(await nova.sendEvents([PLUGGED], { stopRetrying: stop.signal })).toMatchObject({
      kind: 'failed',
      attempts: 1,
    });
    expect(requests).toHaveLength(3);
  });

  it('times a request out, as a failure worth retrying', async () => {
    const hanging = async (_url: string, request: HttpRequest): Promise<HttpAnswer> =>
      new Promise((_resolve, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    const logger = new RecordingLogger();
    const nova = new NovaClient({
      url: 'http://nova.example:8774/v2.1',
      send: hanging,
      logger,
      requestTimeoutMs: 20,
      retry: { attempts: 1 },
    });
    const outcome = await nova.sendEvents([PLUGGED]);
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('timeout');
    expect(logger.at('error')[0].fields['error']).toBe('no answer within 20 ms');
  });

  it.each([
    ['url', { url: 'nova:8774' }],
    ['url', { url: 'ftp://nova/v2.1' }],
    ['url', { url: 'http://admin:secret@nova:8774/v2.1' }],
    ['requestTimeoutMs', { requestTimeoutMs: 0 }],
    ['retry.attempts', { retry: { attempts: 0 } }],
    ['retry.initialDelayMs', { retry: { initialDelayMs: -1 } }],
  ])('refuses a bad %s', (setting, options) => {
    const build = () => new NovaClient({ url: 'http://nova:8774/v2.1', ...options });
    expect(build).toThrow(NovaNotifierConfigError);
    expect(build).toThrow(expect.objectContaining({ setting }));
  });
});
