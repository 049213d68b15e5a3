import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { MyExpert } from '@panhuo/domain/experts/dto';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** The signed-in expert's own certificate, once approved. */
export const load: PageServerLoad = async (event) => {
  const expert = dataOrError(await apiFetch<MyExpert>(event, '/api/me/expert'));
  if (!expert.certificate) error(404, { message: '尚未获得专家证书', code: 'not_found' });
  return { certificate: expert.certificate };
};
