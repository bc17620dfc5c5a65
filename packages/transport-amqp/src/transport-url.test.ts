import {
  formatTransportUrl,
  parseTransportUrl,
  redactTransportUrl,
  withVirtualHost,
} from './transport-url';
import { TransportUrlError } from './transport-url-error';

describe('parseTransportUrl', () => {
  it('reads one broker with credentials, port and the root vhost', () => {
    expect(parseTransportUrl('rabbit://guest:guest@127.0.0.1:5672/')).toEqual({
      scheme: 'rabbit',
      hosts: [{ hostname: '127.0.0.1', port: 5672, username: 'guest', password: 'guest' }],
      virtualHost: '/',
      parameters: {},
    });
  });

  it('defaults the port to 5672, the vhost to / and the credentials to guest', () => {
    const url = parseTransportUrl('rabbit://mq');
    expect(url.hosts).toEqual([
      { hostname: 'mq', port: 5672, username: 'guest', password: 'guest' },
    ]);
    expect(url.virtualHost).toBe('/');
  });

  it('reads a cluster: several brokers with their own credentials, in order', () => {
    const url = parseTransportUrl('rabbit://u1:p1@mq1:5672,u2:p2@mq2:5673/neutron');
    expect(url.hosts).toEqual([
      { hostname: 'mq1', port: 5672, username: 'u1', password: 'p1' },
      { hostname: 'mq2', port: 5673, username: 'u2', password: 'p2' },
    ]);
    expect(url.virtualHost).toBe('neutron');
  });

  it('percent-decodes user, password and vhost, and keeps passwords with @ and :', () => {
    const url = parseTransportUrl('rabbit://us%40er:p%40ss:w%2Frd@mq:5672/%2Fopenstack');
    expect(url.hosts[0]).toMatchObject({ username: 'us@er', password: 'p@ss:w/rd' });
    expect(url.virtualHost).toBe('/openstack');
  });

  it('reads bracketed IPv6 addresses with and without a port', () => {
    const url = parseTransportUrl('rabbit://a:b@[::1]:5673,[fe80::2]/');
    expect(url.hosts.map((host) => [host.hostname, host.port])).toEqual([
      ['::1', 5673],
      ['fe80::2', 5672],
    ]);
  });

  it('keeps query parameters, decoded', () => {
    expect(parseTransportUrl('rabbit://mq/?ssl=1&heartbeat=30').parameters).toEqual({
      ssl: '1',
      heartbeat: '30',
    });
  });

  it.each([
    ['amqp://guest:guest@mq:5672/', /scheme amqp:\/\/ is not supported/],
    ['mq:5672', /does not start with rabbit:\/\//],
    ['rabbit:///', /names no host/],
    ['rabbit://user:pw@/vhost', /has no host/],
    ['rabbit://mq:notaport/', /port "notaport" of host mq is not a number/],
    ['rabbit://mq:70000/', /port "70000"/],
    ['rabbit://[::1:5672/', /no closing \]/],
  ])('refuses %s with a TransportUrlError (400) saying what is wrong', (text, problem) => {
    let caught: unknown;
    try {
      parseTransportUrl(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TransportUrlError);
    const error = caught as TransportUrlError;
    expect(error.httpStatus).toBe(400);
    expect(error.type).toBe('TransportUrlError');
    expect(error.message).toMatch(problem);
    expect(error.message).toMatch(/Accepted forms: rabbit:\/\//);
  });

  it('never puts a password in its error messages', () => {
    expect(() => parseTransportUrl('rabbit://u:s3cret@mq:bad/')).toThrow(
      /rabbit:\/\/u:\*\*\*@mq:bad\//,
    );
    expect(() => parseTransportUrl('rabbit://u:s3cret@mq:bad/')).not.toThrow(/s3cret/);
  });
});

describe('redactTransportUrl', () => {
  it('hides every password of a parsed URL', () => {
    const url = parseTransportUrl('rabbit://u1:p1@mq1,u2:p2@mq2:5673/v');
    expect(redactTransportUrl(url)).toBe('rabbit://u1:***@mq1:5672,u2:***@mq2:5673/v');
  });

  it('hides the passwords of text that does not parse', () => {
    expect(redactTransportUrl('rabbit://u:secret@mq:x/,v:other@h')).not.toMatch(/secret|other/);
  });
});

describe('formatTransportUrl', () => {
  it('writes what parseTransportUrl reads back to the same value', () => {
    const url = withVirtualHost(
      parseTransportUrl('rabbit://us%40er:p%2Fw@[::1]:5673,mq/'),
      'ml2ts-test-1',
    );
    expect(parseTransportUrl(formatTransportUrl(url))).toEqual(url);
    expect(formatTransportUrl(parseTransportUrl('rabbit://mq/'))).toBe(
      'rabbit://guest:guest@mq:5672/',
    );
  });
});
