import type { AccountStatus } from '@panhuo/domain/accounts/roles';
import { researchFieldsOf } from '@panhuo/domain/experts/dto';
import type {
  ExpertCertificate,
  ExpertDetail,
  ExpertInfo,
  ExpertLibraryItem,
  ExpertListItem,
  ExpertReviewListItem,
  ExpertReviewRecord,
  MyExpert,
} from '@panhuo/domain/experts/dto';
import type { Actor } from '../../policies/abilities';
import type { ExpertCertificateDoc, ExpertDoc, ExpertReviewDoc } from './model';
import {
  accountRowAbilities,
  detailAbilities,
  libraryRowAbilities,
  ownExpertAbilities,
  reviewRowAbilities,
} from './policy';

/** What a row needs besides the expert document. */
export interface RowContext {
  actor: Pick<Actor, 'role'>;
  seq: number;
  enterpriseName: string;
  accountStatus: AccountStatus;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** The stored info, fields picked one by one. */
function presentInfo(expert: ExpertDoc): ExpertInfo | null {
  const info = expert.info;
  if (!info) return null;
  return {
    title: info.title,
    strategicIndustries: [...info.strategicIndustries],
    economicIndustries: [...info.economicIndustries],
    resume: info.resume,
    contact: info.contact,
  };
}

const researchFields = (expert: ExpertDoc) =>
  expert.info ? researchFieldsOf(expert.info.strategicIndustries, expert.info.economicIndustries) : [];

/** YYYY-MM-DD in China time. */
function chinaDate(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** One review of the history. */
export function presentReview(review: ExpertReviewDoc): ExpertReviewRecord {
  return {
    round: review.round,
    decision: review.decision,
    opinion: review.opinion ?? '',
    reviewerId: review.reviewerId.toHexString(),
    reviewerName: review.reviewerName,
    reviewedAt: review.createdAt.toISOString(),
  };
}

/** The certificate as the web prints it. */
export function presentCertificate(certificate: ExpertCertificateDoc): ExpertCertificate {
  return {
    number: certificate.number,
    expertId: certificate.expertId.toHexString(),
    expertName: certificate.expertName,
    title: certificate.title,
    enterpriseName: certificate.enterpriseName,
    researchFields: researchFieldsOf(certificate.strategicIndustries, certificate.economicIndustries),
    issuedAt: certificate.issuedAt.toISOString(),
    issuedDate: chinaDate(certificate.issuedAt),
  };
}

/** The columns every admin view of an expert shares. */
function basics(expert: ExpertDoc, context: Omit<RowContext, 'seq' | 'actor'>) {
  return {
    id: expert._id.toHexString(),
    name: expert.name,
    account: expert.account,
    phone: expert.phone,
    createdAt: expert.createdAt.toISOString(),
    enterpriseName: context.enterpriseName,
    position: expert.position,
    department: expert.department ?? null,
    status: expert.status,
    accountStatus: context.accountStatus,
  };
}

/** One row of 账号管理. */
export function presentListItem(expert: ExpertDoc, context: RowContext): ExpertListItem {
  return {
    seq: context.seq,
    ...basics(expert, context),
    abilities: accountRowAbilities(context.actor, {
      status: expert.status,
      accountStatus: context.accountStatus,
    }),
  };
}

/** 查看: everything the admin may see of one expert. */
export function presentDetail(
  expert: ExpertDoc,
  context: Omit<RowContext, 'seq'> & { reviews: ExpertReviewDoc[]; certificate: ExpertCertificateDoc | null },
): ExpertDetail {
  return {
    ...basics(expert, context),
    info: presentInfo(expert),
    researchFields: researchFields(expert),
    submittedAt: iso(expert.submittedAt),
    reviews: context.reviews.map(presentReview),
    certificate: context.certificate ? presentCertificate(context.certificate) : null,
    abilities: detailAbilities(context.actor, {
      status: expert.status,
      accountStatus: context.accountStatus,
    }),
  };
}

/** One row of 专家审核, with the latest review if any. */
export function presentReviewListItem(
  expert: ExpertDoc,
  context: Omit<RowContext, 'enterpriseName'> & { lastReview: ExpertReviewDoc | null },
): ExpertReviewListItem {
  return {
    seq: context.seq,
    id: expert._id.toHexString(),
    name: expert.name,
    account: expert.account,
    position: expert.position,
    title: expert.info?.title ?? null,
    researchFields: researchFields(expert),
    status: expert.status,
    accountStatus: context.accountStatus,
    submittedAt: iso(expert.submittedAt),
    lastReview: context.lastReview ? presentReview(context.lastReview) : null,
    abilities: reviewRowAbilities(context.actor, expert),
  };
}

/** One expert of the 专家库 (approved: he has info, a certificate number and a decision date). */
export function presentLibraryItem(
  expert: ExpertDoc,
  context: Omit<RowContext, 'enterpriseName'>,
): ExpertLibraryItem {
  return {
    seq: context.seq,
    id: expert._id.toHexString(),
    name: expert.name,
    account: expert.account,
    phone: expert.phone,
    position: expert.position,
    title: expert.info?.title ?? '',
    researchFields: researchFields(expert),
    certificateNumber: expert.certificateNumber ?? '',
    approvedAt: (expert.decidedAt ?? expert.statusChangedAt).toISOString(),
    accountStatus: context.accountStatus,
    abilities: libraryRowAbilities(context.actor, expert),
  };
}

/** The expert's own 专家信息 page. */
export function presentMyExpert(
  expert: ExpertDoc,
  context: {
    actor: Pick<Actor, 'role'>;
    enterpriseName: string;
    reviews: ExpertReviewDoc[];
    certificate: ExpertCertificateDoc | null;
  },
): MyExpert {
  return {
    id: expert._id.toHexString(),
    name: expert.name,
    account: expert.account,
    enterpriseName: context.enterpriseName,
    status: expert.status,
    info: presentInfo(expert),
    researchFields: researchFields(expert),
    submittedAt: iso(expert.submittedAt),
    reviews: context.reviews.map(presentReview),
    certificate: context.certificate ? presentCertificate(context.certificate) : null,
    abilities: ownExpertAbilities(context.actor, { status: expert.status, hasInfo: Boolean(expert.info) }),
  };
}
