// Readiness probes and the wait loop around them. Probes never throw: they answer "not yet", and the wait
// loop turns a timeout (or a process that died while starting) into one Error that says which service,
// what did not happen, and where its log is.
import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { tailFile } from './process-control';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * GET a URL on a local server; undefined when nothing answers. Uses a fresh connection each time (no
 * keep-alive agent) so a probe never keeps the CLI process alive after it is done.
 */
export function httpGet(url: string, timeoutMs = 2_000): Promise<HttpAnswer | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function tcpOpen(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The Error thrown when a service cannot be started: service, profile, what failed, log path, log tail. */
export function serviceError(service: string, profile: string, what: string, logFile: string): Error {
  const tail = tailFile(logFile);
  return new Error(
    `${service} (${profile} profile): ${what}. Log: ${logFile}${tail ? `\n--- last lines of the log ---\n${tail}` : ''}`,
  );
}

export interface WaitOptions {
  service: string;
  profile: string;
  /** What readiness means, for the error message, e.g. "GET …/_cluster/health answering yellow or green". */
  what: string;
  timeoutMs: number;
  logFile: string;
  probe: () => Promise<boolean>;
  /** When given and false, the process died: fail at once instead of waiting for the timeout. */
  alive?: () => boolean;
}

/** Polls `probe` until it answers true; throws a serviceError on timeout or when the process dies. */
export async function waitUntilReady(options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await options.probe()) return;
    if (options.alive && !options.alive()) {
      // One last probe: the process may have exited after handing over to a daemon.
      if (await options.probe()) return;
      throw serviceError(
        options.service,
        options.profile,
        `the process exited while waiting for ${options.what}`,
        options.logFile,
      );
    }
    if (Date.now() >= deadline) {
      throw serviceError(
        options.service,
        options.profile,
        `not ready within ${options.timeoutMs / 1000} s (waited for ${options.what})`,
        options.logFile,
      );
    }
    await sleep(250);
  }
}
