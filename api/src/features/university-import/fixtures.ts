import type { TestResponse, TestSession } from '../../../test/auth-helpers';
import { postForm } from '../verification/fixtures';

/** Uploads a file to POST /api/university/imports as the browser's form does (field `file`). */
export function uploadImport(
  session: TestSession,
  bytes: Buffer,
  name = 'patents.csv',
): Promise<TestResponse> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return postForm(session, '/api/university/imports', form);
}
