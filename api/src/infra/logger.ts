import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Config } from '../config';

/** The process logger: JSON lines, one per event; request logs carry `reqId`. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name: string): Logger {
  return pino({ name, level: config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers.authorization'] });
}
