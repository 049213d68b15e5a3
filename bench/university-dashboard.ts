// `npx tsx bench/university-dashboard.ts [--patents 50000] [--others 50000] [--requests 60] [--cleanup]`:
// the 数据看板 (issue 16) of an institution with 50,000 registered patents. Builds that institution in a
// bench index of its own (`bench-dashboard`: its search documents with their 评价库 entries among another
// 50,000 patents of other institutions, pushed to 200 enterprises, a share evaluated by them), its intents
// and a 高校院所 user in the `bench_dashboard` database, then times GET /api/university/dashboard through the
// real API (signed in, keep-alive) and prints the latencies beside the goal (≤ 300 ms). Servers: the ones
// MONGODB_URI / ELASTICSEARCH_URL / SMTP_URL name (e.g. the test stack's); the data is kept between runs
// unless --cleanup. Not part of `npm test`.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { estypes } from '@elastic/elasticsearch';
import mongoose, { Types } from 'mongoose';
import { createHttpServer } from '@panhuo/api/app';
import { loadConfig } from '@panhuo/api/config';
import { EnterpriseModel, UserModel } from '@panhuo/api/features/accounts/model';
import { hashPassword } from '@panhuo/api/features/auth/password';
import { InstitutionModel } from '@panhuo/api/features/institutions/model';
import { IntentModel } from '@panhuo/api/features/intents/model';
import { createEsClient, indexNames } from '@panhuo/api/infra/elasticsearch';
import { createLogger } from '@panhuo/api/infra/logger';
import { createMailer } from '@panhuo/api/infra/mailer';
import { connectMongo } from '@panhuo/api/infra/mongo';
import { intentStates } from '@panhuo/domain/intents/state';
import { aliasTargets, ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { loginOverHttp } from './api-server';
import { summarize } from './stats';

const DB = 'bench_dashboard';
const PREFIX = 'bench-dashboard';
const ACCOUNT = 'bench_dashboard_university';
const PASSWORD = 'BenchDashboard2026';
const NAME = '看板基准大学';
const GOAL_MS = 300;

const { values } = parseArgs({
  options: {
    patents: { type: 'string', default: '50000' },
    others: { type: 'string', default: '50000' },
    requests: { type: 'string', default: '60' },
    cleanup: { type: 'boolean', default: false },
  },
});
const PATENTS = Number(values.patents);
const OTHERS = Number(values.others);
const REQUESTS = Number(values.requests);

/** A small deterministic generator, so two runs build the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const categories = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const DAY = 86_400_000;
const start = Date.parse('2023-01-01T00:00:00Z');
const span = Date.parse('2026-11-30T00:00:00Z') - start;

/** One search document as the indexer writes it, with the fields the figures read. */
function searchDoc(
  i: number,
  institutionId: string,
  institutionName: string,
  enterprises: string[],
  next: () => number,
) {
  const category = categories[Math.floor(next() * categories.length)]!;
  const registeredAt = new Date(start + Math.floor(next() * span));
  const library: Record<string, unknown>[] = [];
  if (next() < 0.4) {
    const count = 1 + Math.floor(next() * 10);
    for (let k = 0; k < count; k += 1) {
      const pushedAt = new Date(registeredAt.getTime() + Math.floor(next() * 60) * DAY);
      const evaluated = next() < 0.15;
      library.push({
        enterpriseId: enterprises[Math.floor(next() * enterprises.length)],
        pushedAt,
        pushId: null,
        expertCount: evaluated ? 1 + Math.floor(next() * 3) : 0,
        ...(evaluated
          ? {
              evaluatedAt: new Date(pushedAt.getTime() + Math.floor(next() * 30) * DAY),
              enterpriseStars: 1 + Math.floor(next() * 5),
            }
          : {}),
      });
    }
  }
  return {
    id: `${institutionId}-${i}`,
    applicationNumber: `BENCH${institutionId.slice(-6)}${String(i).padStart(8, '0')}`,
    title: `基准专利 ${i}`,
    patentType: 'invention',
    legalStatus: 'valid',
    institutionId,
    institutionName,
    institutionKind: 'university',
    registeredAt,
    strategicIndustries: [category, `${category}.1`],
    economicIndustries: ['C'],
    library,
    rev: 1,
  };
}

async function bulkIndex(
  es: ReturnType<typeof createEsClient>,
  index: string,
  docs: Generator<Record<string, unknown>>,
) {
  let batch: estypes.BulkOperationContainer[] | Record<string, unknown>[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const res = await es.bulk({ operations: batch, refresh: false });
    if (res.errors) throw new Error(`bulk: ${JSON.stringify(res.items.find((item) => item.index?.error))}`);
    batch = [];
  };
  for (const doc of docs) {
    (batch as unknown[]).push({ index: { _index: index, _id: doc.id as string } }, doc);
    if (batch.length >= 4000) await flush();
  }
  await flush();
}

function* docsOf(count: number, institutionId: string, name: string, enterprises: string[], seed: number) {
  const next = random(seed);
  for (let i = 0; i < count; i += 1) yield searchDoc(i, institutionId, name, enterprises, next);
}

/** Deletes the indices behind the bench's alias (by name: the node refuses wildcard deletes). */
async function dropBenchIndices(es: ReturnType<typeof createEsClient>, alias: string) {
  for (const index of await aliasTargets(es, alias)) await es.indices.delete({ index });
}

async function main() {
  const config = loadConfig({ ...process.env, MONGODB_DB: DB, ES_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' });
  await connectMongo(config);
  const es = createEsClient(config);
  const alias = indexNames(PREFIX).patents;
  await ensurePatentIndex(es, PREFIX);

  const found = await InstitutionModel.findOne({ name: NAME }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
  const institution = found ?? {
    _id: (await InstitutionModel.create({ name: NAME, kind: 'university', region: '浙江省杭州市' }))._id,
  };
  const institutionId = institution._id.toHexString();
  const others = [1, 2, 3, 4, 5].map((n) =>
    new Types.ObjectId(`65${String(n).padStart(22, '0')}`).toHexString(),
  );
  const enterprises = Array.from({ length: 200 }, (_, i) =>
    new Types.ObjectId(`66${String(i).padStart(22, '0')}`).toHexString(),
  );

  const have = await es.count({ index: alias, query: { term: { institutionId } } });
  if (have.count !== PATENTS) {
    const started = performance.now();
    // A fresh index (the node has no reindex module, so no delete-by-query): the bench's own prefix only.
    await dropBenchIndices(es, alias);
    await ensurePatentIndex(es, PREFIX);
    await bulkIndex(es, alias, docsOf(PATENTS, institutionId, NAME, enterprises, 7));
    for (const [n, other] of others.entries()) {
      await bulkIndex(
        es,
        alias,
        docsOf(Math.floor(OTHERS / others.length), other, `基准学院${n + 1}`, enterprises, 11 + n),
      );
    }
    await es.indices.refresh({ index: alias });
    console.log(
      `seeded ${PATENTS + OTHERS} search documents in ${Math.round(performance.now() - started)} ms`,
    );
  }
  const intents = await IntentModel.countDocuments({ institutionId: institution._id });
  if (intents < 300) {
    const next = random(3);
    await IntentModel.collection.insertMany(
      Array.from({ length: 300 - intents }, () => ({
        institutionId: institution._id,
        enterpriseId: new Types.ObjectId(enterprises[Math.floor(next() * enterprises.length)]),
        state: intentStates[Math.floor(next() * intentStates.length)],
        createdAt: new Date(start + Math.floor(next() * span)),
        updatedAt: new Date(),
      })),
    );
  }
  if (!(await UserModel.exists({ account: ACCOUNT }))) {
    await UserModel.create({
      account: ACCOUNT,
      name: '看板基准用户',
      passwordHash: await hashPassword(PASSWORD),
      role: 'university',
      institutionId: institution._id,
      profile: {
        department: '技术转移中心',
        position: '主任',
        phone: '13800138001',
        email: 'dash@example.com',
      },
      profileCompletedAt: new Date(),
    });
  }
  void EnterpriseModel; // enterprises exist only as ids on the documents: the figures never read them.

  const deps = { config, logger: createLogger(config, 'dashboard-bench'), es, mailer: createMailer(config) };
  const server = createHttpServer(deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = await loginOverHttp(baseUrl, ACCOUNT, PASSWORD);

  const get = async () => {
    const t = performance.now();
    const res = await fetch(`${baseUrl}/api/university/dashboard`, { headers: { cookie } });
    const body = (await res.json()) as {
      figures: { registered: number };
      byMonth: unknown[];
      byIndustry: unknown[];
    };
    if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  for (let i = 0; i < 5; i += 1) await get(); // warm-up: first aggregations after a refresh load ordinals
  const samples: number[] = [];
  let last: Awaited<ReturnType<typeof get>>['body'] | null = null;
  for (let i = 0; i < REQUESTS; i += 1) {
    const res = await get();
    samples.push(res.ms);
    last = res.body;
  }
  const esTook = (await es.search({ index: alias, size: 0, query: { term: { institutionId } } })).took;
  const summary = summarize(samples);
  console.log(
    JSON.stringify(
      {
        institutionPatents: last?.figures.registered,
        months: last?.byMonth.length,
        industries: last?.byIndustry.length,
        requests: REQUESTS,
        latencyMs: summary,
        goalMs: GOAL_MS,
        meetsGoal: summary.p95 <= GOAL_MS,
        esTookOfACountMs: esTook,
      },
      null,
      2,
    ),
  );

  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (values.cleanup) {
    await dropBenchIndices(es, alias);
    await mongoose.connection.dropDatabase();
  }
  await es.close();
  deps.mailer.close();
  await mongoose.disconnect();
}

await main();
