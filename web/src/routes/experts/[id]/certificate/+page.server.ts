import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { ExpertCertificate } from '@panhuo/domain/experts/dto';
import { expertParamsSchema } from '@panhuo/domain/experts/forms';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** 证书 of an approved expert, for the admin; printed on one A4 page. */
export const load: PageServerLoad = async (event) => {
  const params = expertParamsSchema.safeParse(event.params);
  if (!params.success) error(404, { message: '专家不存在', code: 'not_found' });
  const certificate = dataOrError(
    await apiFetch<ExpertCertificate>(event, `/api/experts/${params.data.id}/certificate`),
  );
  return { certificate };
};
