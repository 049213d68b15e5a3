// `npm test`: start the test profile of the local stack (own ports and data, so it runs beside `npm start`),
// run every vitest project against it (browser tests in Chromium last), and always stop what it started.
// Extra arguments go to vitest, e.g. `npm test -- --project api`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { MongoClient } from 'mongodb';
import { deleteIndicesMatching } from '@panhuo/api/infra/elasticsearch';
import { startStack, stopStack } from '@panhuo/stack/stack';
import type { StackEnv } from '@panhuo/stack/stack';

const root = join(import.meta.dirname, '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const started = Date.now();
let current: ReturnType<typeof spawn> | undefined;
let interrupted = false;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    current = spawn(process.execPath, [vitest, ...args], { cwd: root, env, stdio: 'inherit' });
    current.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Each test file makes its own database and index prefix and drops them at the end; a run that was
 * killed leaves them behind. Drop such leftovers first, so they never pile up in the test profile.
 */
async function dropLeftovers(env: StackEnv): Promise<void> {
  const client = new MongoClient(env.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
  try {
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) if (/^(t_|panhuo_web_browser)/.test(name)) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
  const es = new Client({ node: env.ELASTICSEARCH_URL });
  for (const pattern of ['t-*', 'search-test-*', 'stack-test-*', 'panhuo-web-browser-*']) {
    await deleteIndicesMatching(es, pattern);
  }
  await es.close();
}

async function stop(): Promise<void> {
  console.log('[test] stopping the test stack…');
  await stopStack('test');
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n[test] ${signal}: stopping tests and servers`);
    current?.kill('SIGTERM');
    void stop().finally(() => process.exit(130));
  });
}

let code = 1;
try {
  console.log('[test] starting the test stack (Elasticsearch, FerretDB on PostgreSQL, Mailpit)…');
  const stackEnv = await startStack('test', { log: (line) => console.log(`[stack] ${line}`) });
  const env: NodeJS.ProcessEnv = { ...process.env, ...stackEnv, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
  if (!process.env.MONGODB_URI && !process.env.ELASTICSEARCH_URL) await dropLeftovers(stackEnv);
  code = await run(['run', ...process.argv.slice(2)], env);
} catch (err) {
  console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
} finally {
  if (!interrupted) await stop();
}
console.log(`[test] finished in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(code);
