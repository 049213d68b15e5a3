import { expertStatuses, reviewDecisions } from '@panhuo/domain/experts/status';
import type { ExpertStatus } from '@panhuo/domain/experts/status';
import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** 专家信息 as the expert completes it (validated by the domain's expertInfoBodySchema before it is stored). */
const infoSchema = new Schema(
  {
    title: { type: String, required: true },
    strategicIndustries: { type: [String], default: [] },
    economicIndustries: { type: [String], default: [] },
    resume: { type: String, required: true },
    contact: { type: String, required: true },
  },
  { _id: false },
);

/**
 * An expert recommended by an enterprise: the expert side of an account whose role is `expert`. Its `_id`
 * is the account's `_id`, so the account list joins the two by id without `$lookup` (FerretDB has none).
 * The account (users) keeps what authentication needs: password, 账号状态 (status), session epoch; this
 * document keeps the basic info the admin entered, the 专家信息 and the 信息完善状态.
 */
const expertSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    /** Copies of the account's name and login (both fixed after creation), for search and lists. */
    name: { type: String, required: true },
    account: { type: String, required: true },
    /** 手机号, 所属职务 and 部门 as the admin entered them. */
    phone: { type: String, required: true },
    position: { type: String, required: true },
    department: { type: String, default: null },
    status: { type: String, required: true, enum: expertStatuses, default: 'pending_info' },
    /** 0 while 待审核, else 1: the review list sorts pending experts first with a plain index. */
    queueRank: { type: Number, required: true, default: 1 },
    statusChangedAt: { type: Date, required: true, default: () => new Date() },
    info: { type: infoSchema, default: null },
    infoUpdatedAt: { type: Date, default: null },
    /**
     * How many times the expert applied (申请入库). A review is stored per (expert, round) under a unique
     * index, so two admins deciding the same application cannot both win.
     */
    round: { type: Number, required: true, default: 0 },
    submittedAt: { type: Date, default: null },
    decidedAt: { type: Date, default: null },
    /** Set on approval: the number of the expert's certificate (expert_certificates). */
    certificateNumber: { type: String, default: null },
  },
  { collection: 'experts', timestamps: true, versionKey: false },
);

// 账号管理: an enterprise's experts, newest first, optionally of one status.
expertSchema.index({ enterpriseId: 1, createdAt: -1 });
expertSchema.index({ enterpriseId: 1, status: 1, createdAt: -1 });
// 专家审核: pending first, then the latest changes.
expertSchema.index({ enterpriseId: 1, queueRank: 1, statusChangedAt: -1 });
// One expert record per login name (the users collection holds the same invariant for the account).
expertSchema.index({ account: 1 }, { unique: true });

/** A stored expert. */
export type ExpertDoc = InferSchemaType<typeof expertSchema> & {
  _id: mongoose.Types.ObjectId;
  status: ExpertStatus;
  createdAt: Date;
  updatedAt: Date;
};
export const ExpertModel = mongoose.model('Expert', expertSchema);

/** The queue rank a status sorts under in 专家审核. */
export function queueRankOf(status: ExpertStatus): number {
  return status === 'pending_review' ? 0 : 1;
}

/**
 * One 审核, kept forever (never updated or deleted). The unique (expertId, round) index is what makes a
 * decision exclusive: FerretDB has no transactions, and two concurrent conditional updates of one document
 * may both report a match there, but only one insert of the same key succeeds.
 */
const reviewSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, required: true },
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    round: { type: Number, required: true },
    decision: { type: String, required: true, enum: reviewDecisions },
    opinion: { type: String, default: '' },
    reviewerId: { type: Schema.Types.ObjectId, required: true },
    reviewerName: { type: String, required: true },
  },
  { collection: 'expert_reviews', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

reviewSchema.index({ expertId: 1, round: 1 }, { unique: true });

/** A stored review. */
export type ExpertReviewDoc = InferSchemaType<typeof reviewSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export const ExpertReviewModel = mongoose.model('ExpertReview', reviewSchema);

/**
 * 证书 of an approved expert: one per expert, numbered `PH-ZJ-<year>-<serial>` uniquely on the platform.
 * Both invariants are unique indexes; the serial is taken as "highest of the year + 1" and a collision
 * (another approval took it meanwhile) is retried with the next one, so no shared counter can race.
 * What it certifies (name, 职称, research fields, enterprise) is copied at issue.
 */
const certificateSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, required: true },
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    year: { type: Number, required: true },
    serial: { type: Number, required: true },
    expertName: { type: String, required: true },
    title: { type: String, required: true },
    enterpriseName: { type: String, required: true },
    strategicIndustries: { type: [String], default: [] },
    economicIndustries: { type: [String], default: [] },
    issuedAt: { type: Date, required: true },
  },
  { collection: 'expert_certificates', versionKey: false },
);

certificateSchema.index({ expertId: 1 }, { unique: true });
certificateSchema.index({ number: 1 }, { unique: true });
// The next serial of a year: the highest one so far.
certificateSchema.index({ year: 1, serial: -1 });

/** A stored certificate. */
export type ExpertCertificateDoc = InferSchemaType<typeof certificateSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const ExpertCertificateModel = mongoose.model('ExpertCertificate', certificateSchema);
