import type { Actions } from './$types';
import type { VerificationSubmitted } from '@panhuo/domain/verification/application';
import { formValues } from '$lib/forms/field-errors';
import { apiSend } from '$lib/server/api';
import { apiFailure } from '$lib/server/form-failure';

/** The text fields of the 实名认证 form, as the API reads them. */
const textFields = [
  'companyName',
  'creditCode',
  'category',
  'contactName',
  'contactPhone',
  'contactEmail',
  'adminAccount',
] as const;

/** API refusals about the licence that come without per-field messages (413 size, 415 type). */
const licenceCodes = new Set(['payload_too_large', 'unsupported_file']);

export const actions: Actions = {
  /**
   * 实名认证申请: the browser's multipart body is read here (the web server's BODY_SIZE_LIMIT must allow a
   * 5 MB licence; compose and the test harness set it to more than that) and sent on to POST
   * /api/verifications with a CSRF token of the browser's anonymous session. The API validates every field,
   * the licence included, in one 400; its messages are shown beside the fields.
   */
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data, ['licence']);
    const body = new FormData();
    for (const name of textFields) body.append(name, values[name] ?? '');
    const licence = data.get('licence');
    // A file input left empty still sends a nameless empty part: leave it out so the API asks for one.
    if (licence instanceof File && licence.size > 0) body.append('licence', licence, licence.name);

    const result = await apiSend<VerificationSubmitted>(event, 'POST', '/api/verifications', { body });
    if (!result.ok) {
      const failure = apiFailure(result, values);
      if (licenceCodes.has(result.error.error) && !result.error.fieldErrors?.length)
        failure.data.errors = { ...failure.data.errors, licence: result.error.message };
      return failure;
    }
    return { submitted: { id: result.data.id, email: values.contactEmail ?? '' } };
  },
};
