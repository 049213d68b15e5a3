import type { MeResponse } from '@panhuo/domain/accounts/user';
import type { ConsolePage } from '@panhuo/domain/operator/console';
import type {
  VerificationApproved,
  VerificationDto,
  VerificationRejected,
} from '@panhuo/domain/verification/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { createMailer } from '../../infra/mailer';
import { EnterpriseModel, UserModel } from '../accounts/model';
import { verifyPassword } from '../auth/password';
import { jpegBytes, mailsTo, submitApplication, tinyPng } from './fixtures';
import { DecisionModel, VerificationModel } from './model';

let app: TestApp;
let operator: TestSession;
beforeAll(async () => {
  app = await startTestApp('verification_review');
  operator = (await signIn(app, { role: 'operator' })).session;
});
afterAll(() => app.close());

const approve = (id: string, session = operator) =>
  session.request(`/api/operator/verifications/${id}/approve`, { method: 'POST' });
const reject = (id: string, reason: unknown, session = operator) =>
  session.request(`/api/operator/verifications/${id}/reject`, { method: 'POST', json: { reason } });

describe('approving an application', () => {
  it('lists it, shows its licence, opens the enterprise and admin, and mails the account that then logs in', async () => {
    const { id, fields } = await submitApplication(new TestSession(app), { category: 'high_tech' });

    const pending = await operator.request('/api/operator/verifications?status=pending');
    expect(pending.status).toBe(200);
    const listed = (pending.body as ConsolePage<VerificationDto>).items.find((item) => item.id === id);
    expect(listed).toMatchObject({
      companyName: fields.companyName,
      creditCode: fields.creditCode,
      category: 'high_tech',
      contactPhone: '13800138000',
      adminAccount: fields.adminAccount,
      status: 'pending',
      licence: { contentType: 'image/png' },
      reviewedAt: null,
      enterpriseId: null,
    });
    expect(JSON.stringify(pending.body)).not.toMatch(/pendingCreditCode|fileId/);

    const detail = await operator.request(`/api/operator/verifications/${id}`);
    expect(detail.body).toEqual(listed);

    const licence = await fetch(`${app.baseUrl}/api/operator/verifications/${id}/licence`, {
      headers: { cookie: operator.cookie!, 'x-forwarded-for': operator.ip },
    });
    expect(licence.status).toBe(200);
    expect(licence.headers.get('content-type')).toBe('image/png');
    expect(licence.headers.get('x-content-type-options')).toBe('nosniff');
    expect(licence.headers.get('cache-control')).toBe('private, no-store');
    expect(licence.headers.get('content-disposition')).toContain(
      encodeURIComponent(`营业执照-${fields.creditCode}.png`),
    );
    expect(Buffer.from(await licence.arrayBuffer()).equals(tinyPng)).toBe(true);

    const res = await approve(id);
    expect(res.status).toBe(200);
    const approved = res.body as VerificationApproved;
    expect(approved).toMatchObject({
      application: { id, status: 'approved', reviewedAt: expect.any(String), rejectReason: null },
      adminAccount: fields.adminAccount,
      mailDelivered: true,
    });
    // Delivered by mail: the password is not in the operator's answer.
    expect(approved).not.toHaveProperty('initialPassword');

    const enterprise = await EnterpriseModel.findById(approved.enterpriseId).lean();
    expect(enterprise).toMatchObject({
      name: fields.companyName,
      creditCode: fields.creditCode,
      category: 'high_tech',
      status: 'active',
    });
    expect(enterprise?.verificationId?.toHexString()).toBe(id);
    const admins = await UserModel.find({ enterpriseId: enterprise!._id }).lean();
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ account: fields.adminAccount, name: '张伟', role: 'enterprise_admin' });
    expect(approved.application.enterpriseId).toBe(approved.enterpriseId);

    const [mail, ...others] = await mailsTo(fields.contactEmail!);
    expect(others).toEqual([]);
    expect(mail!.subject).toBe(`【盘活行动】${fields.companyName}实名认证已通过`);
    expect(mail!.text).toContain('张伟，您好');
    expect(mail!.text).toContain(`账号：${fields.adminAccount}`);
    expect(mail!.text).toContain(`登录地址：${new URL('/login', app.deps.config.PUBLIC_URL).toString()}`);
    const password = /初始密码：(\S+)/.exec(mail!.text)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(await verifyPassword(admins[0]!.passwordHash, password!)).toBe(true);

    const login = await new TestSession(app).login(fields.adminAccount!, password!);
    expect(login.status).toBe(200);
    const me = login.body as MeResponse;
    expect(me.user).toMatchObject({ role: 'enterprise_admin', enterpriseId: approved.enterpriseId });
    // First login: 部门职务, 手机号, 单位邮箱 are asked for, as for every assigned account.
    expect(me.mustCompleteProfile).toBe(true);

    // The application left the pending list; its credit code and account are no longer reserved by it.
    const afterwards = (await operator.request('/api/operator/verifications?status=approved'))
      .body as ConsolePage<VerificationDto>;
    expect(afterwards.items.map((item) => item.id)).toContain(id);
    const stored = await VerificationModel.findById(id).lean();
    expect(stored).not.toHaveProperty('pendingCreditCode');
    expect(stored?.adminUserId?.toHexString()).toBe(admins[0]!._id.toHexString());
  });

  it('approves once when approved twice at the same moment, and 409s afterwards', async () => {
    const { id, fields } = await submitApplication(new TestSession(app));
    const second = (await signIn(app, { role: 'operator' })).session;
    const results = await Promise.all([approve(id), approve(id, second), approve(id), approve(id, second)]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 409, 409, 409]);
    const again = await approve(id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', message: '该申请已审核，不能重复操作' });
    expect(await EnterpriseModel.countDocuments({ creditCode: fields.creditCode })).toBe(1);
    expect(await UserModel.countDocuments({ account: fields.adminAccount })).toBe(1);
    expect(await mailsTo(fields.contactEmail!)).toHaveLength(1);
  });

  it('lets exactly one of an approval and a rejection racing each other win', async () => {
    const { id, fields } = await submitApplication(new TestSession(app));
    const [approved, rejected] = await Promise.all([approve(id), reject(id, '材料不全')]);
    expect([approved.status, rejected.status].sort()).toEqual([200, 409]);
    const stored = await VerificationModel.findById(id).lean();
    const enterprises = await EnterpriseModel.countDocuments({ creditCode: fields.creditCode });
    if (approved.status === 200) {
      expect(stored?.status).toBe('approved');
      expect(enterprises).toBe(1);
    } else {
      expect(stored?.status).toBe('rejected');
      expect(enterprises).toBe(0);
      expect(await UserModel.countDocuments({ account: fields.adminAccount })).toBe(0);
    }
  });

  it('answers 409 and keeps the application pending when the account was taken meanwhile', async () => {
    const { id, fields } = await submitApplication(new TestSession(app));
    // Another enterprise's admin opened an account of that name after the application was submitted.
    await createTestUser({ role: 'expert', account: fields.adminAccount! });
    const res = await approve(id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      message: '申请的管理员账号已被占用，无法通过，请驳回该申请并请申请人更换账号',
    });
    expect(await EnterpriseModel.countDocuments({ creditCode: fields.creditCode })).toBe(0);
    expect((await VerificationModel.findById(id).lean())?.status).toBe('pending');
    expect(await DecisionModel.countDocuments({ _id: id })).toBe(0);
    // It can still be rejected.
    expect((await reject(id, '管理员账号已被占用，请更换后重新申请')).status).toBe(200);
  });

  it('still approves when the e-mail cannot be sent, handing the password to the operator instead', async () => {
    const { id, fields } = await submitApplication(new TestSession(app));
    const working = app.deps.mailer;
    // A real SMTP transport to a port where nothing listens.
    app.deps.mailer = createMailer({ ...app.deps.config, SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const res = await approve(id);
      expect(res.status).toBe(200);
      const body = res.body as VerificationApproved;
      expect(body.mailDelivered).toBe(false);
      expect(body.initialPassword).toMatch(/^[A-Za-z2-9]{12}$/);
      expect((await new TestSession(app).login(fields.adminAccount!, body.initialPassword!)).status).toBe(
        200,
      );
    } finally {
      app.deps.mailer.close();
      app.deps.mailer = working;
    }
  });
});

describe('the review claim', () => {
  it('blocks while another review holds it, and is taken over once it is stale', async () => {
    const { id } = await submitApplication(new TestSession(app));
    const { user } = await signIn(app, { role: 'operator' });
    await DecisionModel.create({ _id: id, decision: 'rejected', operatorId: user.id, claimedAt: new Date() });
    expect((await approve(id)).status).toBe(409);
    expect((await VerificationModel.findById(id).lean())?.status).toBe('pending');

    // A review that died between its claim and its status update, ten minutes ago.
    await DecisionModel.updateOne({ _id: id }, { $set: { claimedAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await approve(id)).status).toBe(200);
    expect((await DecisionModel.findById(id).lean())?.decision).toBe('approved');
  });
});

describe('rejecting an application', () => {
  it('needs a reason, stores it, e-mails it and opens nothing', async () => {
    const { id, fields } = await submitApplication(
      new TestSession(app),
      {},
      {
        bytes: jpegBytes,
        name: 'licence.jpg',
        type: 'image/jpeg',
      },
    );
    const missing = await reject(id, '   ');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ fieldErrors: [{ path: 'body.reason', message: '请填写驳回理由' }] });
    const long = await reject(id, '长'.repeat(501));
    expect(long.body).toMatchObject({
      fieldErrors: [{ path: 'body.reason', message: '驳回理由最多500个字' }],
    });
    expect((await VerificationModel.findById(id).lean())?.status).toBe('pending');

    const reason = '营业执照图片不清晰，请上传清晰的彩色扫描件';
    const res = await reject(id, reason);
    expect(res.status).toBe(200);
    expect(res.body as VerificationRejected).toMatchObject({
      application: { id, status: 'rejected', rejectReason: reason, enterpriseId: null },
      mailDelivered: true,
    });
    expect(await EnterpriseModel.countDocuments({ creditCode: fields.creditCode })).toBe(0);
    expect(await UserModel.countDocuments({ account: fields.adminAccount })).toBe(0);

    const [mail] = await mailsTo(fields.contactEmail!);
    expect(mail!.subject).toBe(`【盘活行动】${fields.companyName}实名认证未通过`);
    expect(mail!.text).toContain(`未通过原因：${reason}`);
    expect(mail!.text).not.toContain('初始密码');

    expect((await reject(id, '再次驳回')).status).toBe(409);
    expect((await approve(id)).status).toBe(409);

    // Rejected: the same enterprise may apply again.
    await submitApplication(new TestSession(app), {
      creditCode: fields.creditCode!,
      adminAccount: fields.adminAccount!,
    });
  });
});

describe('the review queue', () => {
  it('filters by state, pages by 20 and validates its query', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push((await submitApplication(new TestSession(app))).id);
    const first = (await operator.request('/api/operator/verifications?status=pending'))
      .body as ConsolePage<VerificationDto>;
    expect(first.pageSize).toBe(20);
    expect(first.items).toHaveLength(20);
    expect(first.items.every((item) => item.status === 'pending')).toBe(true);
    // Newest first.
    expect(first.items[0]!.id).toBe(ids[20]);
    const second = (await operator.request(`/api/operator/verifications?status=pending&page=2`))
      .body as ConsolePage<VerificationDto>;
    expect(second.total).toBe(first.total);
    expect(second.items.map((item) => item.id)).not.toContain(ids[20]);

    const all = (await operator.request('/api/operator/verifications')).body as ConsolePage<VerificationDto>;
    expect(all.total).toBeGreaterThan(first.total);

    const bad = await operator.request('/api/operator/verifications?status=done&page=0');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: [
        { path: 'query.status', message: '审核状态不正确' },
        { path: 'query.page', message: '页码应为正整数' },
      ],
    });
  });

  it('answers 404 for an unknown application and 400 for a malformed id', async () => {
    const unknown = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    expect((await operator.request(`/api/operator/verifications/${unknown}`)).status).toBe(404);
    expect((await operator.request(`/api/operator/verifications/${unknown}/licence`)).status).toBe(404);
    expect((await approve(unknown)).status).toBe(404);
    expect((await reject(unknown, '无此申请')).status).toBe(404);
    expect((await operator.request('/api/operator/verifications/not-an-id')).status).toBe(400);
  });
});
