import { createHash } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import type { Types } from 'mongoose';

/*
 * The vector store: each patent's multilingual-e5-small vector of its passage text (title + '\n' +
 * abstract), keyed by the patent's _id, with the sha256 of the text it was computed from and the model
 * name. The indexer (apply-changes.ts, reindex.ts) puts a stored vector on the search document only when
 * its hash and model match the patent's current text, so a reindex never calls the embeddings server and a
 * changed title or abstract drops the stale vector (the patent is still found by words) until the
 * embed-patents job computes the new one. Vectors are written only by that job, never in a request.
 */

/** The model every stored vector comes from; a vector of another model is ignored (and recomputed). */
export const EMBEDDING_MODEL = 'multilingual-e5-small';

const vectorSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    hash: { type: String, required: true },
    model: { type: String, required: true },
    // Float32, little-endian: 1,536 bytes for 384 dimensions.
    v: { type: Buffer, required: true },
    embeddedAt: { type: Date, required: true },
  },
  { collection: 'patent_vectors', versionKey: false },
);
const VectorModel = mongoose.model('PatentVector', vectorSchema);

/** A stored vector as read back. */
export interface StoredVector {
  hash: string;
  model: string;
  vector: number[];
}

interface VectorRow {
  _id: Types.ObjectId;
  hash: string;
  model: string;
  v: { buffer: Uint8Array } | Buffer;
}

/** The text e5 embeds for a patent (the client adds the 'passage: ' prefix). */
export function passageText(patent: { title: string; abstract?: string | null }): string {
  return `${patent.title}\n${patent.abstract ?? ''}`;
}

/** The content hash of a patent's passage text: what decides whether a stored vector is current. */
export function passageHash(patent: { title: string; abstract?: string | null }): string {
  return createHash('sha256').update(passageText(patent)).digest('hex');
}

/** The vector of `stored` when it was computed from the patent's current text by EMBEDDING_MODEL. */
export function currentVector(
  patent: { title: string; abstract?: string | null },
  stored: StoredVector | undefined,
): number[] | undefined {
  if (!stored || stored.model !== EMBEDDING_MODEL) return undefined;
  return stored.hash === passageHash(patent) ? stored.vector : undefined;
}

function encode(vector: readonly number[]): Buffer {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => buf.writeFloatLE(value, i * 4));
  return buf;
}

function decode(row: VectorRow): StoredVector {
  const bytes = Buffer.isBuffer(row.v) ? row.v : Buffer.from(row.v.buffer);
  const vector: number[] = new Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i += 1) vector[i] = bytes.readFloatLE(i * 4);
  return { hash: row.hash, model: row.model, vector };
}

/** Vectors read at once by `_id` equality (the one condition FerretDB pushes down). */
const READ_CONCURRENCY = 16;

/** The stored vectors of `ids`, by patent hex id (missing ones left out). */
export async function loadVectorsOf(ids: readonly Types.ObjectId[]): Promise<Map<string, StoredVector>> {
  const out = new Map<string, StoredVector>();
  for (let i = 0; i < ids.length; i += READ_CONCURRENCY) {
    const rows = await Promise.all(
      ids.slice(i, i + READ_CONCURRENCY).map((id) => VectorModel.findById(id).lean<VectorRow>()),
    );
    for (const row of rows) if (row) out.set(row._id.toHexString(), decode(row));
  }
  return out;
}

/**
 * Every stored vector, by patent hex id, for a reindex (one streaming read). About 1.6 KB per patent in
 * memory: 30 MB for the 20k demo corpus; at a million a reindex should read them per batch instead.
 */
export async function loadAllVectors(): Promise<Map<string, StoredVector>> {
  const out = new Map<string, StoredVector>();
  const cursor = VectorModel.find({}).lean<VectorRow[]>().cursor({ batchSize: 1000 });
  for await (const row of cursor) out.set((row as VectorRow)._id.toHexString(), decode(row as VectorRow));
  return out;
}

/** Saves (replaces) the vectors of patents, each with the hash of the text it was computed from. */
export async function saveVectors(
  rows: readonly { id: Types.ObjectId; hash: string; vector: readonly number[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  const embeddedAt = new Date();
  await VectorModel.bulkWrite(
    rows.map((row) => ({
      replaceOne: {
        filter: { _id: row.id },
        // _id in the replacement too: FerretDB's upsert inserted nothing without it.
        replacement: {
          _id: row.id,
          hash: row.hash,
          model: EMBEDDING_MODEL,
          v: encode(row.vector),
          embeddedAt,
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}

/**
 * A serialised search document with `embedding` added, or unchanged when there is no current vector. The
 * search-doc store keeps documents without vectors (they are added here on every write to Elasticsearch),
 * so a vector computed later by the job is never missing from a store-based reindex.
 */
export function withEmbedding(json: string, vector: readonly number[] | undefined): string {
  if (!vector) return json;
  return `${json.slice(0, json.lastIndexOf('}'))},"embedding":${JSON.stringify(vector)}}`;
}
