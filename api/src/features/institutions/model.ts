import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** A university (高校) or research institute (科研院所) that registers patents. */
const institutionSchema = new Schema(
  {
    name: { type: String, required: true },
    kind: { type: String, required: true, enum: ['university', 'institute'] },
    region: String,
  },
  { collection: 'institutions', timestamps: true, versionKey: false },
);

// Imports refer to institutions by name (登记单位), so a name is one institution.
institutionSchema.index({ name: 1 }, { unique: true });

export type InstitutionDoc = InferSchemaType<typeof institutionSchema> & { _id: mongoose.Types.ObjectId };
export const InstitutionModel = mongoose.model('Institution', institutionSchema);
