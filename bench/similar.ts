// `npx tsx bench/similar.ts [--count 5000] [--requests 200]`: latency of 相似专利 (similarPatents, the
// service behind GET /api/patents/:id/similar, without HTTP and sign-in) on an index of its own
// (prefix `bench-similar`, deleted afterwards) holding `count` generated patents, half of them with a
// random unit vector (as many kNN as more_like_this answers). Target: p95 ≤ 50 ms.
import { parseArgs } from 'node:util';
import { loadConfig } from '@panhuo/api/config';
import { similarPatents } from '@panhuo/api/features/similar/service';
import { createEsClient, indexNames } from '@panhuo/api/infra/elasticsearch';
import { generatePatentAt } from '@panhuo/api/seed/generate-patents';
import { BulkWriter, indexOp } from '@panhuo/indexer/bulk';
import { createPatentIndex } from '@panhuo/indexer/patent-index';
import { summarize } from './stats';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '5000' }, requests: { type: 'string', default: '200' } },
});
const count = Number(values.count);
const requests = Number(values.requests);
const config = loadConfig({ ...process.env, ES_INDEX_PREFIX: 'bench-similar' });
const es = createEsClient(config);
const index = indexNames(config.ES_INDEX_PREFIX).patents;

function unitVector(): number[] {
  const v = Array.from({ length: 384 }, () => Math.random() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

await es.indices.delete({ index, ignore_unavailable: true });
await createPatentIndex(es, index, { bulkLoad: true });
const ids: string[] = [];
const writer = new BulkWriter(es, { concurrency: 2 });
for (let i = 0; i < count; i += 1) {
  const p = generatePatentAt({ count, seed: 7 }, i);
  const id = p._id.toHexString();
  ids.push(id);
  await writer.add(
    indexOp(index, id, 1, {
      id,
      applicationNumber: p.applicationNumber,
      title: p.title,
      abstract: p.abstract,
      claims: p.claims,
      ipcMain: p.ipcMain,
      institutionName: p.institutionName,
      registeredAt: p.registeredAt.toISOString(),
      strategicIndustries: p.strategicIndustries,
      economicIndustries: p.economicIndustries,
      ...(i % 2 === 0 ? { embedding: unitVector() } : {}),
    }),
  );
}
await writer.close();
await es.indices.putSettings({ index, settings: { refresh_interval: '1s' } });
await es.indices.refresh({ index });

const byMethod = new Map<string, number[]>();
for (let i = 0; i < requests + 20; i += 1) {
  const id = ids[Math.floor(Math.random() * ids.length)]!;
  const started = performance.now();
  const answer = await similarPatents(es, index, id);
  // The first 20 warm the caches.
  if (i >= 20) {
    const list = byMethod.get(answer.method) ?? [];
    list.push(performance.now() - started);
    byMethod.set(answer.method, list);
  }
}
console.log(`相似专利 on ${count} patents, ${requests} requests (one at a time):`);
for (const [method, samples] of byMethod) console.log(`  ${method}: ${JSON.stringify(summarize(samples))}`);
console.log(`  all: ${JSON.stringify(summarize([...byMethod.values()].flat()))} (target p95 ≤ 50 ms)`);
await es.indices.delete({ index, ignore_unavailable: true });
await es.close();
