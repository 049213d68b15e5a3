import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * One digest run: a day's mail of one period (`_id` = the period key, e.g. `2026-12-07`), written by the
 * orchestrating job. Inserting it is how the first orchestrator of a day claims the run; a second one (a
 * restart, another worker) finds it and only re-enqueues the batches, which are unique.
 */
const runSchema = new Schema(
  {
    _id: { type: String, required: true },
    date: { type: String, required: true },
    since: { type: Date, required: true },
    until: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    /** When every batch was enqueued. */
    enqueuedAt: { type: Date, default: null },
    enterprises: { type: Number, default: 0 },
    groups: { type: Number, default: 0 },
    /** Enterprises with something new (the others get no mail). */
    matchedEnterprises: { type: Number, default: 0 },
    batches: { type: Number, default: 0 },
    esRequests: { type: Number, default: 0 },
  },
  { collection: 'digest_runs', versionKey: false },
);
runSchema.index({ startedAt: -1 });
export type DigestRunDoc = InferSchemaType<typeof runSchema> & { _id: string };
export const DigestRunModel = mongoose.model('DigestRun', runSchema);

/**
 * One batch's outcome, inserted once when the batch finishes (`_id` = batch id; a re-run after a crash
 * inserts nothing new): counters are never `$inc`-ed on a shared document, which FerretDB cannot do
 * atomically. The operator page sums them per run.
 */
const batchSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    sent: { type: Number, required: true },
    failed: { type: Number, required: true },
    /** Sends that needed more than one SMTP attempt. */
    retried: { type: Number, required: true },
    skipped: { type: Number, required: true },
    finishedAt: { type: Date, required: true },
  },
  { collection: 'digest_batches', versionKey: false },
);
batchSchema.index({ runId: 1 });
export const DigestBatchModel = mongoose.model('DigestBatch', batchSchema);

/**
 * The send key (enterprise, period, recipient) as `_id`: inserted BEFORE the message goes, so a recipient
 * is mailed at most once per period whatever crashes or runs twice (see service.ts claimSend). `attempt`
 * is always 0 (earlier claims could be taken over; that could mail twice).
 */
const sendSchema = new Schema(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    attempt: { type: Number, required: true },
    runId: { type: String, required: true },
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    to: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'digest_sends', versionKey: false },
);
sendSchema.index({ key: 1, attempt: 1 }, { unique: true });
sendSchema.index({ runId: 1 });
export const DigestSendModel = mongoose.model('DigestSend', sendSchema);

/**
 * The outcome of a claimed send, inserted after SMTP answered (`_id` = the send key): sent, or failed after
 * its retries, with the number of attempts. A claim without one: the worker died during the SMTP exchange
 * (the mail may or may not have gone; it is not sent again).
 */
const outcomeSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    ok: { type: Boolean, required: true },
    attempts: { type: Number, required: true },
    error: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'digest_outcomes', versionKey: false },
);
outcomeSchema.index({ runId: 1 });
export const DigestOutcomeModel = mongoose.model('DigestOutcome', outcomeSchema);

/** A recipient who unsubscribed from the 关注库 mail (`_id` = the account id); deleted to subscribe again. */
const optOutSchema = new Schema(
  { _id: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, required: true } },
  { collection: 'digest_opt_outs', versionKey: false },
);
export const DigestOptOutModel = mongoose.model('DigestOptOut', optOutSchema);
export type DigestOptOutDoc = InferSchemaType<typeof optOutSchema>;
