import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { STACK_HOME } from '@panhuo/stack/layout';
import { ensureSchemathesis } from '@panhuo/stack/schemathesis';
import { TestSession, signIn } from '../../../test/auth-helpers';
import { buildPatent, buildPortfolio } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';

// Schemathesis against the real API and its OpenAPI document: every operation, anonymously and as two
// roles, fails on a 5xx, an undocumented status or content type, a body that breaks the documented
// schema, or a method that is not refused with 405 and Allow. Bounded in time (about 70 s per role on a
// 2-core machine) and in examples per operation.

/** The only route whose effect cannot be undone within a run: it ends the session every request uses. */
const logout = 'POST /api/auth/logout';
const checks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'unsupported_method',
  'allow_header_conformance',
].join(',');
/** Where each run's whole report is kept for reading (the test prints only its failures). */
const reportDir = join(STACK_HOME, 'test', 'logs', 'schemathesis');
/** Time budget of one role's main run (Schemathesis keeps fuzzing until it is spent). */
const runSeconds = 55;

let app: TestApp;
let st: string;
/** The Schemathesis config: the seeded records' ids for the operations that cannot find them alone. */
const configFile = join(reportDir, 'schemathesis.toml');

beforeAll(async () => {
  st = await ensureSchemathesis();
  app = await startTestApp('openapi_fuzz');
  // Something to find: an index with one patent of a portfolio, so search, export and facets answer data.
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const patent = await buildPatent();
  const portfolio = await buildPortfolio(patent, { name: '模糊测试专利组合', description: '一件专利' });
  await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  // Random ids only ever find nothing (404); with these, the 200 bodies are checked against their schemas.
  const known: Record<string, string> = {
    'GET /api/patents/{id}': patent._id.toHexString(),
    'GET /api/portfolios/{id}': portfolio._id.toHexString(),
    'POST /api/operator/institutions/{id}/accounts': patent.institutionId.toHexString(),
  };
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(
    configFile,
    Object.entries(known)
      .map(([name, id]) => `[[operations]]\ninclude-name = "${name}"\nparameters = { "path.id" = "${id}" }\n`)
      .join('\n'),
  );
}, 600_000);
afterAll(() => app?.close());

interface Outcome {
  code: number | null;
  output: string;
}

/**
 * Runs `st run` with the session's cookie, CSRF token and client IP on every request. Asynchronous on
 * purpose: the API under test answers from this same process.
 */
function schemathesis(session: TestSession, args: string[]): Promise<Outcome> {
  const headers = [`x-forwarded-for: ${session.ip}`];
  if (session.cookie) headers.push(`Cookie: ${session.cookie}`);
  if (session.csrfToken) headers.push(`x-csrf-token: ${session.csrfToken}`);
  const argv = [
    '--config-file',
    configFile,
    'run',
    `${app.baseUrl}/api/openapi.json`,
    '--url',
    app.baseUrl,
    ...headers.flatMap((header) => ['-H', header]),
    '--checks',
    checks,
    '--phases',
    'examples,coverage,fuzzing',
    // One at a time: the local MongoDB stand-in is the bottleneck anyway, and Python 3.11's ast module
    // (which Hypothesis uses to describe its strategies) fails intermittently across threads.
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    '--no-color',
    ...args,
  ];
  return new Promise((resolve, reject) => {
    // Run in the report folder: Schemathesis keeps its cache of found failures (replayed first next time)
    // in ./.schemathesis, which belongs under the git-ignored .stack/, not in the checkout.
    const child = spawn(st, argv, {
      cwd: reportDir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The report from its failures on (the part worth reading), or its end. */
function report(outcome: Outcome): string {
  const start = outcome.output.search(/^=+ (FAILURES|ERRORS) =+$/m);
  return (start >= 0 ? outcome.output.slice(start) : outcome.output).slice(-20_000);
}

/** Keeps the whole report under .stack/ and checks that every selected operation was tested. */
function keep(name: string, outcome: Outcome): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, `${name}.txt`), outcome.output);
  const selected = /Selected: (\d+)\/\d+/.exec(outcome.output)?.[1];
  const tested = /Tested: (\d+)/.exec(outcome.output)?.[1];
  expect(selected, report(outcome)).toBeDefined();
  expect(tested, `${name}: operations tested`).toBe(selected);
}

/** Fuzzes every operation as this session, then logout last (after it the session is gone). */
async function fuzzAs(name: string, session: TestSession): Promise<void> {
  const main = await schemathesis(session, [
    '--max-examples',
    '8',
    '--max-time',
    String(runSeconds),
    '--exclude-name',
    logout,
  ]);
  keep(name, main);
  expect(main.code, report(main)).toBe(0);
  const last = await schemathesis(session, ['--max-examples', '3', '--include-name', logout]);
  keep(`${name}-logout`, last);
  expect(last.code, report(last)).toBe(0);
}

describe('the OpenAPI document against the API (Schemathesis)', () => {
  it('holds anonymously (a session with a CSRF token, signed in as nobody)', async () => {
    const session = new TestSession(app);
    await session.fetchCsrf();
    await fuzzAs('anonymous', session);
  });

  it('holds for a 企业管理员', async () => {
    await fuzzAs('enterprise-admin', (await signIn(app, { role: 'enterprise_admin' })).session);
  });

  it('holds for an operator (运营方)', async () => {
    await fuzzAs('operator', (await signIn(app, { role: 'operator' })).session);
  });
});
