// The Elasticsearch node of a profile: started in the background with its own config, data, logs, temp
// folder and ports, found again through its pidfile, stopped with SIGTERM.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serviceError, httpGet, tcpOpen, waitUntilReady } from '../health';
import type { Log } from '../install-log';
import { elapsedSeconds } from '../install-log';
import { ensureServiceDirs, serviceDirs } from '../layout';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import { chownRecursive, isAlive, livePid, readPidFile, run, terminate } from '../process-control';
import { findJdk21 } from '../toolchain';
import { ES_HOME, elasticsearchUser, installElasticsearch } from './elasticsearch-install';
import type { LocalService, ServiceStatus } from './service';

const START_TIMEOUT_MS = 90_000;
/** Part of the server JVM's command line; guards against a pid reused by another program. */
const PROCESS_MARKER = 'org.elasticsearch';

/** The cluster name doubles as an identity check: a node on our port with another name is not ours. */
function clusterName(profile: Profile): string {
  return `panhuo-${profile}`;
}

/** The profile's Elasticsearch URL, e.g. http://127.0.0.1:9201. */
export function elasticsearchUrl(profile: Profile): string {
  return `http://127.0.0.1:${PORTS[profile].elasticsearchHttp}`;
}

function paths(profile: Profile) {
  const dirs = serviceDirs(profile, 'elasticsearch');
  return {
    ...dirs,
    config: join(dirs.run, 'config'),
    tmp: join(dirs.run, 'tmp'),
    pidFile: join(dirs.run, 'elasticsearch.pid'),
    logFile: join(dirs.logs, `${clusterName(profile)}.log`),
    launcherLog: join(dirs.logs, 'launcher.log'),
  };
}

/** GET /_cluster/health (GET / answers 405 on this distribution): our cluster, status yellow or green. */
async function ready(profile: Profile): Promise<boolean> {
  const answer = await httpGet(`${elasticsearchUrl(profile)}/_cluster/health`);
  if (answer?.status !== 200) return false;
  try {
    const health = JSON.parse(answer.body) as { cluster_name?: string; status?: string };
    return (
      health.cluster_name === clusterName(profile) &&
      (health.status === 'green' || health.status === 'yellow')
    );
  } catch {
    return false;
  }
}

async function launch(profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  const ports = PORTS[profile];
  for (const port of [ports.elasticsearchHttp, ports.elasticsearchTransport]) {
    if (await tcpOpen(port)) {
      throw serviceError(
        'elasticsearch',
        profile,
        `port ${port} is already in use by another program`,
        p.logFile,
      );
    }
  }
  const jdk = findJdk21();
  ensureServiceDirs(profile, 'elasticsearch');
  mkdirSync(p.tmp, { recursive: true });
  // A per-profile config folder: the node writes its keystore there, and two nodes must not share one.
  if (!existsSync(join(p.config, 'jvm.options')))
    cpSync(join(ES_HOME, 'config'), p.config, { recursive: true });
  const user = await elasticsearchUser();
  if (user) await chownRecursive(user, [p.data, p.logs, p.run]);

  const startedAt = Date.now();
  log(`[${profile}] elasticsearch: starting on ${elasticsearchUrl(profile)}…`);
  const settings = {
    'cluster.name': clusterName(profile),
    'node.name': clusterName(profile),
    'discovery.type': 'single-node',
    'xpack.security.enabled': 'false',
    'network.host': '127.0.0.1',
    'http.port': String(ports.elasticsearchHttp),
    'transport.port': String(ports.elasticsearchTransport),
    'path.data': p.data,
    'path.logs': p.logs,
    // A nearly full developer disk must not turn the indices read-only in the middle of a test run.
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
  };
  const args = [
    '-d',
    '-p',
    p.pidFile,
    ...Object.entries(settings).flatMap(([key, value]) => ['-E', `${key}=${value}`]),
  ];
  try {
    // With -d the launcher returns once the node has started, leaving the server JVM in the background.
    await run(join(ES_HOME, 'bin', 'elasticsearch'), args, {
      user,
      cwd: ES_HOME,
      env: { ES_JAVA_HOME: jdk, ES_PATH_CONF: p.config, ES_TMPDIR: p.tmp, ES_JAVA_OPTS: '-Xms1g -Xmx1g' },
      logFile: p.launcherLog,
      timeoutMs: START_TIMEOUT_MS,
      detached: true,
    });
  } catch (error) {
    const pid = livePid(p.pidFile, PROCESS_MARKER);
    if (pid !== undefined) await terminate(pid, 30_000);
    const firstLine = (error as Error).message.split('\n')[0];
    const logFile = existsSync(p.logFile) ? p.logFile : p.launcherLog;
    throw serviceError('elasticsearch', profile, `bin/elasticsearch did not start (${firstLine})`, logFile);
  }
  await waitUntilReady({
    service: 'elasticsearch',
    profile,
    what: `GET ${elasticsearchUrl(profile)}/_cluster/health to answer yellow or green`,
    timeoutMs: Math.max(5_000, START_TIMEOUT_MS - (Date.now() - startedAt)),
    logFile: p.logFile,
    probe: () => ready(profile),
    alive: () => {
      const pid = readPidFile(p.pidFile);
      return pid === undefined || isAlive(pid);
    },
  }).catch(async (error: unknown) => {
    // Leave nothing half-started behind: the next start begins from a clean slate.
    const pid = livePid(p.pidFile, PROCESS_MARKER);
    if (pid !== undefined) await terminate(pid, 30_000);
    throw error;
  });
  log(`[${profile}] elasticsearch: ready in ${elapsedSeconds(startedAt)} s (pid ${readPidFile(p.pidFile)})`);
}

/** Elasticsearch 9.1.5 with smartcn, one node per profile (pidfile: .stack/<profile>/run/elasticsearch/). */
export const elasticsearch: LocalService = {
  name: 'elasticsearch',

  install: installElasticsearch,

  async start(profile: Profile, log: Log): Promise<void> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, PROCESS_MARKER);
    if (pid === undefined) return launch(profile, log);
    if (await ready(profile)) {
      log(`[${profile}] elasticsearch: already running (pid ${pid})`);
      return;
    }
    // Running but not ready: still starting, or recovering its shards after a restart.
    log(`[${profile}] elasticsearch: running (pid ${pid}) but not ready yet; waiting…`);
    await waitUntilReady({
      service: 'elasticsearch',
      profile,
      what: `GET ${elasticsearchUrl(profile)}/_cluster/health to answer yellow or green`,
      timeoutMs: START_TIMEOUT_MS,
      logFile: p.logFile,
      probe: () => ready(profile),
      alive: () => isAlive(pid),
    });
  },

  async stop(profile: Profile): Promise<void> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, PROCESS_MARKER);
    if (pid !== undefined) await terminate(pid, 60_000);
    rmSync(p.pidFile, { force: true });
  },

  async status(profile: Profile): Promise<ServiceStatus> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, PROCESS_MARKER);
    return {
      up: pid !== undefined && (await ready(profile)),
      pid,
      url: elasticsearchUrl(profile),
      logFile: p.logFile,
    };
  },
};
