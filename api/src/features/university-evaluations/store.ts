import type { Types } from 'mongoose';
import { PatentModel } from '../patents/model';

/**
 * Which of the patents (one page of 企业评价, ≤ 100) their institution has withdrawn (撤回): one read by
 * `_id` each, the one shape FerretDB serves from its primary key without decoding other documents.
 */
export async function withdrawnAmong(patentIds: readonly Types.ObjectId[]): Promise<Set<string>> {
  const unique = [...new Map(patentIds.map((id) => [id.toHexString(), id])).values()];
  const docs = await Promise.all(
    unique.map((_id) =>
      PatentModel.findOne({ _id }, { withdrawnAt: 1 }).lean<{ withdrawnAt: Date | null }>(),
    ),
  );
  return new Set(unique.filter((_, i) => docs[i]?.withdrawnAt).map((id) => id.toHexString()));
}
