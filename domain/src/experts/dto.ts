import { z } from 'zod';
import { accountStatusSchema } from '../accounts/roles';
import { objectIdSchema } from '../object-id';
import { economicIndustryName } from '../taxonomies/economic-industries';
import { strategicIndustryName } from '../taxonomies/strategic-industries';
import { expertStatusSchema, reviewDecisions } from './status';

/** A research field with its display name, e.g. `{ taxonomy: 'strategic', code: '6.3', name: '太阳能产业' }`. */
export const researchFieldSchema = z.object({
  taxonomy: z.enum(['strategic', 'economic']),
  code: z.string(),
  name: z.string(),
});

/** One research field. */
export type ResearchField = z.infer<typeof researchFieldSchema>;

/** Names the stored codes of both taxonomies (strategic first), skipping codes the taxonomies no longer know. */
export function researchFieldsOf(strategic: readonly string[], economic: readonly string[]): ResearchField[] {
  const named = (taxonomy: ResearchField['taxonomy'], code: string, name: string | undefined) =>
    name === undefined ? [] : [{ taxonomy, code, name }];
  return [
    ...strategic.flatMap((code) => named('strategic', code, strategicIndustryName(code))),
    ...economic.flatMap((code) => named('economic', code, economicIndustryName(code))),
  ];
}

/** 专家信息 as stored and shown. */
export const expertInfoSchema = z.object({
  title: z.string(),
  strategicIndustries: z.array(z.string()),
  economicIndustries: z.array(z.string()),
  resume: z.string(),
  contact: z.string(),
});

/** The stored 专家信息. */
export type ExpertInfo = z.infer<typeof expertInfoSchema>;

/** One 审核 of the history (kept forever, oldest first). */
export const expertReviewRecordSchema = z.object({
  /** Which 申请入库 this review decided (1 for the first application). */
  round: z.number().int(),
  decision: z.enum(reviewDecisions),
  opinion: z.string(),
  reviewerId: objectIdSchema,
  reviewerName: z.string(),
  reviewedAt: z.iso.datetime(),
});

/** One review of the history. */
export type ExpertReviewRecord = z.infer<typeof expertReviewRecordSchema>;

/** 证书: what the web prints on an A4 page. Research fields and names are as they were at approval. */
export const expertCertificateSchema = z.object({
  /** Unique on the platform, e.g. PH-ZJ-2026-000123. */
  number: z.string(),
  expertId: objectIdSchema,
  expertName: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  researchFields: z.array(researchFieldSchema),
  issuedAt: z.iso.datetime(),
  /** The issue date in China time, YYYY-MM-DD. */
  issuedDate: z.string(),
});

/** One certificate. */
export type ExpertCertificate = z.infer<typeof expertCertificateSchema>;

/** The buttons of a row of 账号管理 (操作): 禁用 or 启用, and 证书 and 查看 for approved experts. */
export const expertAccountRowAbilitiesSchema = z.object({
  freeze: z.boolean(),
  unfreeze: z.boolean(),
  certificate: z.boolean(),
  view: z.boolean(),
});

/** One row of 用户管理—账号管理, the manual's columns in order. */
export const expertListItemSchema = z.object({
  /** 序号: position in the whole filtered list, from 1. */
  seq: z.number().int(),
  id: objectIdSchema,
  name: z.string(),
  account: z.string(),
  phone: z.string(),
  /** 开通时间. */
  createdAt: z.iso.datetime(),
  /** 所属单位. */
  enterpriseName: z.string(),
  /** 所属职务. */
  position: z.string(),
  department: z.string().nullable(),
  /** 信息完善状态. */
  status: expertStatusSchema,
  /** 账号状态. */
  accountStatus: accountStatusSchema,
  abilities: expertAccountRowAbilitiesSchema,
});

/** One account-list row. */
export type ExpertListItem = z.infer<typeof expertListItemSchema>;

/** A page of a list. */
function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
  });
}

/** GET /api/experts. */
export const expertListPageSchema = pageOf(expertListItemSchema);
export type ExpertListPage = z.infer<typeof expertListPageSchema>;

/** POST /api/experts: the new row, and the generated password when the admin left it empty (shown once). */
export const expertCreatedSchema = z.object({
  expert: expertListItemSchema,
  initialPassword: z.string().optional(),
});
export type ExpertCreated = z.infer<typeof expertCreatedSchema>;

/** GET /api/experts/:id (查看): the row, the info, the review history and the certificate. */
export const expertDetailSchema = expertListItemSchema.omit({ seq: true, abilities: true }).extend({
  info: expertInfoSchema.nullable(),
  researchFields: z.array(researchFieldSchema),
  submittedAt: z.iso.datetime().nullable(),
  reviews: z.array(expertReviewRecordSchema),
  certificate: expertCertificateSchema.nullable(),
  abilities: expertAccountRowAbilitiesSchema.extend({ review: z.boolean() }),
});
export type ExpertDetail = z.infer<typeof expertDetailSchema>;

/** One row of 盘活行动—专家审核. */
export const expertReviewListItemSchema = z.object({
  seq: z.number().int(),
  id: objectIdSchema,
  name: z.string(),
  account: z.string(),
  position: z.string(),
  title: z.string().nullable(),
  researchFields: z.array(researchFieldSchema),
  status: expertStatusSchema,
  accountStatus: accountStatusSchema,
  submittedAt: z.iso.datetime().nullable(),
  lastReview: expertReviewRecordSchema.nullable(),
  abilities: z.object({ review: z.boolean(), view: z.boolean() }),
});
export type ExpertReviewListItem = z.infer<typeof expertReviewListItemSchema>;
export const expertReviewListPageSchema = pageOf(expertReviewListItemSchema);
export type ExpertReviewListPage = z.infer<typeof expertReviewListPageSchema>;

/** One expert of the enterprise's 专家库. */
export const expertLibraryItemSchema = z.object({
  seq: z.number().int(),
  id: objectIdSchema,
  name: z.string(),
  account: z.string(),
  phone: z.string(),
  position: z.string(),
  title: z.string(),
  researchFields: z.array(researchFieldSchema),
  certificateNumber: z.string(),
  approvedAt: z.iso.datetime(),
  accountStatus: accountStatusSchema,
  abilities: z.object({ certificate: z.boolean(), view: z.boolean() }),
});
export type ExpertLibraryItem = z.infer<typeof expertLibraryItemSchema>;
export const expertLibraryPageSchema = pageOf(expertLibraryItemSchema);
export type ExpertLibraryPage = z.infer<typeof expertLibraryPageSchema>;

/** GET /api/me/expert: the expert's own 专家信息 page. */
export const myExpertSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  account: z.string(),
  enterpriseName: z.string(),
  status: expertStatusSchema,
  info: expertInfoSchema.nullable(),
  researchFields: z.array(researchFieldSchema),
  submittedAt: z.iso.datetime().nullable(),
  /** The expert sees the opinions of his reviews, so a rejected expert knows what to change. */
  reviews: z.array(expertReviewRecordSchema),
  certificate: expertCertificateSchema.nullable(),
  /** 保存 and 申请入库 buttons. */
  abilities: z.object({ edit: z.boolean(), apply: z.boolean() }),
});
export type MyExpert = z.infer<typeof myExpertSchema>;
