// Installing Elasticsearch 9.1.5 and the project's smartcn plugin into .stack/. Only the integ-test zip
// (the minimal distribution, no bundled JDK) is on Maven Central, the one registry with Elasticsearch;
// the official analysis-smartcn plugin is not, so stack/smartcn/ builds an equivalent stable plugin.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from '../install-log';
import { fingerprint, stampMatches, step, writeStamp } from '../install-log';
import { CACHE_DIR, LOCK_DIR, STACK_HOME, STACK_WORKSPACE } from '../layout';
import { chownRecursive, ensureSystemUser, isRoot, run, withLock } from '../process-control';
import { findJdk21, mavenArgs } from '../toolchain';
import { extractZip } from '../zip-extract';

export const ES_VERSION = '9.1.5';
/** One Elasticsearch installation shared by both profiles (each has its own config, data and logs). */
export const ES_HOME = join(STACK_HOME, `elasticsearch-${ES_VERSION}`);
/** Elasticsearch refuses to run as root; as root it runs as this system user. */
export const ES_USER = 'panhuo-es';

const ARTIFACT = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip`;
const ZIP_IN_REPO = join(
  CACHE_DIR,
  'm2',
  'org/elasticsearch/distribution/integ-test-zip/elasticsearch',
  ES_VERSION,
  `elasticsearch-${ES_VERSION}.zip`,
);
const SMARTCN_DIR = join(STACK_WORKSPACE, 'smartcn');
const PLUGIN_NAME = 'analysis-smartcn';
const PLUGIN_ZIP = join(SMARTCN_DIR, 'target', `${PLUGIN_NAME}-${ES_VERSION}.zip`);
/** Fingerprint of the plugin sources it was installed from: a changed source is rebuilt and reinstalled. */
const PLUGIN_STAMP = join(ES_HOME, '.panhuo-smartcn.stamp');
const INSTALL_LOG = join(STACK_HOME, 'logs', 'elasticsearch-install.log');

/** The OS user Elasticsearch runs as: ES_USER (created on demand) when root, else undefined (ourselves). */
export async function elasticsearchUser(): Promise<string | undefined> {
  if (!isRoot()) return undefined;
  await withLock(join(LOCK_DIR, 'system-user.lock'), () => ensureSystemUser(ES_USER));
  return ES_USER;
}

async function downloadAndUnpack(jdk: string, log: Log): Promise<void> {
  if (!existsSync(ZIP_IN_REPO)) {
    await step(log, `elasticsearch: downloading Elasticsearch ${ES_VERSION} (96 MB) from Maven Central`, () =>
      run('mvn', [...mavenArgs(), 'dependency:get', `-Dartifact=${ARTIFACT}`, '-Dtransitive=false'], {
        env: { JAVA_HOME: jdk },
        logFile: INSTALL_LOG,
        timeoutMs: 1_800_000,
      }),
    );
  }
  await step(log, `elasticsearch: unpacking into ${ES_HOME}`, async () => {
    // Unpack beside the target and rename at the end: an interrupted unpack never looks installed.
    const partial = `${ES_HOME}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    extractZip(ZIP_IN_REPO, partial);
    rmSync(ES_HOME, { recursive: true, force: true });
    renameSync(join(partial, `elasticsearch-${ES_VERSION}`), ES_HOME);
    rmSync(partial, { recursive: true, force: true });
  });
}

async function buildPlugin(jdk: string, log: Log): Promise<void> {
  // Maven must itself run on the JDK >= 21: under Java 17 `<release>21</release>` is "not supported".
  await step(log, 'elasticsearch: building the smartcn analysis plugin (Maven)', () =>
    run('mvn', [...mavenArgs(), '-f', join(SMARTCN_DIR, 'pom.xml'), 'package'], {
      env: { JAVA_HOME: jdk },
      logFile: INSTALL_LOG,
      timeoutMs: 900_000,
    }),
  );
}

async function installPlugin(jdk: string, sourceFingerprint: string, log: Log): Promise<void> {
  const cli = join(ES_HOME, 'bin', 'elasticsearch-plugin');
  // Without ES_JAVA_HOME the CLI looks for a bundled jdk/ (absent: exit 127); with its default heap it
  // runs out of memory (exit 70).
  const env = { ES_JAVA_HOME: jdk, CLI_JAVA_OPTS: '-Xmx1g' };
  await step(log, 'elasticsearch: installing the smartcn plugin', async () => {
    if (existsSync(join(ES_HOME, 'plugins', PLUGIN_NAME))) {
      await run(cli, ['remove', PLUGIN_NAME], { env, logFile: INSTALL_LOG, timeoutMs: 120_000 });
    }
    await run(cli, ['install', '--batch', pathToFileURL(PLUGIN_ZIP).href], {
      env,
      logFile: INSTALL_LOG,
      timeoutMs: 300_000,
    });
  });
  writeStamp(PLUGIN_STAMP, sourceFingerprint);
  // A node already running keeps the plugin it loaded at start.
  log('elasticsearch: smartcn plugin installed; a node that was already running loads it at its next start');
}

/**
 * Makes sure .stack/elasticsearch-9.1.5 exists with the current smartcn plugin installed, downloading and
 * building only what is missing or changed. Serialised across processes by a lock.
 */
export async function installElasticsearch(log: Log): Promise<void> {
  await withLock(
    join(LOCK_DIR, 'elasticsearch-install.lock'),
    async () => {
      const sourceFingerprint = fingerprint(SMARTCN_DIR, ['pom.xml', 'src']);
      const homeReady = existsSync(join(ES_HOME, 'bin', 'elasticsearch'));
      const pluginReady =
        homeReady &&
        existsSync(join(ES_HOME, 'plugins', PLUGIN_NAME)) &&
        stampMatches(PLUGIN_STAMP, sourceFingerprint);
      if (pluginReady) return;
      const jdk = findJdk21();
      // The download/unpack and the plugin build are independent: run them side by side.
      await Promise.all([homeReady ? Promise.resolve() : downloadAndUnpack(jdk, log), buildPlugin(jdk, log)]);
      await installPlugin(jdk, sourceFingerprint, log);
      const user = await elasticsearchUser();
      if (user) await chownRecursive(user, [ES_HOME]);
    },
    () => log('elasticsearch: waiting for another process that is installing it…'),
  );
}
