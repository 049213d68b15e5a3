import { intentAttachmentDtoSchema } from './attachments';
import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { cooperationModeSchema } from '../taxonomies/cooperation-modes';
import { budgetSchema, intentContactSchema } from './forms';
import {
  intentSideSchema,
  intentSourceSchema,
  intentStateSchema,
  intentStepKindSchema,
  intentTargetKindSchema,
} from './state';

/** One step of the conversation: a message, or a state change (with its optional message). */
export const intentStepDtoSchema = z.object({
  id: objectIdSchema,
  side: intentSideSchema,
  kind: intentStepKindSchema,
  text: z.string(),
  /** 已达成合作: the agreed mode and amount (万元), when given. */
  agreedMode: cooperationModeSchema.optional(),
  agreedAmount: z.number().optional(),
  /** A message's files (download: GET …/intents/:id/attachments/:attachmentId on the caller's side). */
  attachments: z.array(intentAttachmentDtoSchema),
  at: z.iso.datetime(),
});

/** An intent in a list (both sides see the same fields; `unread` is the caller's side's marker). */
export const intentSummaryDtoSchema = z.object({
  id: objectIdSchema,
  state: intentStateSchema,
  source: intentSourceSchema,
  target: z.object({ kind: intentTargetKindSchema, id: objectIdSchema, title: z.string() }),
  enterpriseName: z.string(),
  institutionId: objectIdSchema,
  institutionName: z.string(),
  modes: z.array(cooperationModeSchema),
  budget: budgetSchema,
  expectedTime: z.string(),
  createdAt: z.iso.datetime(),
  lastActivityAt: z.iso.datetime(),
  unread: z.boolean(),
});

/** One intent with its form, contact and every step of the conversation, oldest first. */
export const intentDetailDtoSchema = intentSummaryDtoSchema.extend({
  description: z.string(),
  contact: intentContactSchema,
  steps: z.array(intentStepDtoSchema),
  /** What the caller may do now. */
  can: z.object({
    withdraw: z.boolean(),
    reply: z.boolean(),
    message: z.boolean(),
    close: z.boolean(),
  }),
});

/** The answer of 我有合作意向: the intent, and whether it was already open (a second submission). */
export const intentCreatedDtoSchema = intentDetailDtoSchema.extend({ existing: z.boolean() });

/** A page of intents. */
export const intentPageDtoSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  items: z.array(intentSummaryDtoSchema),
  /** Every institution among the caller's intents (the 高校院所 filter's options). */
  institutions: z.array(z.object({ id: objectIdSchema, name: z.string() })),
});

/** What the 我有合作意向 form opens with: the target, the modes it offers, the contact and any open intent. */
export const intentDraftDtoSchema = z.object({
  target: z.object({
    kind: intentTargetKindSchema,
    id: objectIdSchema,
    title: z.string(),
    institutionName: z.string(),
  }),
  /** The modes the patent offers; empty means any mode of the taxonomy. */
  offeredModes: z.array(cooperationModeSchema),
  contact: z.object({ name: z.string(), phone: z.string(), email: z.string() }),
  /** The enterprise's open intent on this target, if any: the form shows it instead. */
  openIntentId: objectIdSchema.nullable(),
});

export type IntentStepDto = z.infer<typeof intentStepDtoSchema>;
export type IntentSummaryDto = z.infer<typeof intentSummaryDtoSchema>;
export type IntentDetailDto = z.infer<typeof intentDetailDtoSchema>;
export type IntentCreatedDto = z.infer<typeof intentCreatedDtoSchema>;
export type IntentPageDto = z.infer<typeof intentPageDtoSchema>;
export type IntentDraftDto = z.infer<typeof intentDraftDtoSchema>;
