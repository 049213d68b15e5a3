import { fail } from '@sveltejs/kit';
import type { FieldErrors, FormFailure } from '$lib/forms/field-errors';
import { apiFieldErrors, zodFieldErrors } from '$lib/forms/field-errors';
import type { ApiResult } from './api';

/** fail(400) for input the domain schema refused: the values back and one message per field. */
export function invalidForm(
  values: Record<string, string | string[]>,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  extra: FieldErrors = {},
) {
  const failure: FormFailure = { values, errors: { ...zodFieldErrors(issues), ...extra } };
  return fail(400, failure);
}

/** fail(status) for an API refusal: its code and Chinese message, and its per-field messages. */
export function apiFailure(
  result: Extract<ApiResult<unknown>, { ok: false }>,
  values: Record<string, string | string[]> = {},
) {
  const failure: FormFailure = {
    values,
    errors: apiFieldErrors(result.error.fieldErrors),
    code: result.error.error,
    message: result.error.message,
  };
  return fail(result.status, failure);
}
