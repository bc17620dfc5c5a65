import { Ml2Error } from '@ml2ts/driver-api';

/** The transport URL forms ml2ts accepts, for error messages and help texts. */
export const ACCEPTED_TRANSPORT_URLS =
  'rabbit://user:password@host:port/vhost, several brokers of one cluster separated by commas ' +
  '(rabbit://user:password@host1:5672,user:password@host2:5672/), IPv6 addresses in brackets ' +
  '([::1]:5672); the port defaults to 5672 and an empty path means the vhost /';

/**
 * 400: a transport URL ml2ts cannot use (another scheme than `rabbit`, no host, a port that is
 * not a number between 1 and 65535, a broken IPv6 address). Thrown synchronously by
 * `parseTransportUrl` and so by `new AmqpTransport(...)`; never thrown once a transport exists.
 * The message quotes the URL without its passwords and lists the accepted forms.
 */
export class TransportUrlError extends Ml2Error {
  /** Stable code for programs: `ML2TS_BAD_TRANSPORT_URL`. */
  readonly code = 'ML2TS_BAD_TRANSPORT_URL';
  /** What is wrong with the URL, in words. */
  readonly problem: string;

  constructor(redactedUrl: string, problem: string) {
    super(
      'TransportUrlError',
      400,
      `Invalid transport URL ${JSON.stringify(redactedUrl)}: ${problem}. ` +
        `Accepted forms: ${ACCEPTED_TRANSPORT_URLS}.`,
    );
    this.problem = problem;
  }
}
