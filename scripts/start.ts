// `npm start`: install what is missing, start the dev stack, prepare indexes and aliases, seed demo data
// into an empty store, then run api + worker + web behind one origin until Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '@panhuo/api/config';
import { createEsClient, indexNames, INDEX_MAINTENANCE_TIMEOUT_MS } from '@panhuo/api/infra/elasticsearch';
import { connectMongo, syncMongoIndexes } from '@panhuo/api/infra/mongo';
import { Progress } from '@panhuo/api/infra/progress';
import { roleLabels } from '@panhuo/domain/accounts/roles';
import { seedDemoAccounts } from '@panhuo/api/seed/accounts';
import { isStoreEmpty, seedPatents } from '@panhuo/api/seed/seed-store';
import { ensurePatentIndex, patentMappingVersion, servingMappingVersion } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { startStack, stopStack } from '@panhuo/stack/stack';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const logs = join(root, '.stack', 'dev', 'logs');
const webPort = Number(process.env.WEB_PORT ?? 3000);
const apiPort = Number(process.env.API_PORT ?? 3001);
const demoCount = Number(process.env.SEED_COUNT ?? 20_000);
const children: ChildProcess[] = [];
let stopping = false;

/** Starts a long-running child with its output in .stack/dev/logs/<name>.log. */
function launch(name: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): ChildProcess {
  mkdirSync(logs, { recursive: true });
  const out = openSync(join(logs, `${name}.log`), 'a');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', out, out] });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? code}); see ${join(logs, `${name}.log`)}`);
    void shutdown(1);
  });
  children.push(child);
  return child;
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
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (logs in ${logs})`);
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\n[start] stopping api, worker and web…');
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    console.log('[start] stopping the dev stack…');
    await stopStack('dev');
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

try {
  const t0 = Date.now();
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
  await mongoose.disconnect();
  await es.close();

  launch('api', [tsx, 'api/src/main.ts'], {
    ...env,
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
  });
  launch('worker', [tsx, 'jobs/src/main.ts'], env);
  launch(
    'web',
    [vite, 'dev', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'],
    {
      ...env,
      API_URL: `http://127.0.0.1:${apiPort}`,
    },
    join(root, 'web'),
  );
  await waitForHttp(`http://127.0.0.1:${webPort}/api/healthz`, 90_000);

  console.log(`\n[start] ready in ${Math.round((Date.now() - t0) / 1000)} s`);
  console.log(`[start] 盘活行动 platform: http://127.0.0.1:${webPort}/`);
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
