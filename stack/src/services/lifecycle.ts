// The lifecycle the managed servers share: refuse a port someone else holds, spawn detached with a pidfile
// and a log, wait for readiness within a deadline (failing with health.ts's readable serviceError), reuse
// a healthy running instance, report status from the pid plus the readiness probe, and stop with SIGTERM,
// SIGKILL after a grace period, until the process is gone. Each service keeps what is its own: how to
// launch it, what "ready" means, its paths and ports.
import { rmSync } from 'node:fs';
import { serviceError, tcpOpen, waitUntilReady } from '../health';
import type { Log } from '../install-log';
import { elapsedSeconds } from '../install-log';
import type { Profile, ServiceName } from '../profiles';
import { isAlive, livePid, spawnDetached, terminate, writePidFile } from '../process-control';
import type { LocalService, ServiceStatus } from './service';

/** A server the stack runs detached and finds again through a pidfile. */
export interface DetachedServer {
  readonly name: ServiceName;
  /** The profile's pidfile and the log to point at when it misbehaves. */
  paths(profile: Profile): { pidFile: string; logFile: string };
  /** Part of the server's command line; guards against a pid reused by another program. */
  readonly marker: string;
  /** Where clients reach it (status). */
  url(profile: Profile): string;
  /** The readiness probe; never throws. */
  ready(profile: Profile): Promise<boolean>;
  /** What readiness means, for the error message, e.g. "listCollections on 127.0.0.1:27018". */
  readiness(profile: Profile): string;
  readonly startTimeoutMs: number;
  /** How long `stop` waits after SIGTERM before SIGKILL. */
  readonly stopGraceMs: number;
}

export interface DetachedServiceParts {
  install(log: Log): Promise<void>;
  /** Starts the server when none of ours runs, and waits until it is ready. */
  launch(profile: Profile, log: Log): Promise<void>;
  /** Say so when a running instance is not ready yet (for servers that routinely take long to recover). */
  announceWait?: boolean;
}

/** Throws a serviceError when something already accepts connections on one of `ports`. */
export async function assertPortsFree(
  name: ServiceName,
  profile: Profile,
  ports: readonly number[],
  logFile: string,
): Promise<void> {
  for (const port of ports) {
    if (await tcpOpen(port))
      throw serviceError(name, profile, `port ${port} is already in use by another program`, logFile);
  }
}

/**
 * Logs "[profile] name: <doing>…" and returns the function that logs "ready in N s (pid P)" once it is
 * up, timed from this call.
 */
export function announceStart(
  log: Log,
  profile: Profile,
  name: ServiceName,
  doing: string,
): (pid: number | undefined) => void {
  const startedAt = Date.now();
  log(`[${profile}] ${name}: ${doing}…`);
  return (pid) => log(`[${profile}] ${name}: ready in ${elapsedSeconds(startedAt)} s (pid ${pid})`);
}

/** Waits until the server's probe answers, failing early if `alive` says its process died. */
export function waitForServer(
  server: DetachedServer,
  profile: Profile,
  options: { alive: () => boolean; timeoutMs?: number; what?: string },
): Promise<void> {
  return waitUntilReady({
    service: server.name,
    profile,
    what: options.what ?? server.readiness(profile),
    timeoutMs: options.timeoutMs ?? server.startTimeoutMs,
    logFile: server.paths(profile).logFile,
    probe: () => server.ready(profile),
    alive: options.alive,
  });
}

/**
 * Spawns the server detached (output appended to its log), records its pid and waits until it is ready;
 * on failure it is killed and the pidfile removed, so the next start begins from a clean slate.
 * Resolves with the pid.
 */
export async function spawnUntilReady(
  server: DetachedServer,
  profile: Profile,
  command: { file: string; args: readonly string[]; what?: string },
): Promise<number> {
  const { pidFile, logFile } = server.paths(profile);
  const pid = spawnDetached(command.file, command.args, { logFile });
  writePidFile(pidFile, pid);
  try {
    await waitForServer(server, profile, { alive: () => isAlive(pid), what: command.what });
  } catch (error) {
    await terminate(pid, 5_000);
    rmSync(pidFile, { force: true });
    throw error;
  }
  return pid;
}

/** Stops the profile's recorded server, if it runs (SIGTERM, SIGKILL after `graceMs`), and drops the pidfile. */
export async function stopRecorded(server: DetachedServer, profile: Profile, graceMs: number): Promise<void> {
  const { pidFile } = server.paths(profile);
  const pid = livePid(pidFile, server.marker);
  if (pid !== undefined) await terminate(pid, graceMs);
  rmSync(pidFile, { force: true });
}

/** A status from a pid (undefined when not running) and the readiness probe, asked only when it runs. */
export async function probedStatus(
  pid: number | undefined,
  ready: () => Promise<boolean>,
  where: { url: string; logFile: string },
): Promise<ServiceStatus> {
  return { up: pid !== undefined && (await ready()), pid, url: where.url, logFile: where.logFile };
}

/**
 * The LocalService of a detached server: start reuses a healthy instance, waits for one still starting,
 * or launches one; stop and status go through the pidfile.
 */
export function detachedService(server: DetachedServer, parts: DetachedServiceParts): LocalService {
  const recordedPid = (profile: Profile): number | undefined =>
    livePid(server.paths(profile).pidFile, server.marker);
  return {
    name: server.name,
    install: parts.install,

    async start(profile: Profile, log: Log): Promise<void> {
      const pid = recordedPid(profile);
      if (pid === undefined) return parts.launch(profile, log);
      if (await server.ready(profile)) {
        log(`[${profile}] ${server.name}: already running (pid ${pid})`);
        return;
      }
      if (parts.announceWait)
        log(`[${profile}] ${server.name}: running (pid ${pid}) but not ready yet; waiting…`);
      await waitForServer(server, profile, { alive: () => isAlive(pid) });
    },

    stop: (profile: Profile) => stopRecorded(server, profile, server.stopGraceMs),

    status: (profile: Profile) =>
      probedStatus(recordedPid(profile), () => server.ready(profile), {
        url: server.url(profile),
        logFile: server.paths(profile).logFile,
      }),
  };
}
