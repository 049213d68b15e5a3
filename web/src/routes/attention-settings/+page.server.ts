import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';
import { MAX_KEYWORDS, splitKeywords } from './settings';
import type { AttentionSettings } from './settings';

/** 关注领域设置: the enterprise's settings (experts see them read-only). */
export const load: PageServerLoad = async (event) => {
  const settings = dataOrError(await apiFetch<AttentionSettings>(event, '/api/attention-settings'));
  return { settings };
};

/** The form as the API's body: repeated checkboxes become code lists, the keyword box a list. */
function bodyOf(data: FormData) {
  return {
    strategicIndustries: data.getAll('strategicIndustries').map(String),
    economicIndustries: data.getAll('economicIndustries').map(String),
    cooperationModes: data.getAll('cooperationModes').map(String),
    keywords: splitKeywords(String(data.get('keywords') ?? '')),
    institutionIds: data.getAll('institutionIds').map(String),
    regions: data.getAll('regions').map(String),
    mailFrequency: String(data.get('mailFrequency') ?? ''),
    mailWeekday: Number(data.get('mailWeekday') ?? 0),
  };
}

export const actions: Actions = {
  /** 保存: the whole settings; the API checks every code against the taxonomies. */
  save: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const data = await event.request.formData();
    const body = bodyOf(data);
    const values = {
      ...formValues(data),
      strategicIndustries: body.strategicIndustries,
      economicIndustries: body.economicIndustries,
      cooperationModes: body.cooperationModes,
      institutionIds: body.institutionIds,
      regions: body.regions,
    };
    if (body.keywords.length > MAX_KEYWORDS) {
      return invalidForm(values, [{ path: ['keywords'], message: `关键词最多${MAX_KEYWORDS}个` }]);
    }
    const result = await apiSend<AttentionSettings>(event, 'PUT', '/api/attention-settings', { json: body });
    if (!result.ok) return apiFailure(result, values);
    return { saved: true };
  },
};
