import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the process logger. Log ids only (VK ids, peer ids, event ids, error codes):
 * never names, phone numbers, e-mails or message text.
 */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'parta' },
    redact: { paths: ['text', 'message', 'name', 'phone', 'email', '*.text', '*.message', '*.name', '*.phone', '*.email'], censor: '[hidden]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
