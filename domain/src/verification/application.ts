import { z } from 'zod';
import { creditCodeSchema } from '../accounts/credit-code';
import { mobilePhoneSchema } from '../accounts/phone';
import { accountNameSchema } from '../accounts/user';
import { objectIdSchema } from '../object-id';
import { plainText } from '../text';
import { enterpriseCategoryCodes } from '../taxonomies/enterprise-categories';
import { licenceContentTypes } from './licence';

/**
 * 实名认证 (real-name verification): an enterprise without an assigned account applies with its licence; the
 * platform operator approves (the enterprise and its 企业管理员 account are opened and the applicant is
 * e-mailed the account) or rejects with a reason (e-mailed too).
 */
export const verificationStatuses = ['pending', 'approved', 'rejected'] as const;

/** One review state of an application. */
export type VerificationStatus = (typeof verificationStatuses)[number];

/** Chinese labels of the review states. */
export const verificationStatusLabels: Readonly<Record<VerificationStatus, string>> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

/** Zod schema of a review state. */
export const verificationStatusSchema = z.enum(verificationStatuses, { error: '审核状态不正确' });

/** 联系邮箱, stored lower-case. */
const contactEmailSchema = z
  .string({ error: '请填写联系邮箱' })
  .trim()
  .toLowerCase()
  .min(1, { error: '请填写联系邮箱' })
  .max(254, { error: '邮箱过长' })
  .pipe(z.email({ error: '请输入正确的邮箱地址' }));

/**
 * The text fields of the 实名认证 form (POST /api/verifications, multipart/form-data; the licence image is
 * the file field `licence`, see licence.ts). Outputs normalized values: the credit code upper-case without
 * spaces (its GB 32100-2015 check character verified), the mobile number as 11 digits, the e-mail and the
 * account lower-case.
 */
export const verificationFormSchema = z.object({
  /** 企业名称, as on the licence. */
  companyName: plainText({ label: '企业名称', max: 100 }),
  /** 统一社会信用代码. */
  creditCode: z
    .string({ error: '请填写统一社会信用代码' })
    .trim()
    .min(1, { error: '请填写统一社会信用代码' })
    .pipe(creditCodeSchema),
  /** 企业类别. */
  category: z.enum(enterpriseCategoryCodes, { error: '请选择企业类别' }),
  /** 联系人姓名: becomes the name of the 企业管理员 account. */
  contactName: plainText({ label: '联系人姓名', max: 30 }),
  /** 联系人手机号. */
  contactPhone: z.string({ error: '请填写联系人手机号' }).pipe(mobilePhoneSchema),
  /** 联系邮箱: the approval (with the account and initial password) or the rejection is sent here. */
  contactEmail: contactEmailSchema,
  /** The 企业管理员 account name the applicant asks for. */
  adminAccount: z.string({ error: '请填写管理员账号' }).pipe(accountNameSchema),
});

/** Parsed text fields of the 实名认证 form. */
export type VerificationForm = z.output<typeof verificationFormSchema>;

/** Answer to a successful submission (201): the applicant learns only that it is queued. */
export const verificationSubmittedSchema = z.object({
  id: objectIdSchema,
  status: z.literal('pending'),
  submittedAt: z.iso.datetime(),
});

/** Body of a 201 from POST /api/verifications. */
export type VerificationSubmitted = z.infer<typeof verificationSubmittedSchema>;

/** POST /api/operator/verifications/:id/reject: why (sent to the applicant). */
export const verificationRejectBodySchema = z.object({
  reason: plainText({ label: '驳回理由', max: 500, multiline: true }),
});

/** Parsed rejection. */
export type VerificationRejectBody = z.output<typeof verificationRejectBodySchema>;

/** An application as the operator console shows it (list rows and detail). */
export const verificationDtoSchema = z.object({
  id: objectIdSchema,
  companyName: z.string(),
  creditCode: z.string(),
  category: z.enum(enterpriseCategoryCodes),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  adminAccount: z.string(),
  /** The stored image; its bytes are at GET /api/operator/verifications/:id/licence. */
  licence: z.object({ contentType: z.enum(licenceContentTypes), size: z.number().int() }),
  status: verificationStatusSchema,
  /** 提交时间. */
  submittedAt: z.iso.datetime(),
  /** When the operator approved or rejected it; null while pending. */
  reviewedAt: z.iso.datetime().nullable(),
  /** 驳回理由 of a rejected application, else null. */
  rejectReason: z.string().nullable(),
  /** The enterprise opened on approval, else null. */
  enterpriseId: objectIdSchema.nullable(),
});

/** One presented application. */
export type VerificationDto = z.infer<typeof verificationDtoSchema>;

/**
 * Answer to an approval. `mailDelivered` false means the e-mail to the applicant failed: the account is
 * open all the same, and `initialPassword` is returned (only then) so the operator can pass it on.
 */
export const verificationApprovedSchema = z.object({
  application: verificationDtoSchema,
  enterpriseId: objectIdSchema,
  adminAccount: z.string(),
  mailDelivered: z.boolean(),
  initialPassword: z.string().optional(),
});

/** Body of a 200 from POST /api/operator/verifications/:id/approve. */
export type VerificationApproved = z.infer<typeof verificationApprovedSchema>;

/** Answer to a rejection; `mailDelivered` false: the applicant must be told another way. */
export const verificationRejectedSchema = z.object({
  application: verificationDtoSchema,
  mailDelivered: z.boolean(),
});

/** Body of a 200 from POST /api/operator/verifications/:id/reject. */
export type VerificationRejected = z.infer<typeof verificationRejectedSchema>;
