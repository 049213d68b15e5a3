import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { InstitutionModel } from '../institutions/model';
import { PatentModel } from '../patents/model';
import { postForm } from '../verification/fixtures';
import { applicationNumber, patentRow, toCsv, toXlsx } from '../patent-import/fixtures';
import type { Row } from '../patent-import/fixtures';
import { uploadImport } from './fixtures';
import { ImportUploadModel } from './model';
import type { ImportPreviewDto, ImportStateDto } from './schema';

let app: TestApp;
let university: TestSession;
let other: TestSession;
let admin: TestSession;
let institution: string;
/** Serials of this run, so the application numbers are new in the shared test database. */
const base = 3_000_000 + Math.floor(Math.random() * 3_000_000);
let serial = 0;
const next = () => base + ++serial;

interface ErrorBody {
  error: string;
  fieldErrors?: { path: string; message: string }[];
}

const upload = uploadImport;

async function confirmAndWait(id: string): Promise<ImportStateDto> {
  const res = await university.request(`/api/university/imports/${id}/confirm`, { method: 'POST' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  for (let i = 0; i < 200; i++) {
    const state = (await university.request(`/api/university/imports/${id}`)).body as ImportStateDto;
    if (state.run && state.run.state !== 'running') return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the import did not finish');
}

const storedCount = (rows: readonly Row[]) =>
  PatentModel.countDocuments({ applicationNumber: { $in: rows.map((r) => r['申请号']!) } });

beforeAll(async () => {
  app = await startTestApp('university_import_h16b');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const signedIn = await signIn(app, { role: 'university' });
  university = signedIn.session;
  institution = (await InstitutionModel.findById(signedIn.user.institutionId).lean())!.name;
  other = (await signIn(app, { role: 'university' })).session;
  admin = (await signIn(app, { role: 'enterprise_admin' })).session;
});
afterAll(() => app.close());

describe('批量导入 in the browser: preview, fix, confirm', () => {
  it('offers the template as XLSX and CSV', async () => {
    const xlsx = await university.fetchRaw('/api/university/import-template');
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const csv = await university.fetchRaw('/api/university/import-template?format=csv');
    expect(await csv.text()).toContain('申请号');
  });

  it('a bad row: 422 with the error on its row and column, nothing stored; fixed, it imports and is found', async () => {
    const word = `导入测试${randomBytes(3).toString('hex')}`;
    const rows = [
      patentRow(institution, next(), { 发明名称: `一种${word}的制备方法` }),
      patentRow(institution, next(), { 申请日: '2019-02-30' }),
    ];
    const bad = await upload(university, toCsv(rows));
    expect(bad.status).toBe(422);
    const body = bad.body as ErrorBody;
    expect(body.error).toBe('import_invalid_rows');
    expect(body.fieldErrors?.map((e) => e.path)).toEqual(['row 3 / 申请日']);
    expect(await storedCount(rows)).toBe(0);

    rows[1]!['申请日'] = '2019-02-28';
    const good = await upload(university, await toXlsx(rows), 'renamed.csv');
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    const preview = good.body as ImportPreviewDto;
    expect(preview).toMatchObject({ format: 'xlsx', rows: 2, run: null });
    expect(preview.summary.patents).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(preview.preview.map((r) => [r.row, r.applicationNumber])).toEqual([
      [2, rows[0]!['申请号']],
      [3, rows[1]!['申请号']],
    ]);
    expect(await storedCount(rows)).toBe(0);

    const done = await confirmAndWait(preview.id);
    expect(done.run, JSON.stringify(done.run)).toMatchObject({
      state: 'done',
      phase: 'write',
      done: 2,
      total: 2,
    });
    expect(done.run?.result?.patents).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await storedCount(rows)).toBe(2);
    await syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });
    const found = await admin.request(`/api/resource-library/patents?q=${encodeURIComponent(word)}`);
    expect(
      (found.body as { hits: { applicationNumber: string }[] }).hits.map((h) => h.applicationNumber),
    ).toEqual([rows[0]!['申请号']]);

    // The same file again changes nothing: every patent unchanged, no rev bumped.
    const revs = async () =>
      (await PatentModel.find({ applicationNumber: { $in: rows.map((r) => r['申请号']!) } }).lean()).map(
        (p) => p.rev,
      );
    const before = await revs();
    const again = (await upload(university, await toXlsx(rows))).body as ImportPreviewDto;
    expect(again.summary.patents).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const rerun = await confirmAndWait(again.id);
    expect(rerun.run?.result?.patents).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await revs()).toEqual(before);
    // A confirmed token confirms nothing more.
    const twice = await university.request(`/api/university/imports/${again.id}/confirm`, { method: 'POST' });
    expect((twice.body as ImportStateDto).run?.state).toBe('done');
  });

  it('a row naming another institution is an error on that row; another institution cannot see the upload', async () => {
    const rows = [patentRow(institution, next()), patentRow('别的大学', next())];
    const res = await upload(university, toCsv(rows));
    expect(res.status).toBe(422);
    expect((res.body as ErrorBody).fieldErrors?.map((e) => e.path)).toEqual(['row 3 / 登记单位']);
    expect(await storedCount(rows)).toBe(0);

    const mine = (await upload(university, toCsv([rows[0]!]))).body as ImportPreviewDto;
    expect((await other.request(`/api/university/imports/${mine.id}`)).status).toBe(404);
    const confirm = await other.request(`/api/university/imports/${mine.id}/confirm`, { method: 'POST' });
    expect(confirm.status).toBe(404);
    expect(await storedCount(rows)).toBe(0);
  });

  it('an expired preview cannot be confirmed: 410 import_expired, nothing stored', async () => {
    const rows = [patentRow(institution, next())];
    const preview = (await upload(university, toCsv(rows))).body as ImportPreviewDto;
    await ImportUploadModel.updateOne(
      { _id: preview.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const res = await university.request(`/api/university/imports/${preview.id}/confirm`, { method: 'POST' });
    expect(res.status).toBe(410);
    expect((res.body as ErrorBody).error).toBe('import_expired');
    expect(await storedCount(rows)).toBe(0);
  });

  it('a formula or a script in a cell is stored as the text typed', async () => {
    const number = applicationNumber(next());
    const formula = '=HYPERLINK("http://evil.example","点击")';
    const script = '<script>alert(1)</script>一种测试方法';
    const preview = (
      await upload(
        university,
        toCsv([patentRow(institution, 0, { 申请号: number, 发明名称: script, 应用场景: formula })]),
      )
    ).body as ImportPreviewDto;
    expect((await confirmAndWait(preview.id)).run?.state).toBe('done');
    const stored = await PatentModel.findOne({ applicationNumber: number }).lean();
    expect(stored?.title).toBe(script);
    expect(stored?.dossier?.scenarios).toBe(formula);
  });

  it('refuses by content: not a spreadsheet 415, empty 400, over 20 MB 413, no file 400; nothing kept', async () => {
    const uploads = await ImportUploadModel.countDocuments({});
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      randomBytes(64),
    ]);
    const notSheet = await upload(university, png, 'patents.csv');
    expect([notSheet.status, (notSheet.body as ErrorBody).error]).toEqual([415, 'unsupported_file']);
    const empty = await upload(university, Buffer.alloc(0), 'patents.xlsx');
    expect([empty.status, (empty.body as ErrorBody).error]).toEqual([400, 'unsupported_file']);
    const huge = await upload(university, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), 'patents.csv');
    expect([huge.status, (huge.body as ErrorBody).error]).toEqual([413, 'payload_too_large']);
    const none = await postForm(university, '/api/university/imports', new FormData());
    expect(none.status).toBe(400);
    expect((none.body as ErrorBody).fieldErrors?.[0]?.path).toBe('body.file');
    expect(await ImportUploadModel.countDocuments({})).toBe(uploads);
  });
});
