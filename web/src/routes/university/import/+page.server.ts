import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isObjectId } from '@panhuo/domain/object-id';
import { apiFetch, apiSend } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';
import type { ImportPreview, ImportState } from './import';
import { rowProblems } from './import';

/** 批量导入: after 确认导入 the page (?id=) shows the run of that upload and polls its progress. */
export const load: PageServerLoad = async (event) => {
  const id = event.url.searchParams.get('id') ?? '';
  if (!isObjectId(id)) return { state: null };
  return { state: dataOrError(await apiFetch<ImportState>(event, `/api/university/imports/${id}`)) };
};

export const actions: Actions = {
  /**
   * 上传并预检: the file goes on to POST /api/university/imports (checked by content and by every rule;
   * nothing is stored). A 422 brings every problem with its row and column; any other refusal (empty,
   * oversized, not a spreadsheet) its message beside the file field.
   */
  upload: async (event) => {
    const data = await event.request.formData();
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0)
      return fail(400, { errors: { file: '请选择要导入的文件（Excel .xlsx 或 CSV）' } });
    const body = new FormData();
    body.append('file', file, file.name);
    const result = await apiSend<ImportPreview>(event, 'POST', '/api/university/imports', { body });
    if (result.ok) return { preview: result.data };
    if (result.status === 422)
      return fail(422, {
        code: result.error.error,
        message: result.error.message,
        problems: rowProblems(result.error.fieldErrors),
      });
    const problems = rowProblems(result.error.fieldErrors).filter((p) => p.row !== null);
    return fail(result.status, {
      code: result.error.error,
      errors: { file: result.error.message },
      problems,
    });
  },
  /** 确认导入 by the upload's token: the server imports the file it checked; the page then shows the progress. */
  confirm: async (event) => {
    const id = String((await event.request.formData()).get('id') ?? '');
    if (!isObjectId(id)) return fail(400, { message: '导入记录不存在，请重新上传文件' });
    const result = await apiSend<ImportState>(event, 'POST', `/api/university/imports/${id}/confirm`);
    if (!result.ok) return fail(result.status, { code: result.error.error, message: result.error.message });
    redirect(303, `/university/import?id=${id}`);
  },
};
