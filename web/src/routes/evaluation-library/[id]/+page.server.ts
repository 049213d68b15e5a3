import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type {
  EnterpriseEvaluation,
  EvaluationPanel,
  ExpertEvaluation,
  ExpertSuggestionList,
} from '@panhuo/domain/evaluations/dto';
import {
  enterpriseEvaluationBodySchema,
  evaluationAssignmentBodySchema,
  evaluationReviewBodySchema,
  expertEvaluationBodySchema,
} from '@panhuo/domain/evaluations/forms';
import { isObjectId } from '@panhuo/domain/object-id';
import type { PatentDto } from '@panhuo/domain/patents/dto';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/** The patent id of the URL; anything else cannot name a patent (404 without asking the API). */
function idOf(params: { id: string }): string {
  if (!isObjectId(params.id)) error(404, { message: '评价库中没有该专利', code: 'not_found' });
  return params.id;
}

/** The paths of this patent's evaluation routes. */
const api = (id: string) => `/api/evaluation-library/patents/${id}` as const;

/**
 * 专利转化评价库—详情: the patent (基本信息, 摘要) and the evaluation panel for the caller's role; the admin
 * also gets 建议评价专家. A patent not pushed to the caller's enterprise answers the 404 page.
 */
export const load: PageServerLoad = async (event) => {
  const id = idOf(event.params);
  const panel = dataOrError(await apiFetch<EvaluationPanel>(event, `${api(id)}/evaluation`));
  const patent = dataOrError(await apiFetch<PatentDto>(event, `/api/patents/${id}`));
  const suggestions =
    panel.role === 'enterprise_admin'
      ? await apiFetch<ExpertSuggestionList>(event, `${api(id)}/expert-suggestions`)
      : null;
  return { patent, panel, suggestions: suggestions?.ok ? suggestions.data : null };
};

/** Stars from the radio's text: blank is "not chosen" (the schema says 请选择专利评分). */
const starsOf = (value: string | undefined) => (value ? Number(value) : undefined);

function signedIn(event: RequestEvent): void {
  if (!event.locals.user) redirect(303, '/login');
}

export const actions: Actions = {
  /** 专家 我要评价: stars and 评价建议, checked with the domain schema before the API checks them again. */
  rate: async (event) => {
    signedIn(event);
    const id = idOf(event.params);
    const values = formValues(await event.request.formData());
    const parsed = expertEvaluationBodySchema.safeParse({
      stars: starsOf(values.stars),
      advice: values.advice,
    });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<ExpertEvaluation>(event, 'PUT', `${api(id)}/my-evaluation`, {
      json: parsed.data,
    });
    if (!result.ok) return apiFailure(result, values);
    return { saved: true };
  },

  /** 专家评价审核: 通过 or 退回 (the pressed button) of the revision shown. */
  review: async (event) => {
    signedIn(event);
    const values = formValues(await event.request.formData());
    const evaluationId = values.evaluationId ?? '';
    const parsed = evaluationReviewBodySchema.safeParse({
      decision: values.decision,
      comment: values.comment ?? '',
      revision: values.revision ? Number(values.revision) : undefined,
    });
    if (!parsed.success || !isObjectId(evaluationId)) return invalidForm(values, parsed.error?.issues ?? []);
    const result = await apiSend<ExpertEvaluation>(
      event,
      'POST',
      `/api/expert-evaluations/${evaluationId}/review`,
      {
        json: parsed.data,
      },
    );
    if (!result.ok) return apiFailure(result, values);
    return { reviewed: true };
  },

  /** 企业自评: stars and 评价意见, both required; locks the experts' evaluations. */
  enterprise: async (event) => {
    signedIn(event);
    const id = idOf(event.params);
    const values = formValues(await event.request.formData());
    const parsed = enterpriseEvaluationBodySchema.safeParse({
      stars: starsOf(values.stars),
      opinion: values.opinion,
    });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<EnterpriseEvaluation>(event, 'POST', `${api(id)}/enterprise-evaluation`, {
      json: parsed.data,
    });
    if (!result.ok) return apiFailure(result, values);
    return { submitted: true };
  },

  /** 指派: the checked experts. */
  assign: async (event) => {
    signedIn(event);
    const id = idOf(event.params);
    const data = await event.request.formData();
    const values = formValues(data);
    const parsed = evaluationAssignmentBodySchema.safeParse({
      expertIds: data.getAll('expertIds').map(String),
    });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<ExpertSuggestionList>(event, 'PUT', `${api(id)}/assignments`, {
      json: parsed.data,
    });
    if (!result.ok) return apiFailure(result, values);
    return { assigned: true };
  },
};
