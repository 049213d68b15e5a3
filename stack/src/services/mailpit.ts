// Mailpit of a profile: catches the mail the API sends (SMTP) and lets tests read it back (REST API).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { httpGet, tcpOpen } from '../health';
import type { Log } from '../install-log';
import { stampMatches, step, writeStamp } from '../install-log';
import { BIN_DIR, LOCK_DIR, STACK_HOME, ensureServiceDirs, serviceDirs } from '../layout';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import { run, withLock } from '../process-control';
import { goEnv } from '../toolchain';
import { announceStart, assertPortsFree, detachedService, spawnUntilReady } from './lifecycle';
import type { DetachedServer } from './lifecycle';
import type { LocalService } from './service';

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

const server: DetachedServer = {
  name: 'mailpit',
  paths,
  marker: BINARY,
  url: smtpUrl,
  ready,
  readiness: (profile) => `GET ${mailpitUrl(profile)}/readyz`,
  startTimeoutMs: START_TIMEOUT_MS,
  stopGraceMs: 15_000,
};

async function launch(profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  const ports = PORTS[profile];
  await assertPortsFree('mailpit', profile, [ports.mailpitSmtp, ports.mailpitHttp], p.logFile);
  ensureServiceDirs(profile, 'mailpit');
  const started = announceStart(
    log,
    profile,
    'mailpit',
    `starting (SMTP ${smtpUrl(profile)}, API ${mailpitUrl(profile)})`,
  );
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
  const pid = await spawnUntilReady(server, profile, {
    file: BINARY,
    args,
    what: `GET ${mailpitUrl(profile)}/readyz and SMTP on port ${ports.mailpitSmtp}`,
  });
  started(pid);
}

/** `go install github.com/axllent/mailpit@v1.33.1` into .stack/bin, once per version. */
async function install(log: Log): Promise<void> {
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
}

/** Mailpit (SMTP sink + REST API) per profile. */
export const mailpit: LocalService = detachedService(server, { install, launch });
