import { chinaTime } from '@panhuo/domain/china-time';
import type { RowEvaluationState } from '@panhuo/domain/search/library-row';
import type { EnterpriseScope } from '../auth/scope';
import type { ExtraColumnGroup } from '../patent-export/workbook';
import { summarize } from './presenter';
import { listEnterpriseEvaluations, listOwnEnterpriseEvaluations } from './store';

const stateLabels: Readonly<Record<RowEvaluationState, string>> = {
  pending: '待评价',
  expert_evaluated: '专家已评',
  enterprise_evaluated: '企业已评',
};

/**
 * The 评价库 导出's columns after the patent's: this enterprise's evaluation of each exported patent —
 * 评价状态, 专家评价数, 专家平均星级 (every expert evaluation of the enterprise, whatever its review state, as
 * the admin's panel averages them), 企业自评星级, 企业评价意见, 企业自评时间. Read from the enterprise's own
 * stores (two equality reads on enterpriseId, FerretDB pushes them down), never from the search document,
 * so the file shows what the panel shows. Only the enterprise's admin exports (evaluation_library.export):
 * the experts' mean never leaves the enterprise.
 */
export async function evaluationExportColumns(
  scope: EnterpriseScope,
  patentIds: readonly string[],
): Promise<ExtraColumnGroup> {
  const wanted = new Set(patentIds);
  const [experts, official] = await Promise.all([
    listEnterpriseEvaluations(scope),
    listOwnEnterpriseEvaluations(scope),
  ]);
  const starsOf = new Map<string, number[]>();
  for (const evaluation of experts) {
    const id = evaluation.patentId.toHexString();
    if (wanted.has(id)) starsOf.set(id, [...(starsOf.get(id) ?? []), evaluation.stars]);
  }
  const officialOf = new Map(official.map((doc) => [doc.patentId.toHexString(), doc]));
  return {
    title: '本企业评价信息',
    columns: [
      { header: '评价状态', width: 10 },
      { header: '专家评价数', width: 10 },
      { header: '专家平均星级', width: 12 },
      { header: '企业自评星级', width: 12 },
      { header: '企业评价意见', width: 40 },
      { header: '企业自评时间', width: 20 },
    ],
    valuesOf: (patentId) => {
      const summary = summarize(starsOf.get(patentId) ?? []);
      const own = officialOf.get(patentId);
      const state: RowEvaluationState = own
        ? 'enterprise_evaluated'
        : summary.count > 0
          ? 'expert_evaluated'
          : 'pending';
      return [
        stateLabels[state],
        summary.count,
        summary.mean ?? '',
        own?.stars ?? '',
        own?.opinion ?? '',
        own ? chinaTime(own.submittedAt.toISOString()) : '',
      ];
    },
  };
}
