import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * 企业自评: an enterprise's one official evaluation of a patent pushed to it. The unique index on
 * (enterpriseId, patentId) makes a second submission fail. The lock on the experts is an insert too, taken
 * just before this one: the `lock` slot of the patent's evaluation order (model.ts, evaluation_slots), so an
 * expert's write and the submission are ordered by one unique index (FerretDB's conditional updates of one
 * document are not atomic, so the lock is never a flag set on another document).
 * Released to the patent's institution (enterprise name, stars, opinion, date); the search document carries
 * its stars and date for the enterprise's own 评价库 (indexer/), never anything of an expert's.
 */
const enterpriseEvaluationSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    patentId: { type: Schema.Types.ObjectId, required: true },
    /** The patent's registering institution, the one party outside the enterprise that may read it. */
    institutionId: { type: Schema.Types.ObjectId, required: true },
    stars: { type: Number, required: true, min: 1, max: 5 },
    opinion: { type: String, required: true },
    submittedBy: { type: Schema.Types.ObjectId, required: true },
    submittedAt: { type: Date, required: true },
    /** Copies at submission, for the lists of the enterprise and of the institution. */
    submittedByName: { type: String, default: '' },
    enterpriseName: { type: String, default: '' },
    patentTitle: { type: String, default: '' },
    applicationNumber: { type: String, default: '' },
    /** The `lock` slot (evaluation_slots) taken before this insert; expert slots below it are shown with it. */
    lockSeq: { type: Number, default: null },
  },
  { collection: 'enterprise_evaluations', versionKey: false },
);

enterpriseEvaluationSchema.index({ enterpriseId: 1, patentId: 1 }, { unique: true });
// The indexer reads a patent's evaluations by equality on patentId; the university reads its own.
enterpriseEvaluationSchema.index({ patentId: 1 });
enterpriseEvaluationSchema.index({ institutionId: 1, submittedAt: -1 });

export type EnterpriseEvaluationDoc = InferSchemaType<typeof enterpriseEvaluationSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const EnterpriseEvaluationModel = mongoose.model('EnterpriseEvaluation', enterpriseEvaluationSchema);
