import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { ConsolePage } from '@panhuo/domain/operator/console';
import { verificationListQuerySchema } from '@panhuo/domain/operator/console';
import type { VerificationDto } from '@panhuo/domain/verification/application';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/**
 * 实名认证审核: the review queue. Without a `status` the page opens on 待审核 (what needs the operator);
 * `status=all` lists every application, newest first.
 */
export const load: PageServerLoad = async (event) => {
  const raw = event.url.searchParams.get('status');
  const all = raw === 'all';
  const parsed = verificationListQuerySchema.safeParse({
    status: all ? undefined : (raw ?? 'pending'),
    page: event.url.searchParams.get('page') ?? undefined,
  });
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams({ page: String(parsed.data.page) });
  if (parsed.data.status) query.set('status', parsed.data.status);
  const list = dataOrError(
    await apiFetch<ConsolePage<VerificationDto>>(event, `/api/operator/verifications?${query}`),
  );
  return { list, status: parsed.data.status ?? 'all' };
};
