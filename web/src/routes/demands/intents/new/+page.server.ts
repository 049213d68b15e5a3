import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { IntentCreatedDto, IntentDraftDto } from '@panhuo/domain/intents/dto';
import { intentCreateBodySchema, intentDraftQuerySchema } from '@panhuo/domain/intents/forms';
import { intentSourceSchema } from '@panhuo/domain/intents/state';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/**
 * The target and library of the form: from the 我有合作意向 link's query, then from the form's hidden
 * fields (a form action's URL keeps no query). Anything else is a 404.
 */
function targetOf(params: { get: (name: string) => unknown }) {
  const query = intentDraftQuerySchema.safeParse({ kind: params.get('kind'), id: params.get('id') });
  const source = intentSourceSchema.safeParse(params.get('source') ?? 'resource');
  if (!query.success || !source.success) error(404, { message: '专利不存在', code: 'not_found' });
  return { ...query.data, source: source.data };
}

/** 我有合作意向: the form, prefilled with the admin's contact; an open intent on the target is shown instead. */
export const load: PageServerLoad = async (event) => {
  const target = targetOf(event.url.searchParams);
  const draft = dataOrError(
    await apiFetch<IntentDraftDto>(
      event,
      `/api/intent-draft?${new URLSearchParams({ kind: target.kind, id: target.id })}`,
    ),
  );
  return { draft, source: target.source };
};

/** The form as the API's body: 面议 or a range, the checked modes, the contact. */
function bodyOf(data: FormData, target: ReturnType<typeof targetOf>) {
  const text = (name: string) => String(data.get(name) ?? '');
  const kind = text('budget.kind');
  return {
    target: { kind: target.kind, id: target.id },
    source: target.source,
    modes: data.getAll('modes').map(String),
    description: text('description'),
    budget: kind === 'negotiable' ? { kind } : { kind, min: text('budget.min'), max: text('budget.max') },
    expectedTime: text('expectedTime'),
    contact: { name: text('contact.name'), phone: text('contact.phone'), email: text('contact.email') },
  };
}

export const actions: Actions = {
  /** 提交: checked here with the domain's schema, then by the API (modes offered, the patent itself). */
  create: async (event) => {
    const data = await event.request.formData();
    const target = targetOf(data);
    const body = bodyOf(data, target);
    const values = { ...formValues(data), modes: body.modes };
    const parsed = intentCreateBodySchema.safeParse(body);
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<IntentCreatedDto>(event, 'POST', '/api/intents', { json: parsed.data });
    if (!result.ok) return apiFailure(result, values);
    redirect(303, `/demands/intents/${result.data.id}?sent=${result.data.existing ? 'existing' : 'new'}`);
  },
};
