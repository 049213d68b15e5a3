import type { Types } from 'mongoose';
import { emitPatentChanges } from '../outbox/model';

/**
 * Asks the indexer to rebuild these patents' search documents after something they carry changed in
 * another collection (an enterprise evaluation was inserted: the patent's `library` entry gains its
 * 企业自评 date and stars). Writes only outbox entries, never the patent: the document's external version
 * counts the enterprise evaluations (indexer to-es-doc.ts searchVersion), so the rebuilt document
 * outranks the old one without a `rev` bump, and two enterprises evaluating the same patent at once cannot
 * lose an `$inc` or overwrite the push job's write of the same patent on FerretDB (docs/conventions.md).
 * Call it after the insert has succeeded; calling it twice is harmless.
 */
export async function touchPatentsForIndex(ids: readonly Types.ObjectId[]): Promise<void> {
  // rev 0: an upsert entry's rev is not read (the indexer re-reads the patent); a tombstone never comes from here.
  await emitPatentChanges(ids.map((entityId) => ({ entityId, rev: 0, op: 'upsert' as const })));
}
