import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { cooperationModeSchema } from '../taxonomies/cooperation-modes';
import { optionalText, plainText } from '../text';
import { intentSourceSchema, intentStateSchema, intentTargetKindSchema } from './state';

/** Longest 需求描述 and conversation message, in characters. */
export const INTENT_TEXT_MAX = 2000;
/** Largest budget figure, in 万元 (a hundred billion yuan: beyond any patent deal, below float trouble). */
export const BUDGET_MAX_WAN = 10_000_000;
/** Default and largest page of the intent lists. */
export const DEFAULT_INTENT_PAGE_SIZE = 20;
export const MAX_INTENT_PAGE_SIZE = 100;

/** Form fields left empty arrive as ''; blank is "not given". */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A budget figure in 万元: non-negative, at most two decimals (a form sends it as text). */
const wan = (label: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : blankToUndefined(value)),
    z
      .number({ error: `请填写${label}` })
      .finite({ error: `${label}应为数字` })
      .min(0, { error: `${label}不能为负数` })
      .max(BUDGET_MAX_WAN, { error: `${label}过大` })
      .refine((n) => Math.round(n * 100) === n * 100, { error: `${label}最多两位小数` }),
  );

/** 预算范围: min–max 万元, or 面议. */
export const budgetSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('negotiable') }),
      z.strictObject({ kind: z.literal('range'), min: wan('最低预算'), max: wan('最高预算') }),
    ],
    { error: '请选择预算范围或面议' },
  )
  .refine((b) => b.kind === 'negotiable' || b.min <= b.max, {
    path: ['max'],
    error: '最高预算不能低于最低预算',
  });

/** Parsed budget. */
export type Budget = z.output<typeof budgetSchema>;

/** 联系电话: a mobile or landline number as people write it (digits, +, -, spaces, parentheses). */
const contactPhoneSchema = z
  .string({ error: '请填写联系电话' })
  .trim()
  .min(1, { error: '请填写联系电话' })
  .regex(/^[0-9+\-() ]{7,20}$/, { error: '请输入正确的联系电话' });

/** 联系邮箱, stored lower-case. */
const contactEmailSchema = z
  .string({ error: '请填写联系邮箱' })
  .trim()
  .toLowerCase()
  .min(1, { error: '请填写联系邮箱' })
  .max(254, { error: '邮箱过长' })
  .pipe(z.email({ error: '请输入正确的联系邮箱' }));

/** The contact part of the form (prefilled from the admin's profile). */
export const intentContactSchema = z.strictObject({
  name: plainText({ label: '联系人', max: 50 }),
  phone: contactPhoneSchema,
  email: contactEmailSchema,
});

/**
 * 我有合作意向 (POST /api/intents): the patent or 组合专利, the library it came from, 合作方式 (checked
 * against the patent's offered modes by the service), 需求描述, 预算范围, 期望合作时间 and the contact.
 * Strict: an `institutionId` or `enterpriseId` in the body is refused, never read (the server derives both).
 */
export const intentCreateBodySchema = z.strictObject({
  target: z.strictObject({ kind: intentTargetKindSchema, id: objectIdSchema }),
  source: intentSourceSchema,
  modes: z
    .array(cooperationModeSchema, { error: '请选择合作方式' })
    .min(1, { error: '请选择合作方式' })
    .max(7)
    .refine((modes) => new Set(modes).size === modes.length, { error: '合作方式重复' }),
  description: plainText({ label: '需求描述', max: INTENT_TEXT_MAX, multiline: true }),
  budget: budgetSchema,
  expectedTime: plainText({ label: '期望合作时间', max: 50 }),
  contact: intentContactSchema,
});

/** Parsed 我有合作意向 body. */
export type IntentCreateBody = z.output<typeof intentCreateBodySchema>;

/** A conversation message (text only for now). */
export const intentMessageBodySchema = z.strictObject({
  text: plainText({ label: '消息内容', max: INTENT_TEXT_MAX, multiline: true }),
});

/** 接受洽谈 or 婉拒, with a message to the enterprise. */
export const intentReplyBodySchema = z.strictObject({
  decision: z.enum(['accept', 'decline'], { error: '请选择接受洽谈或婉拒' }),
  message: plainText({ label: '回复内容', max: INTENT_TEXT_MAX, multiline: true }),
});

/** Parsed reply. */
export type IntentReplyBody = z.output<typeof intentReplyBodySchema>;

/** 已达成合作 (with the agreed 合作方式 and amount, both optional) or 已关闭, with an optional note. */
export const intentCloseBodySchema = z
  .strictObject({
    outcome: z.enum(['agreed', 'closed'], { error: '请选择已达成合作或关闭' }),
    mode: z.preprocess(blankToUndefined, cooperationModeSchema.optional()),
    amount: z.preprocess(blankToUndefined, wan('合作金额').optional()),
    note: optionalText({ label: '备注', max: 500, multiline: true }),
  })
  .refine((b) => b.outcome === 'agreed' || (b.mode === undefined && b.amount === undefined), {
    path: ['outcome'],
    error: '仅达成合作时可填写合作方式和金额',
  });

/** Parsed close body. */
export type IntentCloseBody = z.output<typeof intentCloseBodySchema>;

/** `:id` of an intent or an attachment. */
export const intentParamsSchema = z.object({ id: objectIdSchema });

/** 高校院所合作需求 and the inbox: filters, search and paging. */
export const intentListQuerySchema = z.object({
  state: z.preprocess(blankToUndefined, intentStateSchema.optional()),
  institutionId: z.preprocess(blankToUndefined, objectIdSchema.optional()),
  source: z.preprocess(blankToUndefined, intentSourceSchema.optional()),
  from: z.preprocess(blankToUndefined, z.iso.date({ error: '日期格式应为YYYY-MM-DD' }).optional()),
  to: z.preprocess(blankToUndefined, z.iso.date({ error: '日期格式应为YYYY-MM-DD' }).optional()),
  q: optionalText({ label: '搜索词', max: 50 }),
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1).max(10_000).default(1),
  size: z.coerce
    .number({ error: '每页条数应为数字' })
    .int()
    .min(1)
    .max(MAX_INTENT_PAGE_SIZE)
    .default(DEFAULT_INTENT_PAGE_SIZE),
});

/** Parsed list query. */
export type IntentListQuery = z.output<typeof intentListQuerySchema>;

/** What the 我有合作意向 form opens with: the patent or 组合专利 it is about. */
export const intentDraftQuerySchema = z.object({
  kind: intentTargetKindSchema,
  id: objectIdSchema,
});
