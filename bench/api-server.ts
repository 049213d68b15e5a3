// The real API, started in this process on a free loopback port, and a keep-alive HTTP client that times
// each request from the first byte sent to the last byte of the body received.
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import { createHttpServer } from '@panhuo/api/app';
import type { AppDeps } from '@panhuo/api/app';
import type { Config } from '@panhuo/api/config';
import { EnterpriseModel, UserModel } from '@panhuo/api/features/accounts/model';
import { hashPassword } from '@panhuo/api/features/auth/password';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { createLogger } from '@panhuo/api/infra/logger';
import { createMailer } from '@panhuo/api/infra/mailer';

/** A running API and a client for it. */
export interface BenchApi {
  baseUrl: string;
  /** GETs `path` (with its query string) and times it. */
  get: (path: string) => Promise<TimedResponse>;
  close: () => Promise<void>;
}

/** One timed response. */
export interface TimedResponse {
  status: number;
  /** Milliseconds from sending the request to receiving the whole body. */
  ms: number;
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/**
 * Starts the API (createHttpServer, the same app as production) against `config`, whose MongoDB
 * database must already be connected through mongoose (the caller owns that connection).
 */
export async function startBenchApi(config: Config): Promise<BenchApi> {
  const logger = createLogger(config, 'api-bench');
  const es = createEsClient(config);
  const mailer = createMailer(config);
  const deps: AppDeps = { config, logger, es, mailer };
  const server = createHttpServer(deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  // The libraries need a signed-in account: the benchmark searches as a 企业管理员, as a user would.
  await ensureBenchViewer();
  const cookie = await loginOverHttp(baseUrl, BENCH_VIEWER, BENCH_PASSWORD);
  return {
    baseUrl,
    get: (path) => timedGet(agent, port, path, cookie),
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await es.close();
      mailer.close();
    },
  };
}

const BENCH_VIEWER = 'bench_viewer';
const BENCH_PASSWORD = 'BenchViewer2026';

/** The benchmark's 企业管理员 and its enterprise, created once per database (profile complete). */
async function ensureBenchViewer(): Promise<void> {
  if (await UserModel.exists({ account: BENCH_VIEWER })) return;
  const enterprise = await EnterpriseModel.create({ name: '压测检索企业有限公司', category: 'high_tech' });
  await UserModel.create({
    _id: new Types.ObjectId(),
    account: BENCH_VIEWER,
    name: '压测检索用户',
    passwordHash: await hashPassword(BENCH_PASSWORD),
    role: 'enterprise_admin',
    enterpriseId: enterprise._id,
    profile: { department: '技术中心', position: '主任', phone: '13800138000', email: 'bench@example.com' },
    profileCompletedAt: new Date(),
  });
}

/**
 * Logs in over HTTP as the browser does (CSRF token, then login) and returns the session cookie pair.
 * The benchmarks time signed-in requests, as every library request is.
 */
export async function loginOverHttp(baseUrl: string, account: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ account, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${account} answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

function timedGet(agent: Agent, port: number, path: string, cookie: string): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers = { cookie };
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          body: Buffer.concat(chunks),
          headers: res.headers,
        }),
      );
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Parses a JSON response body, or throws with the status and the start of the body. */
export function jsonBody<T>(res: TimedResponse): T {
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(res.body.toString('utf8')) as T;
}
