import { attachmentContentTypes } from '@panhuo/domain/intents/attachments';
import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';
import {
  intentSides,
  intentSources,
  intentStates,
  intentStepKinds,
  intentTargetKinds,
} from '@panhuo/domain/intents/state';
import { cooperationModeCodes } from '@panhuo/domain/taxonomies/cooperation-modes';

const budgetSchema = new Schema(
  { kind: { type: String, required: true, enum: ['negotiable', 'range'] }, min: Number, max: Number },
  { _id: false },
);

const contactSchema = new Schema(
  {
    name: { type: String, required: true },
    phone: { type: String, required: true },
    email: { type: String, required: true },
  },
  { _id: false },
);

/**
 * A 合作意向: one enterprise's directed intent on one patent or 组合专利, addressed to the institution that
 * registered it (derived from the patent, never from the request). The form is written once. `state`,
 * `lastActivityAt` and the per-side dates are projections for the lists: the steps (intent_steps, whose
 * unique gates decide every transition) are the truth, and the detail re-derives and repairs them.
 */
const intentSchema = new Schema(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    enterpriseName: { type: String, required: true },
    institutionId: { type: Schema.Types.ObjectId, required: true },
    institutionName: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    targetKind: { type: String, required: true, enum: intentTargetKinds },
    targetId: { type: Schema.Types.ObjectId, required: true },
    targetTitle: { type: String, required: true },
    source: { type: String, required: true, enum: intentSources },
    modes: { type: [String], enum: cooperationModeCodes, default: [] },
    description: { type: String, required: true },
    budget: { type: budgetSchema, required: true },
    expectedTime: { type: String, required: true },
    contact: { type: contactSchema, required: true },
    state: { type: String, required: true, enum: intentStates, default: 'pending' },
    /** The key it holds in intent_open_keys while not final. */
    openKey: { type: String, required: true },
    lastActivityAt: { type: Date, required: true },
    /** When each side last wrote a step, and last opened the conversation (the unread markers). */
    enterpriseActedAt: { type: Date, default: null },
    institutionActedAt: { type: Date, default: null },
    enterpriseReadAt: { type: Date, default: null },
    institutionReadAt: { type: Date, default: null },
  },
  { collection: 'intents', timestamps: true, versionKey: false },
);

// 高校院所合作需求 (an enterprise's intents) and the inbox (an institution's): read by tenant equality.
intentSchema.index({ enterpriseId: 1, createdAt: -1 });
intentSchema.index({ institutionId: 1, createdAt: -1 });
// The held-mail job (jobs intent-mail-tail.ts) reads the intents with recent steps by this range.
intentSchema.index({ lastActivityAt: 1 });

export type IntentDoc = InferSchemaType<typeof intentSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const IntentModel = mongoose.model('Intent', intentSchema);

/**
 * "One open intent per enterprise and target": `_id` is `<enterpriseId>:<kind>:<targetId>`, inserted
 * before the intent and deleted when it ends. A second submission's insert fails on `_id` and answers the
 * intent the key names. No conditional update decides it (FerretDB: conventions.md).
 */
const openKeySchema = new Schema(
  { _id: { type: String, required: true }, intentId: { type: Schema.Types.ObjectId, required: true } },
  { collection: 'intent_open_keys', timestamps: true, versionKey: false },
);
export const IntentOpenKeyModel = mongoose.model('IntentOpenKey', openKeySchema);

/**
 * One step of the conversation, inserted and never changed. Every step carries a unique `gate`: a
 * transition `<intentId>:first` (已查看 or 撤回: whichever is stored first wins), `:answer` (接受洽谈 or
 * 婉拒) or `:end` (已达成合作 or 已关闭, by either side); a message or the submission a gate of its own
 * (`:<stepId>`). Always set, so the unique index needs neither sparse nor partial (FerretDB has no partial).
 */
const stepSchema = new Schema(
  {
    intentId: { type: Schema.Types.ObjectId, required: true },
    side: { type: String, required: true, enum: intentSides },
    kind: { type: String, required: true, enum: intentStepKinds },
    gate: { type: String, required: true },
    text: { type: String, default: '' },
    agreedMode: { type: String, enum: cooperationModeCodes },
    agreedAmount: { type: Number },
    /** A message's files: what the conversation lists (the bytes are in intent_attachments). */
    attachments: {
      type: [
        new Schema(
          {
            _id: { type: Schema.Types.ObjectId, required: true },
            name: { type: String, required: true },
            type: { type: String, required: true, enum: attachmentContentTypes },
            size: { type: Number, required: true },
          },
          { versionKey: false },
        ),
      ],
      default: [],
    },
  },
  { collection: 'intent_steps', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
stepSchema.index({ intentId: 1, createdAt: 1 });
stepSchema.index({ gate: 1 }, { unique: true });

export type IntentStepDoc = InferSchemaType<typeof stepSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export const IntentStepModel = mongoose.model('IntentStep', stepSchema);

/**
 * One mail about an intent's new steps to one side. `_id` is `<intentId>:<side>:<seq>`, seq = the highest
 * sent + 1: two senders that read the same history race on the same `_id` and one insert fails, so each
 * mail goes once; a mail is sent only when the previous one to that side is at least ten minutes old.
 */
const mailSendSchema = new Schema(
  {
    _id: { type: String, required: true },
    intentId: { type: Schema.Types.ObjectId, required: true },
    side: { type: String, required: true, enum: intentSides },
    seq: { type: Number, required: true },
    /** The newest step the mail told of: the next mail tells of the steps after it. */
    coveredUntil: { type: Date, required: true },
    delivered: { type: Boolean, default: null },
  },
  { collection: 'intent_mail_sends', timestamps: true, versionKey: false },
);
mailSendSchema.index({ intentId: 1 });

export type IntentMailSendDoc = InferSchemaType<typeof mailSendSchema> & { _id: string; createdAt: Date };
export const IntentMailSendModel = mongoose.model('IntentMailSend', mailSendSchema);

/**
 * The bytes of one message attachment (≤ 5 MiB, one document each, like the 实名认证 licences: no volume to
 * deploy, and a file fits one document). Inserted before its step; served only once a step names it.
 */
const attachmentSchema = new Schema(
  {
    intentId: { type: Schema.Types.ObjectId, required: true },
    stepId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true, enum: attachmentContentTypes },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { collection: 'intent_attachments', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
attachmentSchema.index({ stepId: 1 });

export type IntentAttachmentDoc = InferSchemaType<typeof attachmentSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const IntentAttachmentModel = mongoose.model('IntentAttachment', attachmentSchema);
