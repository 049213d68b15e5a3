import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import mongoose, { Schema } from 'mongoose';
import type { Types } from 'mongoose';
import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { isDuplicateKey } from '@panhuo/api/infra/mongo';
import type { PortfolioRef } from '@panhuo/domain/patents/dto';
import { toEsDoc } from './to-es-doc';

/*
 * The search-doc store: every patent's ready-made Elasticsearch document, its JSON deflated into one
 * binary field, in MongoDB beside the patents. The indexer writes it whenever it builds a document (a
 * reindex from the patents rebuilds it whole; the outbox sync keeps it current), and a reindex streams it
 * instead of reading and mapping every patent again.
 *
 * Why: a patent read through FerretDB costs about 1 ms of CPU (its ~40 typed fields are decoded from
 * jsonb), as much as Elasticsearch spends indexing it, so a reindex from the patents runs at half the
 * node's raw `_bulk` speed on two cores. A stored document is one ~1 KB binary field: about a quarter of
 * that cost, and a mapping change (an analyzer, a subfield) is re-indexed at nearly raw speed.
 */

/** `_id` is the patent's; `rev` the document's external version (to-es-doc.ts searchVersion). */
const storedDocSchema = new Schema(
  { _id: { type: Schema.Types.ObjectId, required: true }, rev: { type: Number, required: true }, z: Buffer },
  { collection: 'patent_search_docs', versionKey: false },
);
const StoredDocModel = mongoose.model('PatentSearchDocument', storedDocSchema);
/** The store's collection (a reindex asks its size for the progress bar). */
export const STORED_DOCS_COLLECTION = StoredDocModel.collection.collectionName;

/** Whether the store holds every patent, and for which document format. One document, `_id` STATE_ID. */
const storeStateSchema = new Schema(
  { _id: String, complete: Boolean, format: String, builtAt: Date },
  { collection: 'patent_search_docs_state', versionKey: false },
);
const StoreStateModel = mongoose.model('PatentSearchDocumentsState', storeStateSchema);
/** The state's collection (tests set a state by hand). */
export const STORE_STATE_COLLECTION = StoreStateModel.collection.collectionName;
const STATE_ID = 'patents';

/**
 * Preset deflate dictionary: the document's keys, which every document repeats. A document deflates a
 * fifth smaller with it (3.4 KB of JSON → ~1.3 KB instead of ~1.6 KB). Changing it changes the format.
 */
const DICTIONARY = Buffer.from(
  '{"id":"","applicationNumber":"","applicationDate":"","publicationNumber":"CN","publicationDate":"",' +
    '"grantDate":"","patentType":"invention","title":"","abstract":"","claims":"","ipcMain":"","ipcCodes":[],' +
    '"ipcSections":[],"ipcSubclasses":[],"legalStatus":"valid","applicants":[],"currentAssignees":[],' +
    '"inventors":[],"address":"","agency":"","agents":[],"institutionId":"","institutionName":"",' +
    '"institutionKind":"university","registeredAt":"","strategicIndustries":[],"economicIndustries":[],' +
    '"industriesDerived":false,"cooperationModes":["transfer","license_general","license_exclusive"],' +
    '"validAtEnd2023":true,"dossier":{"maturity":"","scenarios":"","contact":"","terms":""},' +
    '"portfolioIds":[],"rev":1,"portfolios":[],"facetCodes":["strategicIndustries:",' +
    '"economicIndustries:","ipcSection:","ipcSubclass:","patentType:","legalStatus:","cooperationModes:",' +
    '"institutionId:","validAtEnd2023:true","registeredAt:"]}',
);

/** Compresses a search document's JSON for the store. */
export function encodeSearchDoc(json: string): Buffer {
  return deflateRawSync(Buffer.from(json), { dictionary: DICTIONARY });
}

/** The JSON `encodeSearchDoc` stored. */
export function decodeSearchDoc(z: Uint8Array): string {
  return inflateRawSync(z, { dictionary: DICTIONARY }).toString();
}

/** A patent with every field set: its document's bytes fingerprint the code that builds documents. */
const FORMAT_PROBE = {
  _id: new mongoose.Types.ObjectId('000000000000000000000001'),
  applicationNumber: '202110000001.3',
  applicationDate: '2021-01-01',
  publicationNumber: 'CN100000001A',
  publicationDate: '2021-06-01',
  grantDate: '2022-01-01',
  patentType: 'invention',
  title: '探针',
  abstract: '摘要',
  claims: '主权项',
  ipcMain: 'H01M 4/36',
  ipcCodes: ['H01M 4/36', 'G06F 16/33'],
  legalStatus: 'valid',
  applicants: ['甲'],
  currentAssignees: ['乙'],
  inventors: ['丙'],
  address: '地址',
  agency: '代理机构',
  agents: ['丁'],
  institutionId: new mongoose.Types.ObjectId('000000000000000000000002'),
  institutionName: '大学',
  institutionKind: 'university',
  registeredAt: new Date('2024-01-01T00:00:00Z'),
  strategicIndustries: ['5', '5.2'],
  economicIndustries: ['C', '38'],
  industriesDerived: true,
  cooperationModes: ['transfer'],
  validAtEnd2023: true,
  dossier: { maturity: 'pilot', scenarios: '场景', contact: '联系', terms: '条件' },
  portfolioIds: [new mongoose.Types.ObjectId('000000000000000000000003')],
  pushes: [
    {
      enterpriseId: new mongoose.Types.ObjectId('000000000000000000000004'),
      pushId: new mongoose.Types.ObjectId('000000000000000000000005'),
      pushedAt: new Date('2024-02-01T00:00:00Z'),
    },
  ],
  rev: 7,
  createdAt: new Date('2024-01-01T00:00:00Z'),
  updatedAt: new Date('2024-01-02T00:00:00Z'),
} satisfies PatentDoc;
const PROBE_PORTFOLIOS = new Map<string, PortfolioRef>([
  ['000000000000000000000003', { id: '000000000000000000000003', name: '组合', description: '说明' }],
]);

const PROBE_EVALUATIONS = {
  verdicts: new Map([
    ['000000000000000000000004', { stars: 4, submittedAt: new Date('2024-03-01T00:00:00Z') }],
  ]),
  experts: new Map([['000000000000000000000004', 2]]),
};

let format: string | undefined;

/**
 * Names the document format: a hash of the dictionary and of the document this code builds for a probe
 * patent. A deploy that changes what a document holds (the presenter, toEsDoc, the facet codes) changes
 * it, and the store it left behind is no longer used until a reindex from the patents rebuilds it.
 */
export function searchDocFormat(): string {
  format ??= createHash('sha256')
    .update(DICTIONARY)
    .update(JSON.stringify(toEsDoc(FORMAT_PROBE, PROBE_PORTFOLIOS, PROBE_EVALUATIONS)))
    .digest('hex')
    .slice(0, 16);
  return format;
}

/** True when the store holds every patent's document in this code's format. */
export async function storeIsUsable(): Promise<boolean> {
  const state = await StoreStateModel.findById(STATE_ID).lean();
  return state?.complete === true && state.format === searchDocFormat();
}

/** Before a rebuild: marks the store incomplete, then empties it. */
export async function beginStoreRebuild(): Promise<void> {
  await StoreStateModel.updateOne({ _id: STATE_ID }, { $set: { complete: false } }, { upsert: true });
  await StoredDocModel.collection.drop().catch((err: unknown) => {
    if ((err as { codeName?: string }).codeName !== 'NamespaceNotFound') throw err;
  });
}

/** After a rebuild wrote every patent's document: the store may be read. */
export async function finishStoreRebuild(): Promise<void> {
  await StoreStateModel.updateOne(
    { _id: STATE_ID },
    { $set: { complete: true, format: searchDocFormat(), builtAt: new Date() } },
    { upsert: true },
  );
}

/** A document to store: the patent's id, its external version (searchVersion) and the search document's JSON. */
export interface SearchDocEntry {
  id: Types.ObjectId;
  rev: number;
  json: string;
}

/**
 * Stores documents, each unless a newer revision is stored already (conditional upsert: when the stored
 * one is newer the filter misses, the insert collides on `_id`, and that duplicate-key error is the
 * expected outcome). Single-document writes, so it runs on FerretDB without transactions.
 */
export async function saveSearchDocs(entries: readonly SearchDocEntry[]): Promise<void> {
  if (entries.length === 0) return;
  try {
    await StoredDocModel.collection.bulkWrite(
      entries.map((e) => ({
        updateOne: {
          filter: { _id: e.id, rev: { $lte: e.rev } },
          update: { $set: { rev: e.rev, z: encodeSearchDoc(e.json) } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Removes the documents of deleted patents. */
export async function removeSearchDocs(ids: readonly Types.ObjectId[]): Promise<void> {
  if (ids.length > 0) await StoredDocModel.collection.deleteMany({ _id: { $in: [...ids] } });
}

/**
 * Buffers a rebuild's documents into inserts of 1,000, one in flight while the caller goes on. A
 * duplicate means the sync stored that patent meanwhile, from a state at least as new: it is kept.
 */
export class StoreRebuildWriter {
  private batch: { _id: Types.ObjectId; rev: number; z: Buffer }[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  /** The in-flight insert's failure, thrown by the next add or close (never left unhandled). */
  private failure: unknown;

  async add(entry: SearchDocEntry): Promise<void> {
    this.batch.push({ _id: entry.id, rev: entry.rev, z: encodeSearchDoc(entry.json) });
    if (this.batch.length >= 1000) await this.flush();
  }

  /** Writes what is buffered and waits for every insert. */
  async close(): Promise<void> {
    await this.flush();
    await this.inFlight;
    if (this.failure) throw this.failure;
  }

  private async flush(): Promise<void> {
    const docs = this.batch;
    this.batch = [];
    await this.inFlight;
    if (this.failure) throw this.failure;
    if (docs.length === 0) return;
    this.inFlight = StoredDocModel.collection.insertMany(docs, { ordered: false }).then(
      () => undefined,
      (err: unknown) => {
        if (!isDuplicateKey(err)) this.failure = err;
      },
    );
  }
}

/** A stored document as a reindex reads it. */
export interface StoredSearchDoc {
  _id: Types.ObjectId;
  rev: number;
  z: { buffer: Uint8Array };
}

/** Streams every stored document, unordered (a sort would make FerretDB buffer the whole collection). */
export function storedDocCursor(): AsyncIterable<StoredSearchDoc> {
  return StoredDocModel.collection.find<StoredSearchDoc>({}, { batchSize: 1000 });
}
