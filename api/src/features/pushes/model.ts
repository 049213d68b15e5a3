import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** Where a push stands: defined (with its preview), waiting for the job, being written, finished. */
export const pushStatuses = ['draft', 'queued', 'running', 'done', 'failed'] as const;
export type PushStatus = (typeof pushStatuses)[number];

/**
 * 推送: the platform putting patents into enterprises' 专利转化评价库. `rule`: a saved search of the 资源库
 * (keyword + facets, exactly the search parameters) and its target enterprises, defined by the operator,
 * previewed, then confirmed; `manual`: one patent pushed by hand from its detail page (search = that id).
 * Either way the push job (jobs/src/jobs/push-patents.ts, one at a time) is what writes push entries
 * (entry-model.ts), one per patent and push.
 */
const pushSchema = new Schema(
  {
    kind: { type: String, required: true, enum: ['rule', 'manual'] },
    name: { type: String, required: true },
    /** The saved search, as parsed (search/schema.ts SearchInput without paging): `{ q?, filters }`. */
    search: {
      q: { type: String },
      filters: { type: Schema.Types.Mixed, required: true, default: {} },
      /** A push by hand: only this patent. */
      patentIds: { type: [Schema.Types.ObjectId], default: undefined },
    },
    /** The target enterprises, resolved when the push was defined (picked, or matched by 关注领域). */
    enterpriseIds: { type: [Schema.Types.ObjectId], required: true },
    /**
     * `matching`: each patent goes only to the targets whose 关注领域 (industries, as read when the push was
     * defined) overlap its own; `enterprises`: every pushable match to every target.
     */
    targets: { type: String, required: true, enum: ['enterprises', 'matching'], default: 'enterprises' },
    matchRules: {
      type: [
        new Schema(
          {
            enterpriseId: { type: Schema.Types.ObjectId, required: true },
            strategicIndustries: { type: [String], default: [] },
            economicIndustries: { type: [String], default: [] },
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    status: { type: String, required: true, enum: pushStatuses, default: 'draft' },
    /** Patents walked so far of `total` (the search's eligible matches when the job started). */
    progress: {
      processed: { type: Number, required: true, default: 0 },
      total: { type: Number, required: true, default: 0 },
    },
    /** Library entries written, and patents that received at least one. */
    counts: {
      added: { type: Number, required: true, default: 0 },
      patents: { type: Number, required: true, default: 0 },
    },
    /** The last patent's sort value done: a restarted job continues after it (search_after). */
    checkpoint: { type: [Schema.Types.Mixed], default: undefined },
    error: { type: String, default: null },
    /** Runs of the job that took it (a failing push is retried from its checkpoint, then given up). */
    attempts: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    confirmedAt: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
  },
  { collection: 'pushes', timestamps: true, versionKey: false },
);

// The job's queue: the pushes waiting (or interrupted while running), by equality on status.
pushSchema.index({ status: 1 });

export type PushDoc = InferSchemaType<typeof pushSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const PushModel = mongoose.model('Push', pushSchema);
