import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildInstitution } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { sentIntent } from './fixtures';
import { IntentAttachmentModel, IntentStepModel } from './model';

// Files with a conversation's messages: sniffed by content, bounded in size and number, listed on the step
// for both sides and downloaded only by them, as an attachment that is never rendered in the origin.

type Detail = {
  steps: {
    kind: string;
    text: string;
    attachments: { id: string; name: string; type: string; size: number }[];
  }[];
};

let app: TestApp;
let admin: TestSession;
let university: TestSession;
let otherAdmin: TestSession;
let otherUniversity: TestSession;
let institutionName: string;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('中试数据').addRow(['批次', '产率']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function form(text: string, files: { name: string; bytes: Buffer; type?: string }[]): FormData {
  const data = new FormData();
  data.append('text', text);
  for (const file of files)
    data.append('attachments', new Blob([file.bytes], { type: file.type ?? 'application/pdf' }), file.name);
  return data;
}

const countFiles = (intentId: string) =>
  IntentAttachmentModel.countDocuments({ intentId: new Types.ObjectId(intentId) });
const countSteps = (intentId: string) =>
  IntentStepModel.countDocuments({ intentId: new Types.ObjectId(intentId) });

beforeAll(async () => {
  app = await startTestApp('intents_attachments');
  const institution = await buildInstitution({ name: `附件测试大学${randomBytes(3).toString('hex')}` });
  institutionName = institution.name;
  university = (await signIn(app, { role: 'university', institutionId: institution._id.toHexString() }))
    .session;
  admin = (await signIn(app, { role: 'enterprise_admin' })).session;
  otherAdmin = (await signIn(app, { role: 'enterprise_admin' })).session;
  otherUniversity = (await signIn(app, { role: 'university' })).session;
});

afterAll(async () => {
  await app?.close();
});

describe('message attachments', () => {
  it('are listed for both sides and downloaded by each, never by another tenant', async () => {
    const id = await sentIntent(admin, institutionName);
    const book = await xlsx();
    const res = await admin.request(`/api/intents/${id}/messages`, {
      method: 'POST',
      form: form('附中试报告和数据表', [
        { name: '../../中试报告.pdf', bytes: pdf },
        { name: '中试数据.xlsx', bytes: book, type: 'text/html' },
      ]),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const message = (res.body as Detail).steps.at(-1)!;
    expect(message).toMatchObject({ kind: 'message', text: '附中试报告和数据表' });
    // Names without their path; types from the bytes, not what the browser claimed.
    expect(message.attachments.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: '中试报告.pdf', type: 'application/pdf', size: pdf.length },
      {
        name: '中试数据.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: book.length,
      },
    ]);
    const [report, sheet] = message.attachments;

    const seen = (await university.request(`/api/university/intents/${id}`)).body as Detail;
    // (Its first opening added 已查看 after the message.)
    const listed = seen.steps.find((step) => step.kind === 'message');
    expect(listed?.attachments.map((a) => a.id)).toEqual([report!.id, sheet!.id]);

    const download = await admin.fetchRaw(`/api/intents/${id}/attachments/${report!.id}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('中试报告.pdf')}`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    const theirs = await university.fetchRaw(`/api/university/intents/${id}/attachments/${sheet!.id}`);
    expect(Buffer.from(await theirs.arrayBuffer()).equals(book)).toBe(true);

    for (const [session, path] of [
      [otherAdmin, `/api/intents/${id}/attachments/${report!.id}`],
      [otherUniversity, `/api/university/intents/${id}/attachments/${report!.id}`],
      [admin, `/api/intents/${id}/attachments/${new Types.ObjectId().toHexString()}`],
    ] as const) {
      expect((await session.fetchRaw(path)).status).toBe(404);
    }
  });

  it('refuses a disguised, empty, over-size or fourth file naming it, and stores nothing', async () => {
    const id = await sentIntent(admin, institutionName);
    const steps = await countSteps(id);
    const cases = [
      {
        files: [{ name: '报告.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') }],
        status: 400,
      },
      {
        files: [
          { name: 'a.pdf', bytes: pdf },
          { name: '空.pdf', bytes: Buffer.alloc(0) },
        ],
        status: 400,
      },
      { files: Array.from({ length: 4 }, (_, i) => ({ name: `${i}.pdf`, bytes: pdf })), status: 400 },
      {
        files: [{ name: '大.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]) }],
        status: 413,
      },
    ];
    const answers = [];
    for (const { files, status } of cases) {
      const res = await admin.request(`/api/intents/${id}/messages`, {
        method: 'POST',
        form: form('看附件', files),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      answers.push(res.body as { error: string; fieldErrors?: { path: string; message: string }[] });
    }
    expect(answers[0]!.fieldErrors).toEqual([
      { path: 'body.attachments.0', message: expect.stringContaining('仅支持PDF') },
    ]);
    expect(answers[1]!.fieldErrors).toEqual([{ path: 'body.attachments.1', message: '附件不能为空文件' }]);
    expect(answers[2]!.fieldErrors?.[0]?.path).toBe('body.attachments');
    expect(answers[3]!.error).toBe('payload_too_large');
    expect(await countSteps(id)).toBe(steps);
    expect(await countFiles(id)).toBe(0);
  });

  it('removes the files again when the message is refused because the intent has ended', async () => {
    const id = await sentIntent(admin, institutionName);
    await university.request(`/api/university/intents/${id}`);
    const closed = await admin.request(`/api/intents/${id}/close`, {
      method: 'POST',
      json: { outcome: 'closed' },
    });
    expect(closed.status).toBe(200);
    const late = await admin.request(`/api/intents/${id}/messages`, {
      method: 'POST',
      form: form('补充材料', [{ name: '补充.pdf', bytes: pdf }]),
    });
    expect(late.status).toBe(409);
    expect(await countFiles(id)).toBe(0);
  });
});
