import type { IntentState } from '@panhuo/domain/intents/state';
import type { Types } from 'mongoose';
import { InstitutionModel } from '../institutions/model';
import { IntentModel } from '../intents/model';

/** What the figures read of an intent. */
export interface IntentFact {
  state: IntentState;
  createdAt: Date;
}

/**
 * The intents addressed to one institution, state and date only: equality on institutionId, which
 * FerretDB pushes down (and MongoDB serves from the { institutionId, createdAt } index). An institution
 * receives hundreds of intents, not its patents' number. The caller passes the institution of its scope.
 */
export async function intentFactsOf(institutionId: Types.ObjectId): Promise<IntentFact[]> {
  return IntentModel.find({ institutionId }, { _id: 0, state: 1, createdAt: 1 }).lean<IntentFact[]>();
}

/** The institution's name by `_id` (empty when it is gone). */
export async function institutionNameOf(institutionId: Types.ObjectId): Promise<string> {
  const doc = await InstitutionModel.findById(institutionId, { name: 1 }).lean<{ name: string }>();
  return doc?.name ?? '';
}
