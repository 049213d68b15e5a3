import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { PortfolioDetail } from '@panhuo/domain/patents/dto';
import { isObjectId } from '@panhuo/domain/object-id';
import { safeReturnPath } from '$lib/search/search-params';
import { apiFetch } from '$lib/server/api';

/** Lists a portfolio page may return to (`?from=`, the list whose card linked here). */
const RETURN_PREFIXES = ['/resource-library', '/evaluation-library', '/attention-library'];

/**
 * 组合专利: the portfolio and its member patents (GET /api/portfolios/:id). Unknown ids answer 404. `back`
 * is the search the user came from, so 返回 keeps it.
 */
export const load: PageServerLoad = async (event) => {
  const { id } = event.params;
  if (!isObjectId(id)) error(404, { message: '组合专利不存在', code: 'not_found' });
  const result = await apiFetch<PortfolioDetail>(event, `/api/portfolios/${id}`);
  if (!result.ok) {
    if (result.status === 404 || result.status === 400)
      error(404, { message: '组合专利不存在', code: 'not_found' });
    error(result.status >= 500 ? result.status : 502, {
      message: result.error.message,
      code: result.error.error,
    });
  }
  return {
    portfolio: result.data,
    back: safeReturnPath(event.url.searchParams.get('from'), RETURN_PREFIXES),
  };
};
