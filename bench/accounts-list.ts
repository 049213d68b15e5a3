// The authenticated 账号管理 list API under load: an enterprise with 500 experts among 200 enterprises,
// 10 concurrent clients, printed beside a trivial authenticated route (/api/auth/me) in the same run.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import mongoose, { Types } from 'mongoose';
import { createHttpServer } from '@panhuo/api/app';
import type { Config } from '@panhuo/api/config';
import { EnterpriseModel, UserModel } from '@panhuo/api/features/accounts/model';
import { hashPassword } from '@panhuo/api/features/auth/password';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { createLogger } from '@panhuo/api/infra/logger';
import { createMailer } from '@panhuo/api/infra/mailer';
import { seedBenchExperts } from '@panhuo/api/seed/bench-experts';
import { loginOverHttp } from './api-server';
import { round, summarize } from './stats';
import type { LatencySummary } from './stats';

export interface AccountsListResult {
  enterprises: number;
  experts: number;
  list: LatencySummary & { rps: number };
  me: LatencySummary & { rps: number };
}

const ADMIN = 'bench_admin';
const PASSWORD = 'BenchAdmin2026';

/** 200 enterprises, one of them with an admin and 500 experts (idempotent: tops up what is missing). */
async function prepare(): Promise<{ enterpriseId: Types.ObjectId; experts: number }> {
  const existing = await EnterpriseModel.countDocuments({ name: /^压测企业/ });
  if (existing < 200) {
    const docs = Array.from({ length: 200 - existing }, (_, i) => ({
      _id: new Types.ObjectId(),
      name: `压测企业${existing + i + 1}号科技有限公司`,
      category: 'high_tech',
      createdAt: new Date(),
      updatedAt: new Date(),
    }));
    await EnterpriseModel.collection.insertMany(docs, { ordered: false });
  }
  const first = await EnterpriseModel.findOne({ name: '压测企业1号科技有限公司' }).lean();
  if (!first) throw new Error('bench enterprise missing');
  if (!(await UserModel.exists({ account: ADMIN }))) {
    await UserModel.create({
      account: ADMIN,
      name: '压测管理员',
      passwordHash: await hashPassword(PASSWORD),
      role: 'enterprise_admin',
      enterpriseId: first._id,
      profile: { department: '技术中心', position: '主任', phone: '13800138000', email: 'bench@example.com' },
      profileCompletedAt: new Date(),
    });
  }
  await seedBenchExperts(first._id, 500);
  const experts = await UserModel.countDocuments({ enterpriseId: first._id, role: 'expert' });
  return { enterpriseId: first._id, experts };
}

/** Latencies and the time they took, of one or more load rounds. */
interface Samples {
  latencies: number[];
  seconds: number;
}

/** `total` requests from `clients` concurrent loops, added to `into`. */
async function load(
  url: (i: number) => string,
  cookie: string,
  total: number,
  clients: number,
  into: Samples = { latencies: [], seconds: 0 },
): Promise<Samples> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const res = await fetch(url(i), { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url(i)} answered ${res.status}`);
        into.latencies.push(performance.now() - t);
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
  return into;
}

function figures(samples: Samples) {
  return { ...summarize(samples.latencies), rps: round(samples.latencies.length / samples.seconds) };
}

/** Runs the benchmark against `config` (MongoDB already connected by the caller). */
export async function benchAccountsList(
  config: Config,
  opts: { requests?: number } = {},
): Promise<AccountsListResult> {
  const { experts } = await prepare();
  const enterprises = await EnterpriseModel.countDocuments({ name: /^压测企业/ });
  const deps = {
    config,
    logger: createLogger(config, 'bench'),
    es: createEsClient(config),
    mailer: createMailer(config),
  };
  const server = createHttpServer(deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const cookie = await loginOverHttp(baseUrl, ADMIN, PASSWORD);
    const requests = opts.requests ?? 2000;
    const pages = Math.ceil(experts / 20);
    const list = (i: number) => `${baseUrl}/api/experts?page=${(i % pages) + 1}&size=20`;
    const me = () => `${baseUrl}/api/auth/me`;
    await load(list, cookie, 200, 10); // warm-up
    await load(me, cookie, 200, 10);
    // Alternating rounds: whichever route ran first measured slower (the stack settling), not its own cost.
    const listSamples: Samples = { latencies: [], seconds: 0 };
    const meSamples: Samples = { latencies: [], seconds: 0 };
    for (let round = 0; round < 4; round++) {
      await load(list, cookie, requests / 4, 10, listSamples);
      await load(me, cookie, requests / 4, 10, meSamples);
    }
    return { enterprises, experts, list: figures(listSamples), me: figures(meSamples) };
  } finally {
    server.closeAllConnections();
    server.close();
    await deps.es.close();
    deps.mailer.close();
  }
}

/** Prints the result as the other benchmarks do. */
export function printAccountsList(result: AccountsListResult): void {
  console.log(
    `\n== 账号管理 list API: ${result.experts} experts in one of ${result.enterprises} enterprises, 10 clients`,
  );
  console.log('route                    req/s    p50 ms  p95 ms  p99 ms  max ms');
  for (const [name, r] of [
    ['GET /api/experts (list)', result.list],
    ['GET /api/auth/me', result.me],
  ] as const) {
    console.log(
      `${name.padEnd(24)} ${String(r.rps).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p95).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.max).padStart(6)}`,
    );
  }
  console.log(`goal p99 ≤ 50 ms for the list: ${result.list.p99 <= 50 ? 'met' : 'NOT met'}`);
}

// Standalone: `npx tsx bench/accounts-list.ts` against the dev stack, database bench_accounts.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadCliConfig } = await import('@panhuo/api/config');
  const { connectMongo, syncMongoIndexes } = await import('@panhuo/api/infra/mongo');
  const { startStack } = await import('@panhuo/stack/stack');
  const env = await startStack('dev');
  const config = loadCliConfig({ ...process.env, ...env, MONGODB_DB: 'bench_accounts', LOG_LEVEL: 'silent' });
  await connectMongo(config);
  await syncMongoIndexes();
  try {
    printAccountsList(await benchAccountsList(config));
  } finally {
    await mongoose.disconnect();
  }
}
