import { expertEvaluationStates, reviewOutcomes } from '@panhuo/domain/evaluations/state';
import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * The order of every write to one patent's evaluations in one enterprise: slot `seq` 1, 2, 3… taken by
 * inserting under the unique (enterpriseId, patentId, seq) index, so exactly one writer gets each number.
 * An expert's evaluation lands as an `expert` slot holding the revision (stars and advice); the 企业自评
 * first takes a `lock` slot. A slot is only taken at `seq = highest seen + 1`, so when slot n exists every
 * slot below it existed before it; an expert who read the slots without a lock and then got slot n knows
 * the lock (if any) has a higher number, i.e. came after him. See docs/conventions.md (the evaluation lock).
 * Slots are never updated or deleted.
 */
const slotSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    patentId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    kind: { type: String, required: true, enum: ['expert', 'lock'] },
    /** Who wrote it: the expert of an `expert` slot, the admin of a `lock` slot. */
    actorId: { type: Schema.Types.ObjectId, required: true },
    actorName: { type: String, required: true },
    stars: { type: Number, default: null },
    advice: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'evaluation_slots', versionKey: false },
);

slotSchema.index({ enterpriseId: 1, patentId: 1, seq: 1 }, { unique: true });

/** A stored slot. */
export type EvaluationSlotDoc = InferSchemaType<typeof slotSchema> & {
  _id: mongoose.Types.ObjectId;
  kind: 'expert' | 'lock';
};
export const EvaluationSlotModel = mongoose.model('EvaluationSlot', slotSchema);

/**
 * An expert's evaluation of a patent as lists show it (专利评价管理): one per (enterprise, patent, expert)
 * under a unique index, rewritten from the slots and reviews after each change (a projection: the panel of
 * a patent reads the slots themselves). Never leaves the enterprise.
 */
const expertEvaluationSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    patentId: { type: Schema.Types.ObjectId, required: true },
    expertId: { type: Schema.Types.ObjectId, required: true },
    expertName: { type: String, required: true },
    patentTitle: { type: String, required: true },
    applicationNumber: { type: String, required: true },
    stars: { type: Number, required: true },
    advice: { type: String, required: true },
    /** The slot seq of the current revision. */
    revision: { type: Number, required: true },
    state: { type: String, required: true, enum: expertEvaluationStates },
    submittedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'expert_evaluations', versionKey: false },
);

expertEvaluationSchema.index({ enterpriseId: 1, patentId: 1, expertId: 1 }, { unique: true });
// 专利评价管理 reads the enterprise's evaluations by equality on enterpriseId.
expertEvaluationSchema.index({ enterpriseId: 1, updatedAt: -1 });

/** A stored expert evaluation. */
export type ExpertEvaluationDoc = InferSchemaType<typeof expertEvaluationSchema> & {
  _id: mongoose.Types.ObjectId;
  state: (typeof expertEvaluationStates)[number];
};
export const ExpertEvaluationModel = mongoose.model('ExpertEvaluation', expertEvaluationSchema);

/**
 * 专家评价审核, kept forever: one decision per revision of an evaluation (unique), so two admins deciding
 * the same revision cannot both win, and a revised evaluation is reviewed afresh.
 */
const reviewSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    patentId: { type: Schema.Types.ObjectId, required: true },
    expertId: { type: Schema.Types.ObjectId, required: true },
    evaluationId: { type: Schema.Types.ObjectId, required: true },
    revision: { type: Number, required: true },
    decision: { type: String, required: true, enum: reviewOutcomes },
    comment: { type: String, default: '' },
    reviewerId: { type: Schema.Types.ObjectId, required: true },
    reviewerName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'expert_evaluation_reviews', versionKey: false },
);

reviewSchema.index({ evaluationId: 1, revision: 1 }, { unique: true });
reviewSchema.index({ enterpriseId: 1, patentId: 1 });

/** A stored review. */
export type EvaluationReviewDoc = InferSchemaType<typeof reviewSchema> & {
  _id: mongoose.Types.ObjectId;
  decision: (typeof reviewOutcomes)[number];
};
export const EvaluationReviewModel = mongoose.model('EvaluationReview', reviewSchema);

/** 建议评价专家—指派: the admin asked this expert to evaluate this patent (optional; any expert may rate). */
const assignmentSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    patentId: { type: Schema.Types.ObjectId, required: true },
    expertId: { type: Schema.Types.ObjectId, required: true },
    patentTitle: { type: String, required: true },
    applicationNumber: { type: String, required: true },
    assignedBy: { type: Schema.Types.ObjectId, required: true },
    assignedAt: { type: Date, required: true },
  },
  { collection: 'evaluation_assignments', versionKey: false },
);

assignmentSchema.index({ enterpriseId: 1, patentId: 1, expertId: 1 }, { unique: true });
// 指派给我: an expert's assignments by equality on expertId.
assignmentSchema.index({ expertId: 1 });

/** A stored assignment. */
export type EvaluationAssignmentDoc = InferSchemaType<typeof assignmentSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const EvaluationAssignmentModel = mongoose.model('EvaluationAssignment', assignmentSchema);
