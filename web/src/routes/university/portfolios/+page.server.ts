import type { PageServerLoad } from './$types';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';
import type { PortfolioRow } from './portfolio';

/** 组合专利: the institution's portfolios. */
export const load: PageServerLoad = async (event) => {
  const { rows } = dataOrError(await apiFetch<{ rows: PortfolioRow[] }>(event, '/api/university/portfolios'));
  return {
    list: { items: rows, total: rows.length, page: 1, size: rows.length },
    deleted: event.url.searchParams.get('deleted'),
  };
};
