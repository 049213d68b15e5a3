import type { PageServerLoad } from './$types';
import type { Dashboard } from '@panhuo/domain/university/figures';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** 数据看板: the institution's figures (one API call: one Elasticsearch request and its intents). */
export const load: PageServerLoad = async (event) => ({
  dashboard: dataOrError(await apiFetch<Dashboard>(event, '/api/university/dashboard')),
});
