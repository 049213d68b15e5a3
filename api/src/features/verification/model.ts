import { verificationStatuses } from '@panhuo/domain/verification/application';
import { licenceContentTypes } from '@panhuo/domain/verification/licence';
import { enterpriseCategoryCodes } from '@panhuo/domain/taxonomies/enterprise-categories';
import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * A 实名认证 application. The licence image is a separate document (licenceSchema below), so lists and
 * details never load megabytes: FerretDB applies projections after reading whole documents from PostgreSQL.
 */
const applicationSchema = new Schema(
  {
    companyName: { type: String, required: true },
    /** 统一社会信用代码, normalized. */
    creditCode: { type: String, required: true },
    category: { type: String, required: true, enum: enterpriseCategoryCodes },
    contactName: { type: String, required: true },
    contactPhone: { type: String, required: true },
    contactEmail: { type: String, required: true },
    /** The 企业管理员 account name asked for, normalized. */
    adminAccount: { type: String, required: true },
    licence: {
      type: new Schema(
        {
          fileId: { type: Schema.Types.ObjectId, required: true },
          /** As sniffed from the bytes, never as the browser declared it. */
          contentType: { type: String, required: true, enum: licenceContentTypes },
          size: { type: Number, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    status: { type: String, required: true, enum: verificationStatuses, default: 'pending' },
    /**
     * Copies of creditCode and adminAccount present only while the application is pending, under sparse
     * unique indexes: at most one pending application per credit code and per requested account, even when
     * two are submitted at once (FerretDB has no partialFilterExpression; an insert against a unique index
     * is race-free where conditional updates are not). Unset when the application is reviewed.
     */
    pendingCreditCode: { type: String },
    pendingAdminAccount: { type: String },
    reviewedAt: { type: Date, default: null },
    /** The operator account that approved or rejected. */
    reviewedBy: { type: Schema.Types.ObjectId, default: null },
    rejectReason: { type: String, default: null },
    /** The enterprise and the 企业管理员 account opened on approval. */
    enterpriseId: { type: Schema.Types.ObjectId, default: null },
    adminUserId: { type: Schema.Types.ObjectId, default: null },
  },
  // createdAt is the 提交时间.
  { collection: 'verification_applications', timestamps: true, versionKey: false },
);

// The review queue: one state, newest first (and all states, newest first).
applicationSchema.index({ status: 1, createdAt: -1 });
applicationSchema.index({ createdAt: -1 });
applicationSchema.index({ pendingCreditCode: 1 }, { unique: true, sparse: true });
applicationSchema.index({ pendingAdminAccount: 1 }, { unique: true, sparse: true });

/** A stored application. */
export type VerificationDoc = InferSchemaType<typeof applicationSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const VerificationModel = mongoose.model('Verification', applicationSchema);

/**
 * The bytes of a licence image (≤ 5 MiB, one document each). Kept in MongoDB rather than on disk so a
 * deployment needs no volume, and in one document rather than GridFS chunks (a licence fits; GridFS is not
 * known to work on FerretDB). Measured on FerretDB 1.24 on PostgreSQL: a 5 MiB binary field is stored and
 * read back in about 0.6 s; it reports MongoDB's 16 MiB document limit, and a 17 MiB document failed.
 */
const licenceSchema = new Schema(
  {
    contentType: { type: String, required: true, enum: licenceContentTypes },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  {
    collection: 'verification_licences',
    timestamps: { createdAt: true, updatedAt: false },
    versionKey: false,
  },
);

/** A stored licence image. */
export type LicenceDoc = InferSchemaType<typeof licenceSchema> & { _id: mongoose.Types.ObjectId };
export const LicenceModel = mongoose.model('VerificationLicence', licenceSchema);

/**
 * The review decision of an application, keyed by the application's _id. Inserting it is how an approval or
 * a rejection claims the application: the _id is unique, so of two operators (or two clicks) deciding at once
 * exactly one insert succeeds and the other answers 409. A conditional `status: 'pending'` update alone would
 * not do on FerretDB, where two racing conditional updates of one document can both report a match.
 * It stays as the record of who decided what; a claim whose review never finished (process died between
 * the claim and the status update) may be taken over after `staleClaimMs`.
 */
const decisionSchema = new Schema(
  {
    decision: { type: String, required: true, enum: ['approved', 'rejected'] },
    operatorId: { type: Schema.Types.ObjectId, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'verification_decisions', versionKey: false },
);

/** A stored decision. */
export type DecisionDoc = InferSchemaType<typeof decisionSchema> & { _id: mongoose.Types.ObjectId };
export const DecisionModel = mongoose.model('VerificationDecision', decisionSchema);
