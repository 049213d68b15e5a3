import { error } from '@sveltejs/kit';
import type { ApiResult } from './api';

/**
 * The data of a successful API answer for a load, or the error page with the API's status, code and
 * Chinese message (403 for a role without the page's ability, 404 for another enterprise's record).
 */
export function dataOrError<T>(result: ApiResult<T>): T {
  if (result.ok) return result.data;
  error(result.status >= 400 && result.status < 600 ? result.status : 502, {
    message: result.error.message,
    code: result.error.error,
  });
}
