import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * An institution's patents that have no search document: 草稿 (not yet 提交登记) and 已撤回. A draft's
 * `_id` is the id the patent gets when it is registered, so a repeated 提交登记 finds the patent it
 * already wrote. A withdrawn patent keeps its record in `patents` (evaluations and intents made on it still
 * read it by `_id`); this entry lists it in 我的专利. Listed by top-level equality on `institutionId` and
 * `state` (both pushed down on FerretDB); an institution holds a handful of these, not thousands.
 */
const registrationSchema = new Schema(
  {
    institutionId: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, required: true, enum: ['draft', 'withdrawn'] },
    /** The form's values as typed (草稿), checked cell by cell; 提交登记 checks them as a whole. */
    fields: { type: Schema.Types.Mixed, default: {} },
    /** 发明名称 and normalized 申请号, for the list. */
    title: { type: String, default: '' },
    applicationNumber: { type: String, default: '' },
    withdrawnAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'patent_registrations', timestamps: true, versionKey: false, minimize: false },
);

registrationSchema.index({ institutionId: 1, state: 1 });

export type RegistrationDoc = InferSchemaType<typeof registrationSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const RegistrationModel = mongoose.model('PatentRegistration', registrationSchema);
