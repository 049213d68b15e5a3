// `npx tsx bench/embeddings.ts [--count 96] [--batch 32] [--url http://127.0.0.1:8301/v1]`: embedding
// throughput of the passage text (title + '\n' + abstract) of generated demo patents, as the embed-patents
// job sends it (batches, 'passage'), and the projected time for the 20k demo corpus and for 1M.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createEmbeddingsClient } from '@panhuo/api/infra/embeddings';
import { generatePatentAt } from '@panhuo/api/seed/generate-patents';
import { passageText } from '@panhuo/indexer/vector-store';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '96' },
    batch: { type: 'string', default: '32' },
    url: { type: 'string', default: process.env.EMBEDDINGS_URL ?? 'http://127.0.0.1:8300/v1' },
  },
});
const count = Number(values.count);
const batch = Number(values.batch);
const client = createEmbeddingsClient({ url: values.url });
const texts = Array.from({ length: count }, (_, i) => passageText(generatePatentAt({ count, seed: 7 }, i)));

// One small call first, so the model's load does not count.
await client.embed([texts[0]!], 'passage', { timeoutMs: 120_000 });
const started = performance.now();
for (let i = 0; i < texts.length; i += batch)
  await client.embed(texts.slice(i, i + batch), 'passage', { timeoutMs: 300_000 });
const seconds = (performance.now() - started) / 1000;
const rate = count / seconds;
const chars = texts.reduce((n, t) => n + t.length, 0) / count;
console.log(
  `embeddings ${values.url}: ${count} passages (mean ${chars.toFixed(0)} chars), batches of ${batch}`,
);
// The server shares the machine's cores: the load says how much of them the run had.
console.log(
  `  ${seconds.toFixed(1)} s, ${rate.toFixed(1)} docs/s (${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`,
);
console.log(
  `  projected: 20,000 demo patents ${(20_000 / rate / 60).toFixed(0)} min; 1,000,000 ${(1_000_000 / rate / 3600).toFixed(1)} h`,
);
