import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { ConsolePage, CreatedEnterprise, EnterpriseSummary } from '@panhuo/domain/operator/console';
import { createEnterpriseBodySchema, enterpriseListQuerySchema } from '@panhuo/domain/operator/console';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/** 企业管理: one page of the platform's enterprises, searched and filtered by the URL. */
export const load: PageServerLoad = async (event) => {
  const parsed = enterpriseListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const list = dataOrError(
    await apiFetch<ConsolePage<EnterpriseSummary>>(event, `/api/operator/enterprises?${query}`),
  );
  return { list, query: parsed.data };
};

export const actions: Actions = {
  /**
   * 新增企业 with its first 企业管理员 account (分配的账号). The generated initial password comes back in
   * the action's answer only, so it is shown once and never stored by the web.
   */
  create: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const data = await event.request.formData();
    const values = formValues(data);
    const parsed = createEnterpriseBodySchema.safeParse({
      name: data.get('name') ?? '',
      creditCode: data.get('creditCode') ?? '',
      category: data.get('category') ?? '',
      admin: { account: data.get('admin.account') ?? '', name: data.get('admin.name') ?? '' },
    });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<CreatedEnterprise>(event, 'POST', '/api/operator/enterprises', {
      json: parsed.data,
    });
    if (!result.ok) return apiFailure(result, values);
    return {
      created: {
        enterprise: result.data.enterprise.name,
        account: result.data.admin.account,
        initialPassword: result.data.initialPassword,
      },
    };
  },
};
