import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * The outbox: one entry per change that Elasticsearch must mirror, written right after the change.
 * The indexer claims entries with a lease (claimedUntil), re-reads the entity by `_id` and indexes its
 * current state, so replaying an entry is harmless. Done entries are kept for a day so that a full
 * reindex can replay what changed while it ran.
 */
const outboxSchema = new Schema(
  {
    topic: { type: String, required: true, enum: ['patent'] },
    entityId: { type: Schema.Types.ObjectId, required: true },
    /** The entity's rev after the change; for a deletion, the version the tombstone gets. */
    rev: { type: Number, required: true },
    op: { type: String, required: true, enum: ['upsert', 'delete'] },
    createdAt: { type: Date, required: true, default: () => new Date() },
    claimedUntil: { type: Date, required: true, default: () => new Date(0) },
    claimedBy: { type: String, default: null },
    attempts: { type: Number, default: 0 },
    done: { type: Boolean, default: false },
    doneAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
  { collection: 'outbox', versionKey: false },
);

// Claim path: pending entries whose lease has expired.
outboxSchema.index({ done: 1, claimedUntil: 1 });
// Claimed-by-me path and replay-since path.
outboxSchema.index({ claimedBy: 1 });
outboxSchema.index({ createdAt: 1 });

export type OutboxDoc = InferSchemaType<typeof outboxSchema> & { _id: mongoose.Types.ObjectId };
export const OutboxModel = mongoose.model('Outbox', outboxSchema);

/** Records that a patent changed; call it right after the write that bumped `rev`. */
export async function emitPatentChanges(
  changes: { entityId: mongoose.Types.ObjectId; rev: number; op: 'upsert' | 'delete' }[],
): Promise<void> {
  if (changes.length === 0) return;
  await OutboxModel.insertMany(changes.map((change) => ({ topic: 'patent', ...change })), { ordered: false });
}
