import type {
  ExpertCertificate,
  ExpertDetail,
  ExpertLibraryPage,
  ExpertReviewListPage,
} from '@panhuo/domain/experts/dto';
import type {
  ExpertLibraryQuery,
  ExpertReviewBody,
  ExpertReviewListQuery,
} from '@panhuo/domain/experts/forms';
import { allowsAction, statusAfterDecision } from '@panhuo/domain/experts/status';
import type { ExpertDoc, ExpertReviewDoc } from './model';
import { presentCertificate, presentLibraryItem, presentReviewListItem } from './presenter';
import { enterpriseNameOf, loadManagedExpert, presentManagedExpert, statusConflict } from './service';
import type { Caller } from './service';
import {
  findCertificate,
  findExpert,
  findReview,
  insertReview,
  issueCertificate,
  listReviews,
  markDecided,
} from './store';
import { listExperts } from './roster';

/**
 * Applies a stored review to its expert: on approval the certificate is issued first (so an approved
 * expert always has one), then 待审核 → 已通过 / 未通过. Idempotent: run again after a crash, or by the
 * loser of a race, it finds the certificate and the status already in place.
 */
async function applyReview(caller: Caller, expert: ExpertDoc, review: ExpertReviewDoc): Promise<void> {
  let number: string | null = null;
  if (review.decision === 'approve') {
    const info = expert.info;
    if (!info) throw new Error(`expert ${expert._id.toHexString()} approved without info`);
    const certificate = await issueCertificate(caller.scope, {
      expertId: expert._id,
      expertName: expert.name,
      title: info.title,
      enterpriseName: await enterpriseNameOf(caller.scope),
      strategicIndustries: [...info.strategicIndustries],
      economicIndustries: [...info.economicIndustries],
      issuedAt: review.createdAt,
    });
    number = certificate.number;
  }
  await markDecided(caller.scope, expert._id, review.round, {
    status: statusAfterDecision(review.decision),
    certificateNumber: number,
    at: review.createdAt,
  });
}

/**
 * 审核 of the expert's current application (待审核 only, else 409). The review is appended to the history
 * under a unique (expert, round) index, so when two admins decide at once exactly one decision is stored
 * and applied; the other gets 409 (after finishing the stored one, should it have been interrupted).
 */
export async function reviewExpert(
  caller: Caller,
  id: string,
  body: ExpertReviewBody,
): Promise<ExpertDetail> {
  const expert = await loadManagedExpert(caller, id);
  if (!allowsAction('review', expert.status)) throw statusConflict('只能审核待审核的专家');
  const review = await insertReview(caller.scope, {
    expertId: expert._id,
    round: expert.round,
    decision: body.decision,
    opinion: body.opinion,
    reviewerId: caller.scope.actorId,
    reviewerName: caller.actor.name,
  });
  if (!review) {
    const stored = await findReview(caller.scope, expert._id, expert.round);
    if (stored) await applyReview(caller, expert, stored);
    throw statusConflict('该申请已被审核，请刷新后查看');
  }
  await applyReview(caller, expert, review);
  const after = await findExpert(caller.scope, id);
  return presentManagedExpert(caller, after ?? expert);
}

/** 专家审核: every expert the enterprise recommended, 待审核 first, with the latest review of each. */
export async function listReviewQueue(
  caller: Caller,
  query: ExpertReviewListQuery,
): Promise<ExpertReviewListPage> {
  const offset = (query.page - 1) * query.size;
  const { docs, total, accountStatus } = await listExperts(
    caller.scope,
    { q: query.q, status: query.status },
    'review_queue',
    { offset, limit: query.size },
  );
  const reviews = await listReviews(
    caller.scope,
    docs.map((doc) => doc._id),
  );
  const latest = new Map<string, ExpertReviewDoc>();
  for (const review of reviews) latest.set(review.expertId.toHexString(), review);
  const items = docs.map((doc, index) => {
    const key = doc._id.toHexString();
    return presentReviewListItem(doc, {
      actor: caller.actor,
      seq: offset + index + 1,
      accountStatus: accountStatus.get(key) ?? 'frozen',
      lastReview: latest.get(key) ?? null,
    });
  });
  return { items, total, page: query.page, size: query.size };
}

/** 企业专家库: the approved experts, latest approvals first. */
export async function listLibrary(caller: Caller, query: ExpertLibraryQuery): Promise<ExpertLibraryPage> {
  const offset = (query.page - 1) * query.size;
  const { docs, total, accountStatus } = await listExperts(
    caller.scope,
    { q: query.q, status: 'approved' },
    'latest_decision',
    { offset, limit: query.size },
  );
  const items = docs.map((doc, index) =>
    presentLibraryItem(doc, {
      actor: caller.actor,
      seq: offset + index + 1,
      accountStatus: accountStatus.get(doc._id.toHexString()) ?? 'frozen',
    }),
  );
  return { items, total, page: query.page, size: query.size };
}

/** 证书 of an approved expert (409 before approval). */
export async function getCertificate(caller: Caller, id: string): Promise<ExpertCertificate> {
  const expert = await loadManagedExpert(caller, id);
  const certificate = expert.status === 'approved' ? await findCertificate(caller.scope, expert._id) : null;
  if (!certificate) throw statusConflict('专家审核通过后才有证书');
  return presentCertificate(certificate);
}
