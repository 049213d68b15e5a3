// 批量导入 of 10,000 rows through the browser's API: the upload with its per-row check (POST
// /api/university/imports, a dry run), then 确认导入 and the polled progress until the run is done.
// Standalone against an already running stack (MONGODB_URI etc. in the environment; its own database):
//   MONGODB_URI=… ELASTICSEARCH_URL=… SMTP_URL=… npx tsx bench/university-import.ts [rows]
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { createHttpServer } from '@panhuo/api/app';
import { loadCliConfig } from '@panhuo/api/config';
import { InstitutionModel } from '@panhuo/api/features/institutions/model';
import { patentRow, toCsv } from '@panhuo/api/features/patent-import/fixtures';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { createLogger } from '@panhuo/api/infra/logger';
import { createMailer } from '@panhuo/api/infra/mailer';
import { connectMongo, syncMongoIndexes } from '@panhuo/api/infra/mongo';
import { createTestUser } from '@panhuo/api/test/auth-helpers';
import { loginOverHttp } from './api-server';

const rows = Number(process.argv[2] ?? 10_000);
const config = loadCliConfig({
  ...process.env,
  MONGODB_DB: 'bench_university_import',
  ES_INDEX_PREFIX: 'bench-university-import',
  LOG_LEVEL: 'silent',
});
await connectMongo(config);
await mongoose.connection.dropDatabase();
await syncMongoIndexes();
const es = createEsClient(config);
const mailer = createMailer(config);
const server = createHttpServer({ config, logger: createLogger(config, 'bench'), es, mailer }).listen(
  0,
  '127.0.0.1',
);
await once(server, 'listening');
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

try {
  const user = await createTestUser({ role: 'university' });
  const institution = (await InstitutionModel.findById(user.institutionId).lean())!.name;
  const file = toCsv(Array.from({ length: rows }, (_, i) => patentRow(institution, 1_000_000 + i)));
  const cookie = await loginOverHttp(baseUrl, user.account, user.password);
  const { csrfToken } = (await (await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  const headers = { cookie, 'x-csrf-token': csrfToken };

  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'bench.csv');
  let started = performance.now();
  const upload = await fetch(`${baseUrl}/api/university/imports`, { method: 'POST', headers, body: form });
  const checkMs = performance.now() - started;
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };

  started = performance.now();
  const confirm = await fetch(`${baseUrl}/api/university/imports/${id}/confirm`, { method: 'POST', headers });
  if (confirm.status !== 200) throw new Error(`confirm answered ${confirm.status}`);
  const samples: string[] = [];
  let state: { run: { state: string; phase: string; done: number; total: number } | null };
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    state = (await (
      await fetch(`${baseUrl}/api/university/imports/${id}`, { headers: { cookie } })
    ).json()) as typeof state;
    const run = state.run!;
    samples.push(
      `${((performance.now() - started) / 1000).toFixed(1)}s ${run.phase} ${run.done}/${run.total}`,
    );
    if (run.state !== 'running') break;
  }
  const importMs = performance.now() - started;
  console.log(`批量导入 of ${rows} rows (${(file.byteLength / 1024 / 1024).toFixed(1)} MB CSV):`);
  console.log(`  上传并校验 (dry run, 201 preview): ${(checkMs / 1000).toFixed(1)} s`);
  console.log(`  确认导入 → ${state.run?.state}: ${(importMs / 1000).toFixed(1)} s`);
  console.log(`  progress polled: ${samples.join(' | ')}`);
} finally {
  server.closeAllConnections();
  server.close();
  await es.close();
  mailer.close();
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
}
