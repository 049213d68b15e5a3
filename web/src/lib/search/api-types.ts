/** How the web represents an API refusal it shows in place. The response shapes live in @panhuo/domain/patents/dto. */

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
