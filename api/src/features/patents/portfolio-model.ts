import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** 组合专利: a named bundle of one institution's patents, offered together with its own description. */
const portfolioSchema = new Schema(
  {
    name: { type: String, required: true },
    description: { type: String, default: '' },
    institutionId: { type: Schema.Types.ObjectId, required: true },
    institutionName: { type: String, required: true },
    patentIds: { type: [Schema.Types.ObjectId], default: [] },
    /**
     * Who keeps the member list: `import` portfolios are named by import files (a re-import moves a patent
     * to the one its row names); `workspace` ones are built by hand on the 组合专利 page, and an import only
     * ever adds to them, never takes a patent out (the file's one portfolio column cannot say "also in").
     * Absent on portfolios stored before the field: those came from imports and the seed.
     */
    origin: { type: String, enum: ['import', 'workspace'], default: 'import' },
  },
  { collection: 'portfolios', timestamps: true, versionKey: false },
);

// A portfolio name is unique within its institution: re-importing the same file updates, never duplicates.
portfolioSchema.index({ institutionId: 1, name: 1 }, { unique: true });

export type PortfolioDoc = InferSchemaType<typeof portfolioSchema> & { _id: mongoose.Types.ObjectId };
export const PortfolioModel = mongoose.model('Portfolio', portfolioSchema);
