import type { VerificationForm, VerificationStatus } from '@panhuo/domain/verification/application';
import type { LicenceContentType } from '@panhuo/domain/verification/licence';
import { isObjectId } from '@panhuo/domain/object-id';
import mongoose, { Types } from 'mongoose';
import type { QueryFilter } from 'mongoose';
import { EnterpriseModel, UserModel } from '../accounts/model';
import type { PlatformScope } from '../auth/scope';
import { isDuplicateKey } from '../../infra/mongo';
import { DecisionModel, LicenceModel, VerificationModel } from './model';
import type { DecisionDoc, LicenceDoc, VerificationDoc } from './model';

/** An ObjectId from an id taken from a URL, or null when it is not one (callers answer 404). */
function toObjectId(id: string): Types.ObjectId | null {
  return isObjectId(id) ? new Types.ObjectId(id) : null;
}

// ---- Submission (public) ----

/** What already stands in the way of a new application: an enterprise, a pending application, an account. */
export interface SubmissionClash {
  enterpriseWithCreditCode: boolean;
  enterpriseWithName: boolean;
  pendingWithCreditCode: boolean;
  pendingWithAdminAccount: boolean;
  accountTaken: boolean;
}

/** Looks up everything a new application could clash with (one query each, by indexed fields). */
export async function findSubmissionClash(form: VerificationForm): Promise<SubmissionClash> {
  const [byCode, byName, pendingCode, pendingAccount, account] = await Promise.all([
    EnterpriseModel.exists({ creditCode: form.creditCode }),
    EnterpriseModel.exists({ name: form.companyName }),
    VerificationModel.exists({ pendingCreditCode: form.creditCode }),
    VerificationModel.exists({ pendingAdminAccount: form.adminAccount }),
    UserModel.exists({ account: form.adminAccount }),
  ]);
  return {
    enterpriseWithCreditCode: Boolean(byCode),
    enterpriseWithName: Boolean(byName),
    pendingWithCreditCode: Boolean(pendingCode),
    pendingWithAdminAccount: Boolean(pendingAccount),
    accountTaken: Boolean(account),
  };
}

/** Stores licence bytes; returns the new document's id. */
export async function insertLicence(contentType: LicenceContentType, data: Buffer): Promise<Types.ObjectId> {
  const created = await LicenceModel.create({ contentType, size: data.length, data });
  return created._id;
}

/** Removes licence bytes whose application could not be stored. */
export async function deleteLicence(id: Types.ObjectId): Promise<void> {
  await LicenceModel.deleteOne({ _id: id });
}

/**
 * Stores a pending application. A pending application with the same credit code or requested account is
 * an E11000 (the sparse unique `pending*` indexes), also when both are submitted at the same moment.
 */
export async function insertApplication(
  form: VerificationForm,
  licence: { fileId: Types.ObjectId; contentType: LicenceContentType; size: number },
): Promise<VerificationDoc> {
  const created = await VerificationModel.create({
    ...form,
    licence,
    status: 'pending',
    pendingCreditCode: form.creditCode,
    pendingAdminAccount: form.adminAccount,
  });
  return created.toObject() as VerificationDoc;
}

// ---- Review (operator) ----

/** One page of applications, newest first, optionally of one state; and how many match. */
export async function listApplications(
  _scope: PlatformScope,
  options: { status?: VerificationStatus; offset: number; limit: number },
): Promise<{ rows: VerificationDoc[]; total: number }> {
  const filter: QueryFilter<VerificationDoc> = options.status ? { status: options.status } : {};
  const [rows, total] = await Promise.all([
    VerificationModel.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip(options.offset)
      .limit(options.limit)
      .lean<VerificationDoc[]>(),
    VerificationModel.countDocuments(filter),
  ]);
  return { rows, total };
}

/** One application, or null (missing or a malformed id). */
export async function findApplication(_scope: PlatformScope, id: string): Promise<VerificationDoc | null> {
  const _id = toObjectId(id);
  return _id ? VerificationModel.findById(_id).lean<VerificationDoc>() : null;
}

/** The licence bytes of an application (as a Buffer: lean reads give BSON Binary). */
export async function findLicence(_scope: PlatformScope, fileId: Types.ObjectId): Promise<LicenceDoc | null> {
  const licence = await LicenceModel.findById(fileId).lean<LicenceDoc>();
  if (!licence) return null;
  const data: unknown = licence.data;
  return {
    ...licence,
    data: data instanceof mongoose.mongo.Binary ? Buffer.from(data.buffer) : licence.data,
  };
}

/**
 * Claims the right to decide an application by inserting its decision (unique by the application's _id).
 * True for the one caller that got it. A claim older than `staleAfterMs` on an application that is still
 * pending belongs to a review that died half-way: it is removed (only that very claim, by its claimedAt)
 * and claimed afresh, so a crash cannot block an application for good.
 */
export async function claimDecision(
  scope: PlatformScope,
  applicationId: Types.ObjectId,
  decision: 'approved' | 'rejected',
  staleAfterMs: number,
): Promise<boolean> {
  const insert = async () => {
    try {
      await DecisionModel.create({
        _id: applicationId,
        decision,
        operatorId: scope.actorId,
        claimedAt: new Date(),
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  };
  if (await insert()) return true;
  const existing = await DecisionModel.findById(applicationId).lean<DecisionDoc>();
  if (!existing || Date.now() - existing.claimedAt.getTime() < staleAfterMs) return false;
  const stillPending = await VerificationModel.exists({ _id: applicationId, status: 'pending' });
  if (!stillPending) return false;
  await DecisionModel.deleteOne({ _id: applicationId, claimedAt: existing.claimedAt });
  return insert();
}

/** Gives a claim back after the decision could not be carried out (e.g. the account name was taken). */
export async function releaseDecision(_scope: PlatformScope, applicationId: Types.ObjectId): Promise<void> {
  await DecisionModel.deleteOne({ _id: applicationId });
}

/**
 * Records the outcome on the application (the caller holds the claim) and frees its credit code and account
 * name for later applications. Returns the updated application.
 */
export async function recordDecision(
  scope: PlatformScope,
  applicationId: Types.ObjectId,
  outcome:
    | { status: 'approved'; enterpriseId: Types.ObjectId; adminUserId: Types.ObjectId }
    | { status: 'rejected'; rejectReason: string },
): Promise<VerificationDoc | null> {
  return VerificationModel.findOneAndUpdate(
    { _id: applicationId, status: 'pending' },
    {
      $set: { ...outcome, reviewedAt: new Date(), reviewedBy: scope.actorId },
      $unset: { pendingCreditCode: '', pendingAdminAccount: '' },
    },
    { returnDocument: 'after' },
  ).lean<VerificationDoc>();
}
