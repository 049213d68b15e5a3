import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { objectIdSchema } from '@panhuo/domain/object-id';
import type { AssignedAccountResult, ConsolePage, InstitutionSummary } from '@panhuo/domain/operator/console';
import type { InstitutionFigures, InstitutionFiguresPage } from '@panhuo/domain/university/figures';
import {
  createInstitutionAccountBodySchema,
  institutionListQuerySchema,
} from '@panhuo/domain/operator/console';
import type { FormFailure } from '$lib/forms/field-errors';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/**
 * 高校院所: one page of the platform's universities and institutes, searched and filtered by the URL, each
 * with its figures (registered, pushed, evaluated patents, intents) from the same query's figures page.
 */
export const load: PageServerLoad = async (event) => {
  const parsed = institutionListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const [listed, figured] = await Promise.all([
    apiFetch<ConsolePage<InstitutionSummary>>(event, `/api/operator/institutions?${query}`),
    apiFetch<InstitutionFiguresPage>(event, `/api/operator/institution-figures?${query}`),
  ]);
  const list = dataOrError(listed);
  // Without the figures (Elasticsearch away) the list still serves its accounts: the cells show —.
  const figures: Record<string, InstitutionFigures> = figured.ok
    ? Object.fromEntries(figured.data.items.map((row) => [row.id, row.figures]))
    : {};
  return { list, figures, query: parsed.data };
};

export const actions: Actions = {
  /**
   * 开通账号: a 高校院所用户 account for one institution of the list. The generated initial password comes
   * back in the action's answer only, so it is shown once and never stored by the web. The institution's
   * name travels in a hidden field purely to word the confirmation; the API goes by the id alone.
   */
  openAccount: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const data = await event.request.formData();
    const values = formValues(data);
    const institutionId = objectIdSchema.safeParse(data.get('institutionId'));
    // A tampered or missing id is nothing the operator can fix in a field: say so above the list.
    if (!institutionId.success) {
      const failure: FormFailure = {
        code: 'invalid_institution',
        message: '请从列表中选择要开通账号的高校院所',
      };
      return fail(400, failure);
    }
    const parsed = createInstitutionAccountBodySchema.safeParse({
      account: data.get('account') ?? '',
      name: data.get('name') ?? '',
    });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<AssignedAccountResult>(
      event,
      'POST',
      `/api/operator/institutions/${institutionId.data}/accounts`,
      { json: parsed.data },
    );
    if (!result.ok) return apiFailure(result, values);
    return {
      created: {
        institution: values.institutionName ?? '',
        account: result.data.account.account,
        name: result.data.account.name,
        initialPassword: result.data.initialPassword,
      },
    };
  },
};
