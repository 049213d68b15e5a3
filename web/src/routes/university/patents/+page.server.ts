import type { Actions, PageServerLoad } from './$types';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';
import type { RegistrationPage, RegistrationState } from './registration';
import { withdrawRegistration } from './registration-actions.server';

const states: readonly RegistrationState[] = ['registered', 'draft', 'withdrawn'];

/** 我的专利: one page of the institution's registered patents (default), drafts or withdrawn ones. */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const asked = params.get('state') ?? '';
  const state = (states as readonly string[]).includes(asked) ? (asked as RegistrationState) : 'registered';
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  const page = Math.min(500, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const query = new URLSearchParams({ state, page: String(page), ...(q ? { q } : {}) });
  const result = dataOrError(await apiFetch<RegistrationPage>(event, `/api/university/patents?${query}`));
  return {
    list: { items: result.rows, total: result.total, page: result.page, size: result.size },
    query: { state, q, page },
    registered: params.get('registered'),
    withdrawn: params.get('withdrawn'),
  };
};

export const actions: Actions = {
  withdraw: (event) => withdrawRegistration(event, null),
};
