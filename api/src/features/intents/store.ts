import type { IntentSide } from '@panhuo/domain/intents/state';
import { Types } from 'mongoose';
import type { EnterpriseScope, InstitutionScope } from '../auth/scope';
import { EnterpriseModel, UserModel } from '../accounts/model';
import type { UserDoc } from '../accounts/model';
import { IntentMailSendModel, IntentModel, IntentOpenKeyModel, IntentStepModel } from './model';
import type { IntentDoc, IntentMailSendDoc, IntentStepDoc } from './model';

/** The scope an intent is read under: its enterprise's users, or its institution's. */
export type IntentScope = EnterpriseScope | InstitutionScope;

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** The tenant part of every intent query (top-level equality, pushed down by FerretDB). */
function tenantFilter(scope: IntentScope) {
  return scope.kind === 'enterprise'
    ? { enterpriseId: scope.enterpriseId }
    : { institutionId: scope.institutionId };
}

/** Who holds an open key, and since when. */
export interface OpenKeyHolder {
  intentId: Types.ObjectId;
  createdAt: Date;
}

/**
 * Takes the "one open intent per enterprise and target" key for `intentId`. Returns null when taken,
 * else who holds it (the insert failed on `_id`), or a holder of now when it was released meanwhile.
 */
export async function takeOpenKey(key: string, intentId: Types.ObjectId): Promise<OpenKeyHolder | null> {
  try {
    await IntentOpenKeyModel.create({ _id: key, intentId });
    return null;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    const holder = await IntentOpenKeyModel.findById(key).lean<OpenKeyHolder>();
    return holder ?? { intentId, createdAt: new Date() };
  }
}

/** Releases an open key, only if `intentId` still holds it (equality on both: no read-modify-write). */
export async function releaseOpenKey(key: string, intentId: Types.ObjectId): Promise<void> {
  await IntentOpenKeyModel.deleteOne({ _id: key, intentId });
}

/** The new intent's fields (the projections start as the submission left them). */
export type NewIntent = Omit<IntentDoc, 'createdAt' | 'updatedAt'>;

/** Stores a new intent. */
export async function insertIntent(intent: NewIntent): Promise<IntentDoc> {
  return (await IntentModel.create(intent)).toObject() as IntentDoc;
}

/** One intent of the scope's tenant by id, or null (missing, or another tenant's). */
export async function findIntent(scope: IntentScope, id: string | Types.ObjectId): Promise<IntentDoc | null> {
  if (typeof id === 'string' && !Types.ObjectId.isValid(id)) return null;
  return IntentModel.findOne({ _id: new Types.ObjectId(id), ...tenantFilter(scope) }).lean<IntentDoc>();
}

/**
 * Every intent of the scope's tenant, newest first. One equality on the tenant (an enterprise's or an
 * institution's intents are hundreds, not millions); filters and paging run on what it returns.
 */
export async function listIntents(scope: IntentScope): Promise<IntentDoc[]> {
  const docs = await IntentModel.find(tenantFilter(scope)).lean<IntentDoc[]>();
  return docs.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** The intents with a step at or after `since` (a range on the indexed `lastActivityAt`). */
export async function listIntentsActiveSince(since: Date): Promise<IntentDoc[]> {
  return IntentModel.find({ lastActivityAt: { $gte: since } }).lean<IntentDoc[]>();
}

/** A new step; `gate` decides transitions (see the model). */
export type NewStep = Omit<IntentStepDoc, '_id' | 'createdAt' | 'attachments'> & {
  _id?: Types.ObjectId;
  /** A message's files, as listed (stored beforehand: attachments.ts). */
  attachments?: { _id: Types.ObjectId; name: string; type: string; size: number }[];
};

/** Inserts a step; false when its gate was taken (the transition already happened, by anyone). */
export async function insertStep(step: NewStep): Promise<boolean> {
  try {
    await IntentStepModel.create(step);
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** The steps of one intent, oldest first (equality on intentId; ordered here). */
export async function listSteps(intentId: Types.ObjectId): Promise<IntentStepDoc[]> {
  const steps = await IntentStepModel.find({ intentId }).lean<IntentStepDoc[]>();
  return steps.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() || a._id.toHexString().localeCompare(b._id.toHexString()),
  );
}

/** Rewrites the list projections of an intent (state, activity dates, read markers) by `_id`. */
export async function saveProjection(
  intentId: Types.ObjectId,
  fields: Partial<
    Pick<
      IntentDoc,
      | 'state'
      | 'lastActivityAt'
      | 'enterpriseActedAt'
      | 'institutionActedAt'
      | 'enterpriseReadAt'
      | 'institutionReadAt'
    >
  >,
): Promise<void> {
  await IntentModel.updateOne({ _id: intentId }, { $set: fields });
}

/** The mails sent so far about an intent to one side, latest first. */
export async function listMailSends(
  intentId: Types.ObjectId,
  side: IntentSide,
): Promise<IntentMailSendDoc[]> {
  const sends = await IntentMailSendModel.find({ intentId }).lean<IntentMailSendDoc[]>();
  return sends.filter((s) => s.side === side).sort((a, b) => b.seq - a.seq);
}

/** Claims mail number `seq` to a side, telling of the steps up to `coveredUntil`; false when taken. */
export async function claimMailSend(
  intentId: Types.ObjectId,
  side: IntentSide,
  seq: number,
  coveredUntil: Date,
): Promise<boolean> {
  try {
    await IntentMailSendModel.create({
      _id: `${intentId.toHexString()}:${side}:${seq}`,
      intentId,
      side,
      seq,
      coveredUntil,
    });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** Records whether a claimed mail went. */
export async function markMailSend(
  intentId: Types.ObjectId,
  side: IntentSide,
  seq: number,
  delivered: boolean,
) {
  await IntentMailSendModel.updateOne(
    { _id: `${intentId.toHexString()}:${side}:${seq}` },
    { $set: { delivered } },
  );
}

/** The e-mail addresses of an institution's active university users with a completed profile. */
export async function institutionRecipients(institutionId: Types.ObjectId): Promise<string[]> {
  const users = await UserModel.find({ institutionId }).lean<UserDoc[]>();
  return users
    .filter((u) => u.role === 'university' && u.status === 'active' && u.profile?.email)
    .map((u) => u.profile!.email);
}

/** The name of an enterprise (it is copied onto the intent, which the institution reads). */
export async function enterpriseName(enterpriseId: Types.ObjectId): Promise<string> {
  const enterprise = await EnterpriseModel.findById(enterpriseId).lean<{ name: string }>();
  return enterprise?.name ?? '';
}
