// `npm start`: install what is missing, start the dev stack, prepare indexes and aliases, seed demo data
// into an empty store, build web for production (cached), then run api + worker + the built web server
// behind one origin until Ctrl-C stops everything. `npm run dev` (--dev) runs Vite's hot-reload server instead.
//
// Shutdown has one owner: this process. Its children run in process groups of their own, so a terminal's
// Ctrl-C (SIGINT to the foreground group) reaches only npm, bootstrap.mjs (which relay it here and wait)
// and this process, which stops the web server, api and worker, then the stack, and only then exits.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { loadConfig } from '@panhuo/api/config';
import { createEsClient, indexNames, INDEX_MAINTENANCE_TIMEOUT_MS } from '@panhuo/api/infra/elasticsearch';
import { connectMongo, syncMongoIndexes } from '@panhuo/api/infra/mongo';
import { Progress } from '@panhuo/api/infra/progress';
import { roleLabels } from '@panhuo/domain/accounts/roles';
import { seedDemoAccounts } from '@panhuo/api/seed/accounts';
import { seedDemoEvaluations } from '@panhuo/api/seed/demo-evaluations';
import { seedDemoPushes } from '@panhuo/api/seed/demo-pushes';
import { isStoreEmpty, seedPatents } from '@panhuo/api/seed/seed-store';
import { ensurePatentIndex, patentMappingVersion, servingMappingVersion } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { startStack, stopService, stopStack } from '@panhuo/stack/stack';
import { ensureWebBuild, WEB_SERVER } from '@panhuo/stack/web-build';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const devMode = process.argv.includes('--dev');
// PANHUO_LOG_DIR lets the launcher's own test keep its logs out of the developer's.
const logs = process.env.PANHUO_LOG_DIR ?? join(root, '.stack', 'dev', 'logs');
const webPort = Number(process.env.WEB_PORT ?? 3000);
const apiPort = Number(process.env.API_PORT ?? 3001);
const webOrigin = `http://127.0.0.1:${webPort}`;
const demoCount = Number(process.env.SEED_COUNT ?? 20_000);
/** How long a child may take to stop after SIGTERM before its process group is killed. */
const STOP_TIMEOUT_MS = 15_000;
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

/** Starts a long-running child in its own process group, output in <logs>/<name>.log. */
function launch(name: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): void {
  if (stopping) return; // a Ctrl-C during the start-up: nothing more to start
  mkdirSync(logs, { recursive: true });
  const out = openSync(join(logs, `${name}.log`), 'a');
  const proc = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
  proc.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? code}); see ${join(logs, `${name}.log`)}`);
    void shutdown(1);
  });
  children.push({ name, proc });
}

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function groupAlive(proc: ChildProcess): boolean {
  if (proc.pid === undefined) return false;
  try {
    process.kill(-proc.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the child's whole group (tsx runs the script in a second process), SIGKILL after a timeout. */
async function stopChild(proc: ChildProcess): Promise<void> {
  signalGroup(proc, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (groupAlive(proc) && Date.now() < deadline) await sleep(100);
  if (groupAlive(proc)) signalGroup(proc, 'SIGKILL');
}

/**
 * Stops the dev stack's servers, except those given by URL in the environment: nothing was started for
 * them, and the dev stack that happens to run beside must be left alone.
 */
async function stopOwnStack(): Promise<void> {
  const env = process.env;
  if (!env.ELASTICSEARCH_URL && !env.MONGODB_URI && !env.SMTP_URL) return stopStack('dev');
  await Promise.all([
    env.ELASTICSEARCH_URL ? null : stopService('dev', 'elasticsearch'),
    env.SMTP_URL ? null : stopService('dev', 'mailpit'),
    env.MONGODB_URI ? null : stopService('dev', 'ferretdb').then(() => stopService('dev', 'postgres')),
  ]);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(300);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (logs in ${logs})`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping api, worker and web…');
  await Promise.all(children.map(({ proc }) => stopChild(proc)));
  console.log('[start] stopping the dev stack…');
  try {
    await stopOwnStack();
  } catch (err) {
    console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
    code = 1;
  }
  console.log('[start] stopped.');
  process.exit(code);
}

// npm and bootstrap.mjs relay the terminal's signal once more each: one shutdown, whatever the count.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
// Last resort when this process dies some other way: no server left running in its own group.
process.on('exit', () => {
  for (const { proc } of children) signalGroup(proc, 'SIGKILL');
});

try {
  const t0 = Date.now();
  // The production build overlaps the stack's start and the seeding; a current build is reused at once.
  const building = devMode
    ? Promise.resolve()
    : ensureWebBuild({
        logFile: join(logs, 'web-build.log'),
        log: (line) => console.log(`[web] ${line}`),
      }).then(() => undefined);
  building.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  console.log('[start] starting the dev stack (Elasticsearch, FerretDB on PostgreSQL, Mailpit)…');
  const stackEnv = await startStack('dev', { log: (line) => console.log(`[stack] ${line}`) });
  const env: NodeJS.ProcessEnv = { ...process.env, ...stackEnv, NODE_ENV: 'development' };
  const config = loadConfig(env);

  await connectMongo(config);
  await syncMongoIndexes();
  // It may reindex (a changed mapping): the long timeout of index maintenance.
  const es = createEsClient(config, { requestTimeoutMs: INDEX_MAINTENANCE_TIMEOUT_MS });
  await ensurePatentIndex(es, config.ES_INDEX_PREFIX);
  if (await isStoreEmpty()) {
    console.log(`[start] empty store: seeding ${demoCount} demo patents…`);
    const seeding = new Progress('[seed] patents', demoCount, process.stdout);
    const seeded = await seedPatents({
      count: demoCount,
      seed: 42,
      onProgress: (done) => seeding.update(done),
    });
    seeding.finish(seeded.patents);
    const indexing = new Progress('[index] patents', seeded.patents, process.stdout);
    const result = await reindexPatents(es, config.ES_INDEX_PREFIX, {
      onProgress: (done) => indexing.update(done),
    });
    indexing.finish(result.count);
  } else if (
    (await servingMappingVersion(es, indexNames(config.ES_INDEX_PREFIX).patents)) !== patentMappingVersion()
  ) {
    // The checkout's mappings/patents.json changed since the index was built: rebuild it from MongoDB
    // (the search-doc store when it is current, else the patents).
    console.log(`[start] the index mapping changed (now v${patentMappingVersion()}): reindexing…`);
    const indexing = new Progress('[index] patents', 0, process.stdout);
    const result = await reindexPatents(es, config.ES_INDEX_PREFIX, {
      useStoredDocs: true,
      onProgress: (done, total) => {
        indexing.setTotal(total);
        indexing.update(done);
      },
    });
    indexing.finish(result.count);
  }
  // Idempotent: creates only the demo accounts that are missing.
  const logins = await seedDemoAccounts();
  await seedDemoEvaluations(); // 评价库 pushes and evaluations in every state for the demo enterprises
  await seedDemoPushes(); // a rule push in 推送管理, queued for the worker's push job
  await mongoose.disconnect();
  await es.close();

  await building;
  launch('api', [tsx, 'api/src/main.ts'], {
    ...env,
    PORT: String(apiPort),
    PUBLIC_URL: webOrigin,
  });
  launch('worker', [tsx, 'jobs/src/main.ts'], env);
  const webEnv = { ...env, API_URL: `http://127.0.0.1:${apiPort}` };
  if (devMode) {
    launch(
      'web',
      [vite, 'dev', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'],
      webEnv,
      join(root, 'web'),
    );
  } else {
    launch('web', [WEB_SERVER], {
      ...webEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(webPort),
      // The origin SvelteKit checks form posts against (adapter-node would otherwise assume https).
      ORIGIN: webOrigin,
      // Uploads pass through form actions (adapter-node's default is 512K): a 5 MB 实名认证 licence, three
      // 5 MB attachments of a 合作意向 message, a 10,000-row 批量导入 file.
      BODY_SIZE_LIMIT: '20M',
    });
  }
  await waitForHttp(`http://127.0.0.1:${webPort}/api/healthz`, 90_000);

  const mode = devMode ? 'development (vite dev, hot reload)' : 'production build';
  console.log(`\n[start] ready in ${Math.round((Date.now() - t0) / 1000)} s (web: ${mode})`);
  console.log(`[start] 盘活行动 platform: ${webOrigin}/`);
  console.log(`[start] mail (Mailpit): ${stackEnv.MAILPIT_URL}/`);
  console.log(`[start] demo logins (password of each: ${logins[0]?.password ?? ''}):`);
  for (const login of logins) {
    console.log(`  ${roleLabels[login.role].padEnd(6, '　')} ${login.account.padEnd(16)} ${login.note}`);
  }
  console.log(`[start] logs: ${logs}`);
  console.log('[start] Ctrl-C stops everything.');
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
}
