import { error, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import type { IntentDetailDto, IntentPageDto } from '@panhuo/domain/intents/dto';
import {
  intentCloseBodySchema,
  intentListQuerySchema,
  intentMessageBodySchema,
  intentReplyBodySchema,
} from '@panhuo/domain/intents/forms';
import { isObjectId } from '@panhuo/domain/object-id';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/**
 * The enterprise's (高校院所合作需求) and the institution's (收到的合作意向) pages share their loads and
 * actions; only the API's base path differs: `/api/intents` or `/api/university/intents`.
 */
export type IntentApiBase = '/api/intents' | '/api/university/intents';

/** The list's filters as the URL carries them (the pager keeps them). */
export const intentFilterKeys = ['state', 'institutionId', 'source', 'from', 'to', 'q'] as const;

/** One page of a side's intents; a query the schema refuses goes back to the unfiltered list. */
export async function loadIntentList(event: RequestEvent, base: IntentApiBase) {
  const parsed = intentListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const list = dataOrError(await apiFetch<IntentPageDto>(event, `${base}?${query}`));
  const raw = Object.fromEntries(intentFilterKeys.map((key) => [key, event.url.searchParams.get(key) ?? '']));
  return { list, query: raw };
}

/** One intent with its conversation (the institution's first opening marks it 已查看). */
export async function loadIntent(event: RequestEvent, base: IntentApiBase) {
  const id = event.params.id ?? '';
  if (!isObjectId(id)) error(404, { message: '合作意向不存在', code: 'not_found' });
  const intent = dataOrError(await apiFetch<IntentDetailDto>(event, `${base}/${id}`));
  return { intent, sent: event.url.searchParams.get('sent') };
}

type Action = (event: RequestEvent) => Promise<unknown>;

async function send(
  event: RequestEvent,
  path: `/api/${string}`,
  json: unknown,
  values: Record<string, string>,
) {
  const result = await apiSend<IntentDetailDto>(event, 'POST', path, { json });
  if (!result.ok) return apiFailure(result, values);
  return { done: true };
}

/** The conversation's actions of one side: 发送消息, 关闭/达成合作, and 撤回 or 接受洽谈/婉拒. */
export function intentActions(base: IntentApiBase): Record<string, Action> {
  const path = (event: RequestEvent, action: string) => `${base}/${event.params.id ?? ''}/${action}` as const;
  const actions: Record<string, Action> = {
    message: async (event) => {
      const data = await event.request.formData();
      const values = formValues(data, ['attachments']);
      const parsed = intentMessageBodySchema.safeParse({ text: values.text ?? '' });
      if (!parsed.success) return invalidForm(values, parsed.error.issues);
      // An empty file input still sends one nameless empty part: only real files go on.
      const files = data.getAll('attachments').filter((f): f is File => f instanceof File && f.size > 0);
      if (files.length === 0) return send(event, path(event, 'messages'), parsed.data, values);
      const body = new FormData();
      body.append('text', parsed.data.text);
      for (const file of files) body.append('attachments', file, file.name);
      const result = await apiSend<IntentDetailDto>(event, 'POST', path(event, 'messages'), { body });
      if (result.ok) return { done: true };
      const failure = apiFailure(result, values);
      // Each file's refusal (attachments.<i>) or an over-size body (413) shows beside the file input.
      const fileErrors = Object.entries(failure.data.errors ?? {})
        .filter(([key]) => key.startsWith('attachments'))
        .map(([, text]) => text);
      if (fileErrors.length || result.status === 413)
        failure.data.errors = {
          ...failure.data.errors,
          attachments: fileErrors.length ? fileErrors.join('；') : result.error.message,
        };
      return failure;
    },
    close: async (event) => {
      const data = await event.request.formData();
      const values = formValues(data);
      const parsed = intentCloseBodySchema.safeParse({
        outcome: values.outcome ?? '',
        mode: values.mode,
        amount: values.amount,
        note: values.note,
      });
      if (!parsed.success) return invalidForm(values, parsed.error.issues);
      return send(event, path(event, 'close'), parsed.data, values);
    },
  };
  if (base === '/api/intents') {
    actions.withdraw = async (event) => send(event, path(event, 'withdraw'), {}, {});
  } else {
    actions.reply = async (event) => {
      const data = await event.request.formData();
      const values = formValues(data);
      const parsed = intentReplyBodySchema.safeParse({
        decision: values.decision ?? '',
        message: values.message ?? '',
      });
      if (!parsed.success) return invalidForm(values, parsed.error.issues);
      return send(event, path(event, 'reply'), parsed.data, values);
    };
  }
  return actions;
}
