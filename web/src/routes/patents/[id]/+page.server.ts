import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { PatentDto, PortfolioDetail } from '@panhuo/domain/patents/dto';
import { safeReturnPath } from '$lib/search/search-params';
import { isObjectId } from '@panhuo/domain/object-id';
import { apiFetch } from '$lib/server/api';

/** One 相似专利 row as GET /api/patents/:id/similar answers it. */
export interface SimilarPatentRow {
  id: string;
  title: string;
  applicationNumber: string;
  institutionName: string;
  ipcMain: string;
  shared: { ipcSubclass: string | null; industries: string[] };
}

/** Pages a detail page may link back to (返回检索结果). */
const RETURN_PREFIXES = ['/resource-library', '/evaluation-library', '/attention-library', '/portfolios'];

/**
 * Patent detail: every CNIPA field, classification and 建档信息 from GET /api/patents/:id, plus the names of
 * the portfolios it belongs to. Unknown ids answer the Chinese 404 page.
 */
export const load: PageServerLoad = async (event) => {
  const { id } = event.params;
  // Anything but a record id cannot name a patent: a 404 without asking the API.
  if (!isObjectId(id)) error(404, { message: '专利不存在', code: 'not_found' });
  const result = await apiFetch<PatentDto>(event, `/api/patents/${id}`);
  if (!result.ok) {
    if (result.status === 404 || result.status === 400)
      error(404, { message: '专利不存在', code: 'not_found' });
    error(result.status >= 500 ? result.status : 502, {
      message: result.error.message,
      code: result.error.error,
    });
  }
  const patent = result.data;
  // Portfolio names for the 所属组合专利 links; a portfolio that cannot be read is still linked, unnamed.
  const portfolios = await Promise.all(
    patent.portfolioIds.map(async (portfolioId) => {
      const res = await apiFetch<PortfolioDetail>(event, `/api/portfolios/${portfolioId}`);
      return res.ok
        ? { id: portfolioId, name: res.data.name, patentCount: res.data.patentCount }
        : { id: portfolioId, name: null, patentCount: null };
    }),
  );
  // 相似专利: a failure leaves the section saying so; the detail itself still shows.
  const similarRes = await apiFetch<{ method: 'knn' | 'more_like_this'; patents: SimilarPatentRow[] }>(
    event,
    `/api/patents/${id}/similar`,
  );
  const similar = similarRes.ok ? similarRes.data : null;
  const back = safeReturnPath(event.url.searchParams.get('from'), RETURN_PREFIXES);
  return { patent, portfolios, similar, back };
};
