import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';
import { cooperationModeCodes } from '@panhuo/domain/taxonomies/cooperation-modes';
import { mailFrequencies } from './schema';

/**
 * An enterprise's 关注领域设置, one document per enterprise with the enterprise's id as `_id`: read and
 * written by `_id` only (the one query FerretDB pushes down), never scanned. Absent until the admin first
 * saves: until then the enterprise's initial settings apply (service.ts initialSettings).
 */
const attentionSettingsSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    strategicIndustries: { type: [String], default: [] },
    economicIndustries: { type: [String], default: [] },
    cooperationModes: { type: [String], enum: cooperationModeCodes, default: [] },
    keywords: { type: [String], default: [] },
    institutionIds: { type: [Schema.Types.ObjectId], default: [] },
    /** 地区: provinces (regions.ts provinces). */
    regions: { type: [String], default: [] },
    mailFrequency: { type: String, enum: mailFrequencies, required: true, default: 'weekly' },
    /** ISO weekday of the weekly mail, 1 = Monday … 7 = Sunday (China time). */
    mailWeekday: { type: Number, min: 1, max: 7, required: true, default: 1 },
    /** The admin who saved last. */
    updatedBy: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'attention_settings', timestamps: true, versionKey: false },
);

/** A stored 关注领域设置. */
export type AttentionSettingsDoc = InferSchemaType<typeof attentionSettingsSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const AttentionSettingsModel = mongoose.model('AttentionSettings', attentionSettingsSchema);
