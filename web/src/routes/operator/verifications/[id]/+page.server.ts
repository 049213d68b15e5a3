import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { objectIdSchema } from '@panhuo/domain/object-id';
import type {
  VerificationApproved,
  VerificationDto,
  VerificationRejected,
} from '@panhuo/domain/verification/application';
import { verificationRejectBodySchema } from '@panhuo/domain/verification/application';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/** The application id of the URL, or the 404 page for anything that cannot be one. */
function applicationId(raw: string): string {
  const parsed = objectIdSchema.safeParse(raw);
  if (!parsed.success) error(404, { message: '申请不存在', code: 'not_found' });
  return parsed.data;
}

/** One 实名认证 application with its licence (the image comes from the API through the /api proxy). */
export const load: PageServerLoad = async (event) => {
  const id = applicationId(event.params.id);
  const application = dataOrError(
    await apiFetch<VerificationDto>(event, `/api/operator/verifications/${id}`),
  );
  return { application };
};

export const actions: Actions = {
  /**
   * 通过: opens the enterprise and its 企业管理员 account. The API returns the initial password only when
   * its e-mail to the applicant failed; it is then shown once so the operator can pass it on.
   */
  approve: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const id = applicationId(event.params.id);
    const result = await apiSend<VerificationApproved>(
      event,
      'POST',
      `/api/operator/verifications/${id}/approve`,
    );
    if (!result.ok) return apiFailure(result);
    return {
      approved: {
        adminAccount: result.data.adminAccount,
        mailDelivered: result.data.mailDelivered,
        initialPassword: result.data.initialPassword ?? null,
      },
    };
  },
  /** 驳回 with a reason (required), which the API e-mails to the applicant. */
  reject: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const id = applicationId(event.params.id);
    const data = await event.request.formData();
    const values = formValues(data);
    const parsed = verificationRejectBodySchema.safeParse({ reason: data.get('reason') ?? '' });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<VerificationRejected>(
      event,
      'POST',
      `/api/operator/verifications/${id}/reject`,
      { json: parsed.data },
    );
    if (!result.ok) return apiFailure(result, values);
    return { rejected: { mailDelivered: result.data.mailDelivered } };
  },
};
