/** Per-field messages of a form, keyed by the field's name (nested paths joined with dots). */
export type FieldErrors = Record<string, string>;

/** What a failed action returns: the submitted values (never passwords) and the messages. */
export interface FormFailure {
  values?: Record<string, string | string[]>;
  errors?: FieldErrors;
  /** The API's stable error code and Chinese message, for a banner above the form. */
  code?: string;
  message?: string;
}

/** The first message per field of zod issues (`path` like ['profile', 'phone'] → 'profile.phone'). */
export function zodFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key =
      issue.path
        .map(String)
        .join('.')
        .replace(/\.\d+$/, '') || '_form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * The API's `fieldErrors` (paths like 'body.phone' or 'body.strategicIndustries.0') as form field errors:
 * the request part is dropped, and list items report on their list.
 */
export function apiFieldErrors(
  fieldErrors: readonly { path: string; message: string }[] | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of fieldErrors ?? []) {
    const key = path.replace(/^(body|query|params)\./, '').replace(/\.\d+$/, '') || '_form';
    errors[key] ??= message;
  }
  return errors;
}

/** The text fields of a form as strings (files and repeated keys ignored), for echoing values back. */
export function formValues(data: FormData, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of data) {
    if (omit.includes(key) || typeof value !== 'string' || key in values) continue;
    values[key] = value;
  }
  return values;
}
