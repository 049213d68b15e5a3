import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { apiFetch } from '$lib/server/api';

/**
 * A link from the 关注库 mail. The page is not public: a signed-out recipient is sent to 登录 first and
 * comes back here. The API checks the signature, the expiry and that the link was sent to the signed-in
 * user; only then does the page redirect to the patent (which checks its own permission again). The link
 * itself never signs anyone in.
 */
export const load: PageServerLoad = async (event) => {
  const token = event.url.searchParams.get('t') ?? '';
  if (!token) return { problem: { title: '链接无效', message: '邮件中的链接不完整，请从邮件中重新打开。' } };
  const result = await apiFetch<{ path: string }>(event, `/api/digest/links/${encodeURIComponent(token)}`);
  if (result.ok) {
    const path = result.data.path;
    // Same-site paths only, whatever the API answered.
    if (path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')) redirect(303, path);
    return { problem: { title: '链接无效', message: '邮件中的链接无效。' } };
  }
  if (result.status === 403) {
    return {
      problem: {
        title: '该链接属于其他用户',
        message:
          '此链接是发送给其他用户的。请退出后使用收到邮件的本人账号登录，或直接进入专利转化关注库查看。',
      },
    };
  }
  if (result.status === 400) {
    return {
      problem: {
        title: '链接已过期',
        message: '邮件中的链接已过期，请进入专利转化关注库查看最新匹配的专利。',
      },
    };
  }
  return { problem: { title: '链接无效', message: '邮件中的链接无效或已被修改，请从邮件中重新打开。' } };
};
