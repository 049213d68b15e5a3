import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { ExpertDetail } from '@panhuo/domain/experts/dto';
import { expertParamsSchema } from '@panhuo/domain/experts/forms';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** 查看: one expert of the enterprise with 专家信息, review history and certificate. */
export const load: PageServerLoad = async (event) => {
  const params = expertParamsSchema.safeParse(event.params);
  if (!params.success) error(404, { message: '专家不存在', code: 'not_found' });
  const expert = dataOrError(await apiFetch<ExpertDetail>(event, `/api/experts/${params.data.id}`));
  return { expert };
};
