import { chinaTime } from '@panhuo/domain/china-time';
import type { EnterpriseEvaluationPage, ExpertEvaluationPage } from '@panhuo/domain/evaluations/dto';
import type {
  ExpertEvaluationListQuery,
  OfficialEvaluationListQuery,
} from '@panhuo/domain/evaluations/forms';
import type { EnterpriseEvaluationDoc } from './enterprise-evaluation-model';
import { rowAbilities } from './policy';
import { presentEnterpriseEvaluation, presentExpertEvaluation } from './presenter';
import type { Caller } from './service';
import {
  listEnterpriseEvaluations,
  listOwnEnterpriseEvaluations,
  listReviewsOf,
  lockedPatentIds,
} from './store';

/** The China calendar date of a stored time, `YYYY-MM-DD`: the date filters compare it. */
const chinaDate = (date: Date) => chinaTime(date.toISOString()).slice(0, 10);

/** True when the date lies in the (inclusive, optional) range. */
function inRange(date: Date, range: { from?: string | undefined; to?: string | undefined }): boolean {
  const day = chinaDate(date);
  return (!range.from || day >= range.from) && (!range.to || day <= range.to);
}

function pageOf<T>(all: T[], query: { page: number; size: number }) {
  const start = (query.page - 1) * query.size;
  return {
    items: all.slice(start, start + query.size),
    total: all.length,
    page: query.page,
    size: query.size,
  };
}

/**
 * 专利评价管理: every expert evaluation of the caller's enterprise, newest change first, filtered by expert,
 * patent, state, stars, date (of the current revision) and words of the patent's title, application number
 * or the expert's name. Read by equality on enterpriseId (FerretDB pushes nothing else down) and filtered
 * here; an enterprise holds thousands of evaluations, not millions.
 */
export async function listExpertEvaluations(
  caller: Caller,
  query: ExpertEvaluationListQuery,
): Promise<ExpertEvaluationPage> {
  const [docs, locked] = await Promise.all([
    listEnterpriseEvaluations(caller.scope),
    lockedPatentIds(caller.scope),
  ]);
  const needle = query.q?.toLowerCase();
  const matches = docs
    .filter(
      (doc) =>
        (!query.expertId || doc.expertId.toHexString() === query.expertId) &&
        (!query.patentId || doc.patentId.toHexString() === query.patentId) &&
        (!query.state || doc.state === query.state) &&
        (!query.stars || doc.stars === query.stars) &&
        inRange(doc.updatedAt, query) &&
        (!needle ||
          [doc.patentTitle, doc.applicationNumber, doc.expertName].some((v) =>
            v.toLowerCase().includes(needle),
          )),
    )
    .sort(
      (a, b) =>
        b.updatedAt.getTime() - a.updatedAt.getTime() ||
        b._id.toHexString().localeCompare(a._id.toHexString()),
    );
  const page = pageOf(matches, query);
  const reviews = await listReviewsOf(
    caller.scope,
    page.items.map((doc) => doc._id),
  );
  return {
    ...page,
    items: page.items.map((doc) => {
      const isLocked = locked.has(doc.patentId.toHexString());
      return {
        ...presentExpertEvaluation(doc._id, doc.patentId, doc, reviews),
        patentTitle: doc.patentTitle,
        applicationNumber: doc.applicationNumber,
        locked: isLocked,
        abilities: rowAbilities(caller.actor, {
          pending: doc.state === 'pending',
          hasEnterpriseEvaluation: isLocked,
        }),
      };
    }),
  };
}

function officialMatches(docs: EnterpriseEvaluationDoc[], query: OfficialEvaluationListQuery) {
  return docs
    .filter(
      (doc) =>
        (!query.patentId || doc.patentId.toHexString() === query.patentId) && inRange(doc.submittedAt, query),
    )
    .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
}

/** The caller's enterprise's own 企业自评, newest first, filtered by patent and date. */
export async function listOwnOfficialEvaluations(
  caller: Caller,
  query: OfficialEvaluationListQuery,
): Promise<EnterpriseEvaluationPage> {
  const page = pageOf(officialMatches(await listOwnEnterpriseEvaluations(caller.scope), query), query);
  return { ...page, items: page.items.map(presentEnterpriseEvaluation) };
}
