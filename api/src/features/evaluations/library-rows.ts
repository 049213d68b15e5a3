import type { LibraryRow, RowEvaluationState } from '@panhuo/domain/search/library-row';
import type { Role } from '@panhuo/domain/accounts/roles';
import type { EnterpriseScope } from '../auth/scope';
import { ownRatings } from './store';

/**
 * What the 评价库 knows of one caller for one request: the role, and for an expert his own ratings (stars by
 * patent hex id). Read once per request (evaluation-library/routes.ts): the ids become the 我已评 filter and
 * facet (the search scope's `rated`), the stars each row's `mine`.
 */
export interface LibraryViewer {
  role: Role;
  /** Set for an expert only. */
  ratings?: ReadonlyMap<string, number>;
}

/** Reads what the rows and the 我已评 facet need of the caller (one query for an expert, none for an admin). */
export async function loadLibraryViewer(role: Role, scope: EnterpriseScope): Promise<LibraryViewer> {
  return role === 'expert' ? { role, ratings: await ownRatings(scope) } : { role };
}

/** 企业已评 once the 企业自评 is in, 专家已评 while only experts have rated, 待评价 before. */
export function rowStateOf(row: LibraryRow): RowEvaluationState {
  if (row.entry?.evaluatedAt) return 'enterprise_evaluated';
  return (row.entry?.expertEvaluations ?? 0) > 0 ? 'expert_evaluated' : 'pending';
}

/**
 * The per-caller state of the 评价库's rows: the enterprise's state and its experts' count (both from the
 * row's own library entry, the search document), and for an expert 我已评 (his stars) / 我未评 (null),
 * with the buttons the caller may use: an expert 评价 until the 企业自评 locks the patent, the admin 审核
 * when an expert has rated and 企业自评 until he has submitted it.
 */
export function decorateLibraryRows(rows: LibraryRow[], viewer: LibraryViewer): LibraryRow[] {
  return rows.map((row) => {
    const state = rowStateOf(row);
    const experts = row.entry?.expertEvaluations ?? 0;
    const locked = state === 'enterprise_evaluated';
    const stars = viewer.ratings?.get(row.id);
    const actions =
      viewer.role === 'expert'
        ? locked
          ? []
          : ['evaluate']
        : [...(experts > 0 ? ['review'] : []), ...(locked ? [] : ['submit'])];
    return {
      ...row,
      decoration: {
        ...row.decoration,
        evaluationState: state,
        expertEvaluations: experts,
        ...(viewer.ratings ? { mine: stars === undefined ? null : { stars } } : {}),
        actions,
      },
    };
  });
}
