import type { ReceivedEvaluationRow } from '@panhuo/domain/university/received-evaluations';
import type { EnterpriseEvaluationDoc } from '../evaluations/enterprise-evaluation-model';
import { presentReceivedEvaluation } from '../evaluations/presenter';

/**
 * A 企业评价 row: the fields the institution may read (presentReceivedEvaluation builds them field by
 * field, so who at the enterprise submitted it or the lock's slot never reach it), the enterprise's id for
 * the filter, and 已撤回.
 */
export function presentReceivedRow(doc: EnterpriseEvaluationDoc, withdrawn: boolean): ReceivedEvaluationRow {
  return { ...presentReceivedEvaluation(doc), enterpriseId: doc.enterpriseId.toHexString(), withdrawn };
}
