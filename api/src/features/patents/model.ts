import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * One enterprise's 评价库 entry for the patent (推送): when and by which push it arrived. At most one per
 * enterprise; pushing again changes nothing. Written only by the push job (one at a time), so the
 * read-then-append that keeps it unique never races itself.
 */
const pushSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    /** The rule push that brought it, or null for a push by hand from the patent's detail. */
    pushId: { type: Schema.Types.ObjectId, default: null },
    pushedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** 建档信息: the registering institution's file on the patent. */
const dossierSchema = new Schema(
  { maturity: String, scenarios: String, contact: String, terms: String },
  { _id: false },
);

/**
 * A registered patent: the source of truth. Elasticsearch mirrors it (indexer/); every list, search and
 * export reads the mirror, and MongoDB is read only by `_id`. `rev` grows on every write and is the
 * external version in Elasticsearch, so a replayed or late sync can never overwrite newer data.
 */
const patentSchema = new Schema(
  {
    applicationNumber: { type: String, required: true },
    applicationDate: { type: String, required: true },
    publicationNumber: String,
    publicationDate: String,
    grantDate: String,
    patentType: { type: String, required: true, enum: ['invention', 'utility_model', 'design'] },
    title: { type: String, required: true },
    abstract: { type: String, default: '' },
    claims: { type: String, default: '' },
    ipcMain: { type: String, required: true },
    ipcCodes: { type: [String], default: [] },
    legalStatus: { type: String, required: true, enum: ['valid', 'pending', 'invalid'] },
    applicants: { type: [String], default: [] },
    currentAssignees: { type: [String], default: [] },
    inventors: { type: [String], default: [] },
    address: String,
    agency: String,
    agents: { type: [String], default: [] },
    institutionId: { type: Schema.Types.ObjectId, required: true },
    institutionName: { type: String, required: true },
    institutionKind: { type: String, required: true, enum: ['university', 'institute'] },
    registeredAt: { type: Date, required: true },
    strategicIndustries: { type: [String], default: [] },
    economicIndustries: { type: [String], default: [] },
    industriesDerived: { type: Boolean, default: false },
    cooperationModes: { type: [String], default: [] },
    validAtEnd2023: { type: Boolean, default: false },
    dossier: { type: dossierSchema, default: {} },
    portfolioIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The enterprises whose 评价库 hold the patent (see pushSchema). */
    pushes: { type: [pushSchema], default: [] },
    /**
     * 撤回: set when the registering institution withdrew the patent. A withdrawn patent has no search
     * document (the indexer deletes it), so it leaves every library, feed and export at once, while what
     * was made on it (evaluations, intents) still finds it here by `_id`.
     */
    withdrawnAt: { type: Date, default: null },
    rev: { type: Number, required: true, default: 1 },
  },
  { collection: 'patents', timestamps: true, versionKey: false },
);

// One record per application number: re-importing a file finds the existing patent instead of adding one.
patentSchema.index({ applicationNumber: 1 }, { unique: true });

/** A push entry as lean reads return it (InferSchemaType would type the array as a mongoose DocumentArray). */
export type PatentPush = InferSchemaType<typeof pushSchema>;

export type PatentDoc = Omit<InferSchemaType<typeof patentSchema>, 'pushes'> & {
  _id: mongoose.Types.ObjectId;
  pushes: PatentPush[];
};
export const PatentModel = mongoose.model('Patent', patentSchema);
