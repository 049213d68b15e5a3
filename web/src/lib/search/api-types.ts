/** How the web represents an API refusal it shows in place. The response shapes live in @panhuo/domain/patents/dto. */
import type { FacetBucket, SearchPage } from '@panhuo/domain/patents/dto';
import type { LibraryRow } from '@panhuo/domain/search/library-row';

/** A field-level problem from a 400 (`path` like `query.strategicIndustries.0`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An API refusal the page shows in place (e.g. a search with an unknown filter code) instead of an error page. */
export interface ApiProblem {
  status: number;
  code: string;
  message: string;
  fieldErrors: FieldProblem[];
}

/** A library's result page (评价库): rows carry the enterprise's own entry and the caller's state. */
export type LibrarySearchPage = Omit<SearchPage, 'hits' | 'facets'> & {
  hits: LibraryRow[];
  facets:
    | (NonNullable<SearchPage['facets']> & {
        enterpriseEvaluated?: FacetBucket[];
        evaluationState?: FacetBucket[];
        mine?: FacetBucket[];
      })
    | null;
};
