import { type Logger } from '@ml2ts/driver-api';
import { type Logger as PinoLogger } from 'pino';

/** The engine's `Logger` writing through the server's JSON log (pino), fields beside the message. */
export function engineLoggerOver(log: PinoLogger): Logger {
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}
