import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, operatorScope, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { createEnterprise } from '../accounts/store';
import {
  applicationFields,
  buildForm,
  exeBytes,
  gifBytes,
  jpegBytes,
  pngLicence,
  pngOfSize,
  postForm,
  randomCreditCode,
  submitApplication,
} from './fixtures';
import { LicenceModel, VerificationModel } from './model';
import { findLicence } from './store';
import type { VerificationDoc } from './model';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('verification_sign_up');
});
afterAll(() => app.close());

interface ErrorBody {
  error: string;
  message: string;
  fieldErrors?: { path: string; message: string }[];
}

const stored = async () => ({
  applications: await VerificationModel.countDocuments(),
  licences: await LicenceModel.countDocuments(),
});

/** Posts a form from a fresh client and checks that the refusal stored nothing. */
async function refused(form: FormData, options: { csrf?: false } = {}) {
  const before = await stored();
  const res = await postForm(new TestSession(app), '/api/verifications', form, options);
  expect(await stored()).toEqual(before);
  return { status: res.status, body: res.body as ErrorBody };
}

describe('POST /api/verifications', () => {
  it('stores a pending application with normalized fields and the licence sniffed from its bytes', async () => {
    const fields = applicationFields({
      creditCode: ` ${randomCreditCode().toLowerCase()} `,
      contactPhone: '+86 139-1234-5678',
      contactEmail: 'Zhang.Wei+Apply@Example.COM',
      adminAccount: `  Apply_${Date.now()}`,
    });
    const res = await postForm(
      new TestSession(app),
      '/api/verifications',
      // A JPEG that calls itself a PNG: the bytes decide.
      buildForm(fields, { bytes: jpegBytes, name: 'licence.png', type: 'image/png' }),
    );
    expect(res.status).toBe(201);
    const body = res.body as { id: string; status: string; submittedAt: string };
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      status: 'pending',
      submittedAt: expect.any(String),
    });

    const application = await VerificationModel.findById(body.id).lean<VerificationDoc>();
    expect(application).toMatchObject({
      companyName: fields.companyName,
      creditCode: fields.creditCode!.trim().toUpperCase(),
      category: 'specialized_sme',
      contactName: '张伟',
      contactPhone: '13912345678',
      contactEmail: 'zhang.wei+apply@example.com',
      adminAccount: fields.adminAccount!.trim().toLowerCase(),
      status: 'pending',
      pendingCreditCode: fields.creditCode!.trim().toUpperCase(),
      licence: { contentType: 'image/jpeg', size: jpegBytes.length },
    });
    const licence = await findLicence(operatorScope(), application!.licence.fileId);
    expect(licence?.contentType).toBe('image/jpeg');
    expect(licence?.data.equals(jpegBytes)).toBe(true);
  });

  it('accepts a licence of exactly 5 MiB and keeps every byte', async () => {
    const bytes = pngOfSize(5 * 1024 * 1024);
    const { id } = await submitApplication(
      new TestSession(app),
      {},
      { bytes, name: 'big.png', type: 'image/png' },
    );
    const application = await VerificationModel.findById(id).lean<VerificationDoc>();
    const licence = await findLicence(operatorScope(), application!.licence.fileId);
    expect(licence?.size).toBe(5_242_880);
    expect(licence?.data.equals(bytes)).toBe(true);
  });

  it('lists every missing field, the licence included, in one 400', async () => {
    const { status, body } = await refused(buildForm({}));
    expect(status).toBe(400);
    expect(body.error).toBe('validation_failed');
    expect(body.fieldErrors).toEqual([
      { path: 'body.companyName', message: '请填写企业名称' },
      { path: 'body.creditCode', message: '请填写统一社会信用代码' },
      { path: 'body.category', message: '请选择企业类别' },
      { path: 'body.contactName', message: '请填写联系人姓名' },
      { path: 'body.contactPhone', message: '请填写联系人手机号' },
      { path: 'body.contactEmail', message: '请填写联系邮箱' },
      { path: 'body.adminAccount', message: '请填写管理员账号' },
      { path: 'body.licence', message: '请上传营业执照图片' },
    ]);
  });

  it('refuses a wrong check character, bad phone, bad e-mail, unknown category and over-long text', async () => {
    const fields = applicationFields();
    const { status, body } = await refused(
      buildForm(
        {
          ...fields,
          // The last character changed: the GB 32100-2015 check fails.
          creditCode: fields.creditCode!.slice(0, 17) + (fields.creditCode!.endsWith('0') ? '1' : '0'),
          contactPhone: '1380013800',
          contactEmail: 'zhang.example.com',
          category: '高新技术企业',
          companyName: '很'.repeat(101),
          contactName: '名'.repeat(31),
        },
        pngLicence,
      ),
    );
    expect(status).toBe(400);
    expect(body.fieldErrors).toEqual([
      { path: 'body.companyName', message: '企业名称最多100个字' },
      { path: 'body.creditCode', message: '统一社会信用代码校验位错误，请核对' },
      { path: 'body.category', message: '请选择企业类别' },
      { path: 'body.contactName', message: '联系人姓名最多30个字' },
      { path: 'body.contactPhone', message: '请输入正确的11位手机号码' },
      { path: 'body.contactEmail', message: '请输入正确的邮箱地址' },
    ]);
  });

  it('refuses a malformed credit code and a malformed account name', async () => {
    const { status, body } = await refused(
      buildForm(applicationFields({ creditCode: '91330106ABCDEFGHI', adminAccount: '管理员' }), pngLicence),
    );
    expect(status).toBe(400);
    expect(body.fieldErrors).toEqual([
      { path: 'body.creditCode', message: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）' },
      { path: 'body.adminAccount', message: '账号应为3–64位字母、数字或 _ . @ -' },
    ]);
  });

  it.each([
    ['a GIF named .png', { bytes: gifBytes, name: '营业执照.png', type: 'image/png' }],
    ['an executable named .jpg', { bytes: exeBytes, name: 'licence.jpg', type: 'image/jpeg' }],
    ['a PDF', { bytes: Buffer.from('%PDF-1.7\n%âãÏÓ\n'), name: 'licence.pdf', type: 'application/pdf' }],
  ])('answers 415 for %s, whatever its name and declared type', async (_case, licence) => {
    const { status, body } = await refused(buildForm(applicationFields(), licence));
    expect(status).toBe(415);
    expect(body).toEqual({ error: 'unsupported_file', message: '营业执照仅支持PNG或JPG格式的图片' });
  });

  it('answers 413 for a 6 MB image', async () => {
    const { status, body } = await refused(
      buildForm(applicationFields(), {
        bytes: pngOfSize(6 * 1024 * 1024),
        name: 'big.png',
        type: 'image/png',
      }),
    );
    expect(status).toBe(413);
    expect(body).toEqual({ error: 'payload_too_large', message: '营业执照图片不能超过5MB' });
  });

  it('answers 413 for a text field far beyond any form field', async () => {
    const { status, body } = await refused(
      buildForm(applicationFields({ companyName: '长'.repeat(20_000) }), pngLicence),
    );
    expect(status).toBe(413);
    expect(body.error).toBe('payload_too_large');
  });

  it('does not take a text field, a JSON body or a file under another name for the licence', async () => {
    const asText = await refused(buildForm({ ...applicationFields(), licence: 'iVBORw0KGgo=' }));
    expect(asText.status).toBe(400);
    expect(asText.body.fieldErrors).toEqual([{ path: 'body.licence', message: '请上传营业执照图片' }]);

    const session = new TestSession(app);
    await session.fetchCsrf();
    const json = await session.request('/api/verifications', {
      method: 'POST',
      json: { ...applicationFields(), licence: { bytes: 'iVBORw0KGgo=' } },
    });
    expect(json.status).toBe(400);
    expect((json.body as ErrorBody).fieldErrors).toEqual([
      { path: 'body.licence', message: '请上传营业执照图片' },
    ]);

    const form = buildForm(applicationFields(), pngLicence);
    form.append('photo', new Blob([pngLicence.bytes], { type: 'image/png' }), 'photo.png');
    const otherField = await refused(form);
    expect(otherField.status).toBe(400);
    expect(otherField.body.fieldErrors).toEqual([
      { path: 'body.photo', message: '只能上传一个文件：营业执照图片（licence）' },
    ]);

    const twice = buildForm(applicationFields(), pngLicence);
    twice.append('licence', new Blob([pngLicence.bytes], { type: 'image/png' }), 'again.png');
    expect((await refused(twice)).status).toBe(400);
  });

  it('answers 403 without the CSRF token, storing nothing', async () => {
    const { status, body } = await refused(buildForm(applicationFields(), pngLicence), { csrf: false });
    expect(status).toBe(403);
    expect(body.error).toBe('csrf_failed');
  });
});

describe('POST /api/verifications: clashes', () => {
  it('answers 409 for a second pending application with the credit code, however it is typed', async () => {
    const { fields } = await submitApplication(new TestSession(app));
    const { status, body } = await refused(
      buildForm(
        applicationFields({ creditCode: fields.creditCode!.toLowerCase().replace(/(.{6})/g, '$1 ') }),
        pngLicence,
      ),
    );
    expect(status).toBe(409);
    expect(body).toMatchObject({
      error: 'conflict',
      fieldErrors: [
        {
          path: 'body.creditCode',
          message: '该统一社会信用代码已有待审核的实名认证申请，请耐心等待审核结果',
        },
      ],
    });
  });

  it('answers 409 when an enterprise with the credit code or the name already has accounts', async () => {
    const creditCode = randomCreditCode();
    const name = `已开通企业${Date.now()}`;
    await createEnterprise(operatorScope(), { name: `${name}甲`, creditCode, category: 'high_tech' });
    await createEnterprise(operatorScope(), { name, category: 'other' });

    const byCode = await refused(buildForm(applicationFields({ creditCode }), pngLicence));
    expect(byCode.status).toBe(409);
    expect(byCode.body.fieldErrors?.[0]?.path).toBe('body.creditCode');
    const byName = await refused(buildForm(applicationFields({ companyName: name }), pngLicence));
    expect(byName.status).toBe(409);
    expect(byName.body.fieldErrors).toEqual([
      { path: 'body.companyName', message: '该企业名称已开通账号，请联系本企业管理员' },
    ]);
  });

  it('answers 409 for an account name that is taken or asked for by a pending application', async () => {
    const user = await createTestUser({ role: 'expert' });
    const existing = await refused(buildForm(applicationFields({ adminAccount: user.account }), pngLicence));
    expect(existing.status).toBe(409);
    expect(existing.body.fieldErrors).toEqual([
      { path: 'body.adminAccount', message: '该账号已被占用，请更换' },
    ]);

    const { fields } = await submitApplication(new TestSession(app));
    const pending = await refused(
      buildForm(applicationFields({ adminAccount: fields.adminAccount! }), pngLicence),
    );
    expect(pending.status).toBe(409);
    expect(pending.body.fieldErrors?.[0]?.path).toBe('body.adminAccount');
  });

  it('keeps exactly one of several simultaneous applications with one credit code', async () => {
    const creditCode = randomCreditCode();
    const before = await stored();
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        postForm(
          new TestSession(app),
          '/api/verifications',
          buildForm(applicationFields({ creditCode }), pngLicence),
        ),
      ),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await VerificationModel.countDocuments({ creditCode })).toBe(1);
    expect(await stored()).toEqual({ applications: before.applications + 1, licences: before.licences + 1 });
  });
});

describe('POST /api/verifications: rate limit', () => {
  it('refuses the 11th submission from one IP within the hour, not another IP', async () => {
    const session = new TestSession(app);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const res = await postForm(session, '/api/verifications', buildForm({ companyName: `第${attempt}次` }));
      expect(res.status, `attempt ${attempt}`).toBe(400);
    }
    const before = await stored();
    const eleventh = await postForm(
      session,
      '/api/verifications',
      buildForm(applicationFields(), pngLicence),
    );
    expect(eleventh.status).toBe(429);
    expect(eleventh.body).toMatchObject({ error: 'rate_limited', message: '提交过于频繁，请1小时后再试' });
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await stored()).toEqual(before);
    await submitApplication(new TestSession(app));
  }, 60_000);
});
