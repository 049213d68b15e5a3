import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * A browser import between its preview and its confirmation. The uploaded file stays on the server (its
 * bytes in `import_upload_chunks`) under this document's `_id`, the token the page confirms by, so what
 * is imported is exactly what was checked, never anything the browser sends back. Read by `_id` only.
 */
const uploadSchema = new Schema(
  {
    institutionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    format: { type: String, required: true, enum: ['csv', 'xlsx'] },
    size: { type: Number, required: true },
    rows: { type: Number, required: true },
    /** What the dry run said the import would write (patents and portfolios). */
    summary: { type: Schema.Types.Mixed, required: true },
    /** The token is refused after this. */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'import_uploads', timestamps: true, versionKey: false },
);
uploadSchema.index({ institutionId: 1 });
export type ImportUploadDoc = InferSchemaType<typeof uploadSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export const ImportUploadModel = mongoose.model('ImportUpload', uploadSchema);

/** One slice of an uploaded file (a document holds at most 16 MB; a file may have 20). */
const chunkSchema = new Schema(
  {
    uploadId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { collection: 'import_upload_chunks', versionKey: false },
);
chunkSchema.index({ uploadId: 1, seq: 1 }, { unique: true });
export const ImportChunkModel = mongoose.model('ImportChunk', chunkSchema);

/**
 * The confirmed import's run, `_id` = the upload's: inserting it is the claim (a second 确认导入 of the same
 * token meets the unique `_id` and only reads the state), and the page polls it for the progress bar.
 */
const runSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    institutionId: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, required: true, enum: ['running', 'done', 'failed'] },
    phase: { type: String, required: true, enum: ['validate', 'write'] },
    done: { type: Number, required: true },
    total: { type: Number, required: true },
    /** The import's summary (done), or the error that stopped it (failed). */
    result: { type: Schema.Types.Mixed, default: null },
    error: { type: Schema.Types.Mixed, default: null },
    finishedAt: { type: Date, default: null },
  },
  { collection: 'import_runs', timestamps: true, versionKey: false },
);
export type ImportRunDoc = InferSchemaType<typeof runSchema> & { _id: mongoose.Types.ObjectId };
export const ImportRunModel = mongoose.model('ImportRun', runSchema);
