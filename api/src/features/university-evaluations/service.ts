import { chinaTime } from '@panhuo/domain/china-time';
import type {
  ReceivedEvaluationList,
  ReceivedEvaluationListQuery,
} from '@panhuo/domain/university/received-evaluations';
import type { InstitutionScope } from '../auth/scope';
import type { EnterpriseEvaluationDoc } from '../evaluations/enterprise-evaluation-model';
import { listReceivedEvaluations } from '../evaluations/store';
import { presentReceivedRow } from './presenter';
import { withdrawnAmong } from './store';

/** The China calendar date of a stored time, `YYYY-MM-DD`: the date filters compare it. */
const chinaDate = (date: Date) => chinaTime(date.toISOString()).slice(0, 10);

/** True when the evaluation passes every filter of the query. Pure. */
export function matchesReceived(doc: EnterpriseEvaluationDoc, query: ReceivedEvaluationListQuery): boolean {
  const day = chinaDate(doc.submittedAt);
  return (
    (!query.patentId || doc.patentId.toHexString() === query.patentId) &&
    (!query.enterpriseId || doc.enterpriseId.toHexString() === query.enterpriseId) &&
    (!query.stars || doc.stars === query.stars) &&
    (!query.from || day >= query.from) &&
    (!query.to || day <= query.to)
  );
}

/**
 * 企业评价: the official evaluations (企业自评) enterprises submitted on the institution's patents, newest
 * first, filtered and paged, each marked 已撤回 when the institution has withdrawn the patent since. Reads
 * only enterprise_evaluations, by equality on institutionId (an institution receives thousands, not
 * millions), never an expert's evaluation.
 */
export async function listReceivedPage(
  scope: InstitutionScope,
  query: ReceivedEvaluationListQuery,
): Promise<ReceivedEvaluationList> {
  const all = (await listReceivedEvaluations(scope)).sort(
    (a, b) =>
      b.submittedAt.getTime() - a.submittedAt.getTime() ||
      b._id.toHexString().localeCompare(a._id.toHexString()),
  );
  const matching = all.filter((doc) => matchesReceived(doc, query));
  const start = (query.page - 1) * query.size;
  const items = matching.slice(start, start + query.size);
  const withdrawn = await withdrawnAmong(items.map((doc) => doc.patentId));
  const enterprises = new Map<string, string>();
  for (const doc of all) enterprises.set(doc.enterpriseId.toHexString(), doc.enterpriseName ?? '');
  return {
    items: items.map((doc) => presentReceivedRow(doc, withdrawn.has(doc.patentId.toHexString()))),
    total: matching.length,
    page: query.page,
    size: query.size,
    enterprises: [...enterprises]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}
