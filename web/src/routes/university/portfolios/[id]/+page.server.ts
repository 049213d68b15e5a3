import type { Actions, PageServerLoad } from './$types';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';
import type { Portfolio } from '../portfolio';
import { deletePortfolio, savePortfolio } from '../portfolio-actions.server';

/** One of the institution's portfolios, to edit (another institution's answers 404). */
export const load: PageServerLoad = async (event) => ({
  portfolio: dataOrError(await apiFetch<Portfolio>(event, `/api/university/portfolios/${event.params.id}`)),
  saved: event.url.searchParams.get('saved'),
});

export const actions: Actions = {
  save: (event) => savePortfolio(event, event.params.id),
  delete: (event) => deletePortfolio(event, event.params.id),
};
