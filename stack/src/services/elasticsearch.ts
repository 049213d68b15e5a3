// The Elasticsearch node of a profile: started in the background with its own config, data, logs, temp
// folder and ports, found again through its pidfile, stopped with SIGTERM.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serviceError, httpGet } from '../health';
import type { Log } from '../install-log';
import { ensureServiceDirs, serviceDirs } from '../layout';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import { chownRecursive, isAlive, readPidFile, run } from '../process-control';
import { findJdk21 } from '../toolchain';
import { ES_HOME, elasticsearchUser, installElasticsearch } from './elasticsearch-install';
import { announceStart, assertPortsFree, detachedService, stopRecorded, waitForServer } from './lifecycle';
import type { DetachedServer } from './lifecycle';
import type { LocalService } from './service';

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

const server: DetachedServer = {
  name: 'elasticsearch',
  paths,
  marker: PROCESS_MARKER,
  url: elasticsearchUrl,
  ready,
  readiness: (profile) => `GET ${elasticsearchUrl(profile)}/_cluster/health to answer yellow or green`,
  startTimeoutMs: START_TIMEOUT_MS,
  stopGraceMs: 60_000,
};

async function launch(profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  const ports = PORTS[profile];
  await assertPortsFree(
    'elasticsearch',
    profile,
    [ports.elasticsearchHttp, ports.elasticsearchTransport],
    p.logFile,
  );
  const jdk = findJdk21();
  ensureServiceDirs(profile, 'elasticsearch');
  mkdirSync(p.tmp, { recursive: true });
  // A per-profile config folder: the node writes its keystore there, and two nodes must not share one.
  if (!existsSync(join(p.config, 'jvm.options')))
    cpSync(join(ES_HOME, 'config'), p.config, { recursive: true });
  const user = await elasticsearchUser();
  if (user) await chownRecursive(user, [p.data, p.logs, p.run]);

  const startedAt = Date.now();
  const started = announceStart(log, profile, 'elasticsearch', `starting on ${elasticsearchUrl(profile)}`);
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
  // Leave nothing half-started behind: the next start begins from a clean slate.
  const cleanUp = (): Promise<void> => stopRecorded(server, profile, 30_000);
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
    await cleanUp();
    const firstLine = (error as Error).message.split('\n')[0];
    const logFile = existsSync(p.logFile) ? p.logFile : p.launcherLog;
    throw serviceError('elasticsearch', profile, `bin/elasticsearch did not start (${firstLine})`, logFile);
  }
  await waitForServer(server, profile, {
    timeoutMs: Math.max(5_000, START_TIMEOUT_MS - (Date.now() - startedAt)),
    // Without a pidfile there is no process to watch: wait for the deadline.
    alive: () => {
      const pid = readPidFile(p.pidFile);
      return pid === undefined || isAlive(pid);
    },
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  started(readPidFile(p.pidFile));
}

/**
 * Elasticsearch 9.1.5 with smartcn, one node per profile (pidfile: .stack/<profile>/run/elasticsearch/).
 * A running node that is not ready yet is still starting, or recovering its shards after a restart.
 */
export const elasticsearch: LocalService = detachedService(server, {
  install: installElasticsearch,
  launch,
  announceWait: true,
});
