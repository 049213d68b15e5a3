// The stack's public API: start, stop and inspect the local servers of a profile. `npm start` uses the
// dev profile, `npm test` the test profile; each service can also be stopped and restarted on its own
// (the recovery tests do that to the real Elasticsearch and FerretDB).
import { join } from 'node:path';
import type { Log } from './install-log';
import { elapsedSeconds } from './install-log';
import { LOCK_DIR } from './layout';
import type { Profile, ServiceName } from './profiles';
import { SERVICES } from './profiles';
import { withLock } from './process-control';
import { elasticsearch, elasticsearchUrl } from './services/elasticsearch';
import { embeddings, embeddingsUrl } from './services/embeddings';
import { ferretdb, mongodbUri } from './services/ferretdb';
import { mailpit, mailpitUrl, smtpUrl } from './services/mailpit';
import { postgres } from './services/postgres';
import type { LocalService, ServiceStatus } from './services/service';

/** What the API, indexer, jobs and tests need to reach the servers. */
export interface StackEnv {
  /** Without a database name, e.g. mongodb://127.0.0.1:27018/ — callers append their own. */
  MONGODB_URI: string;
  ELASTICSEARCH_URL: string;
  SMTP_URL: string;
  /** Mailpit's REST API for reading mail back; '' when SMTP_URL is external and MAILPIT_URL unset. */
  MAILPIT_URL: string;
  /** An OpenAI-compatible embeddings API's base URL (POST `${url}/embeddings`), e.g. http://127.0.0.1:8301/v1. */
  EMBEDDINGS_URL: string;
}

export interface StartOptions {
  /** Receives progress lines (downloads, builds, starts), without a prefix; defaults to console.log with `[stack] `. */
  log?: Log;
}

export type { ServiceStatus } from './services/service';

const SERVICE: Readonly<Record<ServiceName, LocalService>> = {
  elasticsearch,
  postgres,
  ferretdb,
  mailpit,
  embeddings,
};

const defaultLog: Log = (line) => console.log(`[stack] ${line}`);

/** The URLs of a profile's local servers, whether or not they run. */
export function localEnv(profile: Profile): StackEnv {
  return {
    MONGODB_URI: mongodbUri(profile),
    ELASTICSEARCH_URL: elasticsearchUrl(profile),
    SMTP_URL: smtpUrl(profile),
    MAILPIT_URL: mailpitUrl(profile),
    EMBEDDINGS_URL: embeddingsUrl(profile),
  };
}

/** One start or stop at a time per profile and service, across processes. */
function serviceLock<T>(profile: Profile, name: ServiceName, log: Log, work: () => Promise<T>): Promise<T> {
  return withLock(join(LOCK_DIR, `${profile}-${name}.lock`), work, () =>
    log(`[${profile}] ${name}: waiting for another process that is starting or stopping it…`),
  );
}

async function ensureStarted(profile: Profile, name: ServiceName, log: Log): Promise<void> {
  const service = SERVICE[name];
  // FerretDB needs its PostgreSQL; the Go build and PostgreSQL's start overlap.
  if (name === 'ferretdb') await Promise.all([service.install(log), ensureStarted(profile, 'postgres', log)]);
  else await service.install(log);
  await serviceLock(profile, name, log, () => service.start(profile, log));
}

/** Waits for all, then throws one Error carrying every failure's message (each names its service and log). */
async function settleAll(tasks: readonly Promise<void>[]): Promise<void> {
  const failures = (await Promise.allSettled(tasks)).flatMap((result) =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1)
    throw new Error(
      failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join('\n\n'),
    );
}

/**
 * Installs what is missing, then starts the profile's servers that are not already running (a healthy
 * running instance is reused) and waits until each is ready (Elasticsearch 90 s, the others 30 s).
 * Services given by MONGODB_URI, ELASTICSEARCH_URL, SMTP_URL or EMBEDDINGS_URL in the environment are not
 * started; their URLs are returned as given (MAILPIT_URL too). Throws an Error naming the service, what
 * failed and its log.
 */
export async function startStack(profile: Profile, opts: StartOptions = {}): Promise<StackEnv> {
  const log = opts.log ?? defaultLog;
  const env = process.env;
  const local = localEnv(profile);
  const startedAt = Date.now();
  const tasks: Promise<void>[] = [];
  const external = (variable: string, service: string): void =>
    log(`[${profile}] ${service}: using ${variable}=${env[variable]} from the environment; not starting it`);

  // All chains run in parallel: Elasticsearch is the slowest to install and to start.
  if (env.ELASTICSEARCH_URL) external('ELASTICSEARCH_URL', 'elasticsearch');
  else tasks.push(ensureStarted(profile, 'elasticsearch', log));
  if (env.MONGODB_URI) external('MONGODB_URI', 'ferretdb');
  else tasks.push(ensureStarted(profile, 'ferretdb', log));
  if (env.SMTP_URL) external('SMTP_URL', 'mailpit');
  else tasks.push(ensureStarted(profile, 'mailpit', log));
  if (env.EMBEDDINGS_URL) external('EMBEDDINGS_URL', 'embeddings');
  else tasks.push(ensureStarted(profile, 'embeddings', log));
  await settleAll(tasks);
  log(`[${profile}] ready in ${elapsedSeconds(startedAt)} s`);

  return {
    MONGODB_URI: env.MONGODB_URI || local.MONGODB_URI,
    ELASTICSEARCH_URL: env.ELASTICSEARCH_URL || local.ELASTICSEARCH_URL,
    SMTP_URL: env.SMTP_URL || local.SMTP_URL,
    MAILPIT_URL: env.MAILPIT_URL || (env.SMTP_URL ? '' : local.MAILPIT_URL),
    EMBEDDINGS_URL: env.EMBEDDINGS_URL || local.EMBEDDINGS_URL,
  };
}

/**
 * Stops every server of the profile that the stack started (found through pidfiles, whichever process
 * started them) and resolves once their processes are gone. FerretDB stops before its PostgreSQL.
 */
export async function stopStack(profile: Profile): Promise<void> {
  const log = defaultLog;
  const stop = (name: ServiceName): Promise<void> =>
    serviceLock(profile, name, log, () => SERVICE[name].stop(profile));
  await settleAll([
    stop('elasticsearch'),
    stop('mailpit'),
    stop('embeddings'),
    (async () => {
      await stop('ferretdb');
      await stop('postgres');
    })(),
  ]);
}

/**
 * Starts one service of the profile (installing it if needed; FerretDB also starts its PostgreSQL) and
 * waits until it is ready. Reuses a healthy running instance.
 */
export async function startService(
  profile: Profile,
  name: ServiceName,
  opts: StartOptions = {},
): Promise<void> {
  await ensureStarted(profile, name, opts.log ?? defaultLog);
}

/** Stops one service of the profile and waits until its process is gone (nothing else is touched). */
export async function stopService(profile: Profile, name: ServiceName): Promise<void> {
  await serviceLock(profile, name, defaultLog, () => SERVICE[name].stop(profile));
}

/** Whether each local server of the profile runs and answers its readiness probe. */
export async function stackStatus(profile: Profile): Promise<Record<ServiceName, ServiceStatus>> {
  const entries = await Promise.all(
    SERVICES.map(async (name) => [name, await SERVICE[name].status(profile)] as const),
  );
  return Object.fromEntries(entries) as Record<ServiceName, ServiceStatus>;
}
