import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * What one push gave one patent: a small insert-only document per (push, patent), beside the patent
 * instead of inside it. Why: appending 200 entries to each of 50,000 patents rewrote each ~20 KB patent
 * document on FerretDB (minutes, docs/conventions.md); inserting 50,000 documents of ~150 bytes takes
 * seconds. The indexer joins them into the search document's `library` (read by equality on patentId);
 * Patent.pushes is still read too (pushes written before, and fixtures), the earliest entry of an
 * enterprise winning.
 *
 * `_id` is `<push id>:<patent id>`: a replayed batch (a retried or resumed push) collides on it and adds
 * nothing. `enterprises` is null when the patent went to every target of the push (the usual case: the
 * list is the push's own `enterpriseIds`, not repeated 50,000 times), else the ids it went to, as 24-hex
 * ids joined into one string (one scalar field: the cheapest to store and decode on FerretDB).
 * Never updated or deleted, so the count of a patent's entries only grows (it is part of the search
 * document's external version, indexer to-es-doc.ts).
 */
const pushEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    patentId: { type: Schema.Types.ObjectId, required: true },
    pushId: { type: Schema.Types.ObjectId, required: true },
    pushedAt: { type: Date, required: true },
    enterprises: { type: String, default: null },
  },
  { collection: 'push_entries', versionKey: false },
);

// The indexer and the evaluation features read a patent's entries by equality on patentId.
pushEntrySchema.index({ patentId: 1 });

export type PushEntryDoc = InferSchemaType<typeof pushEntrySchema> & { _id: string };
export const PushEntryModel = mongoose.model('PushEntry', pushEntrySchema);
