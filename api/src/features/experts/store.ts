import type { AccountStatus } from '@panhuo/domain/accounts/roles';
import type { ExpertInfoBody } from '@panhuo/domain/experts/forms';
import type { ExpertStatus, ReviewDecision } from '@panhuo/domain/experts/status';
import { isObjectId } from '@panhuo/domain/object-id';
import { Types } from 'mongoose';
import type { EnterpriseScope } from '../auth/scope';
import { isDuplicateKey } from '../../infra/mongo';
import { UserModel } from '../accounts/model';
import { bumpSessionToken } from '../auth/session-token';
import { markRosterChanged } from './roster';
import { ExpertCertificateModel, ExpertModel, ExpertReviewModel, queueRankOf } from './model';
import type { ExpertCertificateDoc, ExpertDoc, ExpertReviewDoc } from './model';

/** An ObjectId from an id taken from a URL, or null when it is not one (callers answer 404). */
function toObjectId(id: string): Types.ObjectId | null {
  return isObjectId(id) ? new Types.ObjectId(id) : null;
}

// ---- Experts of the scope's enterprise ----

/** The basic info of a new expert (its account was created first: the expert shares the account's _id). */
export interface NewExpert {
  _id: Types.ObjectId;
  name: string;
  account: string;
  phone: string;
  position: string;
  department: string | null;
  createdAt: Date;
}

/** Stores a new expert of the scope's enterprise in 待完善信息. A taken account is an E11000. */
export async function insertExpert(scope: EnterpriseScope, input: NewExpert): Promise<ExpertDoc> {
  const created = await ExpertModel.create({
    ...input,
    enterpriseId: scope.enterpriseId,
    status: 'pending_info',
    queueRank: queueRankOf('pending_info'),
    statusChangedAt: input.createdAt,
  });
  await markRosterChanged(scope.enterpriseId);
  return created.toObject() as ExpertDoc;
}

/**
 * Removes the account of an expert whose expert record could not be stored, so no half-created expert
 * stays behind (no transactions on FerretDB). Only an expert account of the scope's enterprise.
 */
export async function deleteOrphanExpertAccount(scope: EnterpriseScope, id: Types.ObjectId): Promise<void> {
  await UserModel.deleteOne({ _id: id, enterpriseId: scope.enterpriseId, role: 'expert' });
  await bumpSessionToken(id);
}

/** One expert of the scope's enterprise, or null (missing or another enterprise's: callers answer 404). */
export async function findExpert(scope: EnterpriseScope, id: string): Promise<ExpertDoc | null> {
  const _id = toObjectId(id);
  return _id ? ExpertModel.findOne({ _id, enterpriseId: scope.enterpriseId }).lean<ExpertDoc>() : null;
}

/** The signed-in expert's own record (scope.actorId), or null. */
export async function findOwnExpert(scope: EnterpriseScope): Promise<ExpertDoc | null> {
  return ExpertModel.findOne({ _id: scope.actorId, enterpriseId: scope.enterpriseId }).lean<ExpertDoc>();
}

/** 账号状态 of the given experts' accounts (scope's enterprise only), by hex id. */
export async function accountStatusesOf(
  scope: EnterpriseScope,
  ids: readonly Types.ObjectId[],
): Promise<Map<string, AccountStatus>> {
  if (ids.length === 0) return new Map();
  const users = await UserModel.find(
    { _id: { $in: ids }, enterpriseId: scope.enterpriseId },
    { status: 1 },
  ).lean<{ _id: Types.ObjectId; status: AccountStatus }[]>();
  return new Map(users.map((user) => [user._id.toHexString(), user.status]));
}

// ---- The expert's own record ----

/** Stores the signed-in expert's 专家信息 while it may be edited. False when it may not (or is missing). */
export async function saveOwnInfo(
  scope: EnterpriseScope,
  info: ExpertInfoBody,
  editable: readonly ExpertStatus[],
): Promise<boolean> {
  const result = await ExpertModel.updateOne(
    { _id: scope.actorId, enterpriseId: scope.enterpriseId, status: { $in: [...editable] } },
    { $set: { info, infoUpdatedAt: new Date() } },
  );
  if (result.matchedCount === 1) await markRosterChanged(scope.enterpriseId);
  return result.matchedCount === 1;
}

/**
 * 申请入库: moves the signed-in expert from `from` (as read, with its round) to 待审核 as round + 1. The
 * round is set, not incremented, so a repeated or concurrent application lands on the same round.
 */
export async function markSubmitted(
  scope: EnterpriseScope,
  from: { status: ExpertStatus; round: number },
): Promise<boolean> {
  const now = new Date();
  const result = await ExpertModel.updateOne(
    { _id: scope.actorId, enterpriseId: scope.enterpriseId, status: from.status, round: from.round },
    {
      $set: {
        status: 'pending_review',
        queueRank: queueRankOf('pending_review'),
        round: from.round + 1,
        submittedAt: now,
        statusChangedAt: now,
      },
    },
  );
  if (result.matchedCount === 1) await markRosterChanged(scope.enterpriseId);
  return result.matchedCount === 1;
}

// ---- Reviews ----

/** A review to record. */
export interface NewReview {
  expertId: Types.ObjectId;
  round: number;
  decision: ReviewDecision;
  opinion: string;
  reviewerId: Types.ObjectId;
  reviewerName: string;
}

/**
 * Records the decision of one application; null when that application already has one (the unique
 * (expertId, round) index refused it): exactly one of two racing reviews is stored.
 */
export async function insertReview(
  scope: EnterpriseScope,
  review: NewReview,
): Promise<ExpertReviewDoc | null> {
  try {
    const created = await ExpertReviewModel.create({ ...review, enterpriseId: scope.enterpriseId });
    return created.toObject() as ExpertReviewDoc;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/** The stored review of one application of an expert of the scope, or null. */
export async function findReview(
  scope: EnterpriseScope,
  expertId: Types.ObjectId,
  round: number,
): Promise<ExpertReviewDoc | null> {
  return ExpertReviewModel.findOne({
    expertId,
    round,
    enterpriseId: scope.enterpriseId,
  }).lean<ExpertReviewDoc>();
}

/** The review history of the given experts of the scope, oldest first. */
export async function listReviews(
  scope: EnterpriseScope,
  expertIds: readonly Types.ObjectId[],
): Promise<ExpertReviewDoc[]> {
  if (expertIds.length === 0) return [];
  return ExpertReviewModel.find({ enterpriseId: scope.enterpriseId, expertId: { $in: [...expertIds] } })
    .sort({ expertId: 1, round: 1 })
    .lean<ExpertReviewDoc[]>();
}

/**
 * Applies a stored decision to the expert: 待审核 of that round → 已通过 (with its certificate number) or
 * 未通过. False when the expert is no longer at that point (the decision was applied already).
 */
export async function markDecided(
  scope: EnterpriseScope,
  expertId: Types.ObjectId,
  round: number,
  outcome: { status: ExpertStatus; certificateNumber: string | null; at: Date },
): Promise<boolean> {
  const result = await ExpertModel.updateOne(
    { _id: expertId, enterpriseId: scope.enterpriseId, status: 'pending_review', round },
    {
      $set: {
        status: outcome.status,
        queueRank: queueRankOf(outcome.status),
        decidedAt: outcome.at,
        statusChangedAt: outcome.at,
        certificateNumber: outcome.certificateNumber,
      },
    },
  );
  if (result.matchedCount === 1) await markRosterChanged(scope.enterpriseId);
  return result.matchedCount === 1;
}

// ---- Certificates ----

/** What a certificate certifies, copied at issue. */
export interface CertificateContent {
  expertId: Types.ObjectId;
  expertName: string;
  title: string;
  enterpriseName: string;
  strategicIndustries: string[];
  economicIndustries: string[];
  issuedAt: Date;
}

/** The year of a date in China time (UTC+8, no daylight saving). */
export function chinaYear(date: Date): number {
  return new Date(date.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** `PH-ZJ-2026-000123`. */
export function certificateNumber(year: number, serial: number): string {
  return `PH-ZJ-${year}-${String(serial).padStart(6, '0')}`;
}

const maxNumberAttempts = 50;

/** The expert's certificate in the scope's enterprise, issued now if there is none (see issueCertificateOf). */
export async function issueCertificate(
  scope: EnterpriseScope,
  content: CertificateContent,
): Promise<ExpertCertificateDoc> {
  return issueCertificateOf(scope.enterpriseId, content);
}

/**
 * The certificate of an expert of `enterpriseId`, issued now if there is none. The number is the year's
 * highest serial + 1; when a concurrent approval took that number first, the unique index refuses this
 * insert and the next serial is tried. A second issue for the same expert finds (or collides with) the
 * first and returns it. Callers: issueCertificate (scoped) and the demo seed, which has no session.
 */
export async function issueCertificateOf(
  enterpriseId: Types.ObjectId,
  content: CertificateContent,
): Promise<ExpertCertificateDoc> {
  const own = { expertId: content.expertId, enterpriseId };
  const existing = await ExpertCertificateModel.findOne(own).lean<ExpertCertificateDoc>();
  if (existing) return existing;
  const year = chinaYear(content.issuedAt);
  for (let attempt = 0; attempt < maxNumberAttempts; attempt++) {
    const last = await ExpertCertificateModel.findOne({ year }, { serial: 1 })
      .sort({ serial: -1 })
      .lean<{ serial: number }>();
    const serial = (last?.serial ?? 0) + 1;
    try {
      const created = await ExpertCertificateModel.create({
        ...content,
        ...own,
        year,
        serial,
        number: certificateNumber(year, serial),
      });
      return created.toObject() as ExpertCertificateDoc;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const issued = await ExpertCertificateModel.findOne(own).lean<ExpertCertificateDoc>();
      if (issued) return issued;
    }
  }
  throw new Error(`no free certificate number for ${year} after ${maxNumberAttempts} attempts`);
}

/** The certificate of an expert of the scope, or null. */
export async function findCertificate(
  scope: EnterpriseScope,
  expertId: Types.ObjectId,
): Promise<ExpertCertificateDoc | null> {
  return ExpertCertificateModel.findOne({
    expertId,
    enterpriseId: scope.enterpriseId,
  }).lean<ExpertCertificateDoc>();
}
