// Mailpit of a profile: catches the mail the API sends (SMTP) and lets tests read it back (REST API).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { httpGet, serviceError, tcpOpen, waitUntilReady } from '../health';
import type { Log } from '../install-log';
import { elapsedSeconds, stampMatches, step, writeStamp } from '../install-log';
import { BIN_DIR, LOCK_DIR, STACK_HOME, ensureServiceDirs, serviceDirs } from '../layout';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import { isAlive, livePid, run, spawnDetached, terminate, withLock, writePidFile } from '../process-control';
import { goEnv } from '../toolchain';
import type { LocalService, ServiceStatus } from './service';

const VERSION = 'v1.33.1';
const BINARY = join(BIN_DIR, 'mailpit');
const STAMP = `${BINARY}.version`;
const BUILD_LOG = join(STACK_HOME, 'logs', 'mailpit-build.log');
const START_TIMEOUT_MS = 30_000;

/** The profile's SMTP URL, e.g. smtp://127.0.0.1:1026. */
export function smtpUrl(profile: Profile): string {
  return `smtp://127.0.0.1:${PORTS[profile].mailpitSmtp}`;
}

/** The profile's Mailpit web UI and REST API, e.g. http://127.0.0.1:8026. */
export function mailpitUrl(profile: Profile): string {
  return `http://127.0.0.1:${PORTS[profile].mailpitHttp}`;
}

function paths(profile: Profile) {
  const dirs = serviceDirs(profile, 'mailpit');
  return {
    ...dirs,
    pidFile: join(dirs.run, 'mailpit.pid'),
    logFile: join(dirs.logs, 'mailpit.log'),
    database: join(dirs.data, 'mailpit.db'),
  };
}

async function ready(profile: Profile): Promise<boolean> {
  const answer = await httpGet(`${mailpitUrl(profile)}/readyz`);
  return answer?.status === 200 && (await tcpOpen(PORTS[profile].mailpitSmtp));
}

async function launch(profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  const ports = PORTS[profile];
  for (const port of [ports.mailpitSmtp, ports.mailpitHttp]) {
    if (await tcpOpen(port))
      throw serviceError('mailpit', profile, `port ${port} is already in use by another program`, p.logFile);
  }
  ensureServiceDirs(profile, 'mailpit');
  const startedAt = Date.now();
  log(`[${profile}] mailpit: starting (SMTP ${smtpUrl(profile)}, API ${mailpitUrl(profile)})…`);
  const args = [
    '--smtp',
    `127.0.0.1:${ports.mailpitSmtp}`,
    '--listen',
    `127.0.0.1:${ports.mailpitHttp}`,
    // Per-profile store, so dev mail survives restarts and test mail never mixes with it.
    '--database',
    p.database,
    // Whatever credentials the app is configured with (or none) are accepted, without TLS.
    '--smtp-auth-accept-any',
    '--smtp-auth-allow-insecure',
    // No network beyond loopback: no update checks, no reverse DNS of clients.
    '--disable-version-check',
    '--smtp-disable-rdns',
  ];
  const pid = spawnDetached(BINARY, args, { logFile: p.logFile });
  writePidFile(p.pidFile, pid);
  try {
    await waitUntilReady({
      service: 'mailpit',
      profile,
      what: `GET ${mailpitUrl(profile)}/readyz and SMTP on port ${ports.mailpitSmtp}`,
      timeoutMs: START_TIMEOUT_MS,
      logFile: p.logFile,
      probe: () => ready(profile),
      alive: () => isAlive(pid),
    });
  } catch (error) {
    // Leave nothing half-started behind: the next start begins from a clean slate.
    await terminate(pid, 5_000);
    rmSync(p.pidFile, { force: true });
    throw error;
  }
  log(`[${profile}] mailpit: ready in ${elapsedSeconds(startedAt)} s (pid ${pid})`);
}

/** Mailpit (SMTP sink + REST API) per profile. */
export const mailpit: LocalService = {
  name: 'mailpit',

  /** `go install github.com/axllent/mailpit@v1.33.1` into .stack/bin, once per version. */
  async install(log: Log): Promise<void> {
    await withLock(
      join(LOCK_DIR, 'mailpit-build.lock'),
      async () => {
        if (existsSync(BINARY) && stampMatches(STAMP, VERSION)) return;
        mkdirSync(BIN_DIR, { recursive: true });
        await step(log, `mailpit: building Mailpit ${VERSION} (go install, about 30 s the first time)`, () =>
          run('go', ['install', `github.com/axllent/mailpit@${VERSION}`], {
            cwd: BIN_DIR,
            env: { ...goEnv(), GOBIN: BIN_DIR },
            logFile: BUILD_LOG,
            timeoutMs: 1_200_000,
          }),
        );
        writeStamp(STAMP, VERSION);
      },
      () => log('mailpit: waiting for another process that is building it…'),
    );
  },

  async start(profile: Profile, log: Log): Promise<void> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, BINARY);
    if (pid === undefined) return launch(profile, log);
    if (await ready(profile)) {
      log(`[${profile}] mailpit: already running (pid ${pid})`);
      return;
    }
    await waitUntilReady({
      service: 'mailpit',
      profile,
      what: `GET ${mailpitUrl(profile)}/readyz`,
      timeoutMs: START_TIMEOUT_MS,
      logFile: p.logFile,
      probe: () => ready(profile),
      alive: () => isAlive(pid),
    });
  },

  async stop(profile: Profile): Promise<void> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, BINARY);
    if (pid !== undefined) await terminate(pid, 15_000);
    rmSync(p.pidFile, { force: true });
  },

  async status(profile: Profile): Promise<ServiceStatus> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, BINARY);
    return {
      up: pid !== undefined && (await ready(profile)),
      pid,
      url: smtpUrl(profile),
      logFile: p.logFile,
    };
  },
};
