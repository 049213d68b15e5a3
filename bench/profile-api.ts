// Where a signed-in search request's time goes in the API, one client, against the bench data of the dev
// stack (run `npm run bench -- --count 20000 --only search` once first): the trivial signed-in route, the
// search, and the search's parts. `npx tsx bench/profile-api.ts [rounds]`; add `--cpu-prof` to NODE_OPTIONS
// for a CPU profile of the same run.
import mongoose from 'mongoose';
import { loadConfig } from '@panhuo/api/config';
import { connectMongo } from '@panhuo/api/infra/mongo';
import { startStack } from '@panhuo/stack/stack';
import { startBenchApi } from './api-server';
import { LIST_PATH, searchCases, searchPath } from './queries';
import { summarize } from './stats';

const rounds = Number(process.argv[2] ?? 5);
const stackEnv = await startStack('dev', { log: () => {} });
const config = loadConfig({
  ...process.env,
  ...stackEnv,
  NODE_ENV: 'development',
  PORT: '0',
  LOG_LEVEL: 'silent',
  MONGODB_DB: 'bench',
  ES_INDEX_PREFIX: 'bench',
});
await connectMongo(config);
const api = await startBenchApi(config);
const paths: Record<string, string[]> = {
  'GET /api/auth/me': ['/api/auth/me'],
  'GET /api/healthz (no session)': ['/api/healthz'],
  search: searchCases().map((c) => searchPath(LIST_PATH, c)),
};
for (const [name, list] of Object.entries(paths)) {
  const ms: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    for (const path of list) {
      const res = await api.get(path);
      if (res.status !== 200 && res.status !== 503) throw new Error(`${path}: ${res.status}`);
      if (r > 0) ms.push(res.ms);
    }
  }
  const s = summarize(ms);
  console.log(`${name.padEnd(30)} n ${ms.length} p50 ${s.p50} p95 ${s.p95} mean ${s.mean}`);
}
await api.close();
await mongoose.disconnect();
