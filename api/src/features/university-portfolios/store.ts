import type mongoose from 'mongoose';
import { conflict } from '../../errors';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';
import { updatePatents } from '../patent-import/store';

type ObjectId = mongoose.Types.ObjectId;

/** Tries per patent before a membership change gives up (another write bumped its rev each time). */
const ATTEMPTS = 5;

/**
 * Patents by `_id`, one equality read each (FerretDB pushes `_id` equality down; an `$in` would decode
 * the collection). A portfolio has at most a few hundred members.
 */
export async function patentsById(ids: readonly ObjectId[]): Promise<Map<string, PatentDoc>> {
  const docs = await Promise.all(ids.map((id) => PatentModel.findById(id).lean<PatentDoc>()));
  return new Map(docs.flatMap((d) => (d ? [[d._id.toHexString(), d] as const] : [])));
}

/**
 * Puts `portfolioId` into (join) or out of (leave) each patent's `portfolioIds`, the list the indexer
 * reads to carry the portfolio in the search document. The same write as an import's: conditional on
 * the rev read, `rev + 1`, then the outbox entry (patent-import/store.ts updatePatents); a patent changed
 * meanwhile is re-read and retried. Returns the ids actually written.
 */
export async function setMembership(
  patentIds: readonly ObjectId[],
  portfolioId: ObjectId,
  join: boolean,
): Promise<ObjectId[]> {
  const written = await Promise.all(
    patentIds.map(async (id) => {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const patent = await PatentModel.findById(id, { rev: 1, portfolioIds: 1 }).lean<PatentDoc>();
        if (!patent) return null;
        const ids = patent.portfolioIds ?? [];
        const present = ids.some((p) => p.equals(portfolioId));
        if (present === join) return null;
        const next = join ? [...ids, portfolioId] : ids.filter((p) => !p.equals(portfolioId));
        const missed = await updatePatents([{ id, rev: patent.rev, set: { portfolioIds: next }, unset: [] }]);
        if (missed === 0) return id;
      }
      throw conflict(`专利 ${id.toHexString()} 正被其他操作频繁修改，请稍后重试`);
    }),
  );
  return written.filter((id) => id !== null);
}
