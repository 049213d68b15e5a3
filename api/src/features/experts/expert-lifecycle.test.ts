import type {
  ExpertCertificate,
  ExpertDetail,
  ExpertLibraryPage,
  ExpertListPage,
  ExpertReviewListPage,
  MyExpert,
} from '@panhuo/domain/experts/dto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, TestSession } from '../../../test/auth-helpers';
import {
  createExpertAs,
  expertSession,
  submittedExpert,
  validExpertInfo,
} from '../../../test/expert-factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { seedBenchExperts } from '../../seed/bench-experts';
import { ExpertCertificateModel, ExpertModel, ExpertReviewModel } from './model';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('expert_lifecycle');
});
afterAll(() => app.close());

const stored = (id: string) => ExpertModel.findById(id).lean();

describe('我的空间—专家信息 → 申请入库 → 专家审核 → 专家库 and 证书', () => {
  it('runs the whole lifecycle, keeping every review in the history', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(admin, { name: '沈佳怡' });
    const me = await expertSession(app, expert);

    const initial = await me.request('/api/me/expert');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({
      id: expert.id,
      name: '沈佳怡',
      status: 'pending_info',
      info: null,
      abilities: { edit: true, apply: false },
    });

    // 申请入库 before the info is saved.
    const early = await me.request('/api/me/expert/apply', { method: 'POST' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'expert_info_incomplete' });
    expect((await stored(expert.id))?.status).toBe('pending_info');

    // Bad codes and lengths: 400 with a Chinese error per field, nothing stored.
    const bad = await me.request('/api/me/expert', {
      method: 'PUT',
      json: {
        title: ' ',
        strategicIndustries: ['6.3', '99.9'],
        economicIndustries: ['C', 'ZZ'],
        resume: '简'.repeat(2001),
        contact: '0571-86701234',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: 'validation_failed',
      fieldErrors: [
        { path: 'body.title', message: '请填写职称' },
        { path: 'body.strategicIndustries.1', message: '未知的战略性新兴产业代码' },
        { path: 'body.economicIndustries.1', message: '未知的国民经济行业代码' },
        { path: 'body.resume', message: '个人简介最多2000个字' },
      ],
    });
    const noField = await me.request('/api/me/expert', {
      method: 'PUT',
      json: { ...validExpertInfo, strategicIndustries: [], economicIndustries: [] },
    });
    expect(noField.status).toBe(400);
    expect(noField.body).toMatchObject({
      fieldErrors: [{ path: 'body.strategicIndustries', message: '请至少选择一个研究领域' }],
    });
    // Twelve research fields where the form says at most ten in all; hostile characters in the texts.
    const hostile = await me.request('/api/me/expert', {
      method: 'PUT',
      json: {
        ...validExpertInfo,
        title: '\u200B\u2060',
        resume: '研究方向\u0000锂电池\r\n第二行',
        contact: '0571\uDC00-86701234',
      },
    });
    expect(hostile.status).toBe(400);
    expect(hostile.body).toMatchObject({
      fieldErrors: [
        { path: 'body.title', message: '请填写职称' },
        { path: 'body.resume', message: '个人简介不能包含控制字符' },
        { path: 'body.contact', message: '联系方式包含无法识别的字符' },
      ],
    });
    const twelve = await me.request('/api/me/expert', {
      method: 'PUT',
      json: {
        ...validExpertInfo,
        strategicIndustries: ['1', '1.1', '1.2', '1.3', '1.4', '1.5'],
        economicIndustries: ['I', '63', '64', '65', 'M', '73'],
      },
    });
    expect(twelve.status).toBe(400);
    expect(twelve.body).toMatchObject({
      fieldErrors: [{ path: 'body.strategicIndustries', message: '研究领域两类合计最多选择10项' }],
    });
    expect((await stored(expert.id))?.info).toBeNull();

    // Good info: saved with names for display; then 申请入库 → 待审核.
    const saved = await me.request('/api/me/expert', {
      method: 'PUT',
      json: { ...validExpertInfo, strategicIndustries: ['6.3', '5.2', '6.3'] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      status: 'pending_info',
      info: { ...validExpertInfo, strategicIndustries: ['6.3', '5.2'] },
      researchFields: [
        { taxonomy: 'strategic', code: '6.3', name: '太阳能产业' },
        { taxonomy: 'strategic', code: '5.2', name: '新能源汽车装置、配件制造' },
        { taxonomy: 'economic', code: '38', name: '电气机械和器材制造业' },
      ],
      abilities: { edit: true, apply: true },
    });
    const applied = await me.request('/api/me/expert/apply', { method: 'POST' });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      status: 'pending_review',
      abilities: { edit: false, apply: false },
    });
    expect((await admin.request(`/api/experts?q=${expert.account}`)).body).toMatchObject({
      items: [{ id: expert.id, status: 'pending_review' }],
    });

    // Locked while under review.
    const locked = await me.request('/api/me/expert', {
      method: 'PUT',
      json: { ...validExpertInfo, title: '工程师' },
    });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ error: 'expert_status_conflict' });
    expect((await me.request('/api/me/expert/apply', { method: 'POST' })).status).toBe(409);
    expect((await stored(expert.id))?.info?.title).toBe(validExpertInfo.title);

    // Reject: an opinion is required; the expert then sees it.
    const silent = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'reject', opinion: '  ' },
    });
    expect(silent.status).toBe(400);
    expect(silent.body).toMatchObject({
      fieldErrors: [{ path: 'body.opinion', message: '审核不通过时请填写审核意见' }],
    });
    const tooLong = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'reject', opinion: '长'.repeat(501) },
    });
    expect(tooLong.status).toBe(400);
    const reversed = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'reject', opinion: '资料不全\u202Efdp.exe' },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({
      fieldErrors: [{ path: 'body.opinion', message: '审核意见不能包含文字方向控制字符' }],
    });
    expect(await ExpertReviewModel.countDocuments({ expertId: expert.id })).toBe(0);

    const rejected = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'reject', opinion: '请补充近三年代表性项目。' },
    });
    expect(rejected.status).toBe(200);
    const afterReject = rejected.body as ExpertDetail;
    expect(afterReject.status).toBe('rejected');
    expect(afterReject.reviews).toMatchObject([
      { round: 1, decision: 'reject', opinion: '请补充近三年代表性项目。' },
    ]);
    const seen = (await me.request('/api/me/expert')).body as MyExpert;
    expect(seen).toMatchObject({ status: 'rejected', abilities: { edit: true, apply: true } });
    expect(seen.reviews.map((review) => review.opinion)).toEqual(['请补充近三年代表性项目。']);

    // The rejected expert edits and applies again.
    const edited = await me.request('/api/me/expert', {
      method: 'PUT',
      json: { ...validExpertInfo, resume: `${validExpertInfo.resume}近三年主持储能电池项目3项。` },
    });
    expect(edited.status).toBe(200);
    expect((await me.request('/api/me/expert/apply', { method: 'POST' })).body).toMatchObject({
      status: 'pending_review',
    });
    expect((await stored(expert.id))?.round).toBe(2);

    // Approve: 已通过, certificate issued, in the 专家库.
    const approved = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    const detail = approved.body as ExpertDetail;
    expect(detail).toMatchObject({
      status: 'approved',
      abilities: { certificate: true, view: true, review: false },
    });
    expect(detail.reviews.map((review) => [review.round, review.decision])).toEqual([
      [1, 'reject'],
      [2, 'approve'],
    ]);
    expect(detail.certificate?.number).toMatch(/^PH-ZJ-\d{4}-\d{6}$/);

    const certificate = await admin.request(`/api/experts/${expert.id}/certificate`);
    expect(certificate.status).toBe(200);
    const cert = certificate.body as ExpertCertificate;
    expect(cert).toMatchObject({
      number: detail.certificate?.number,
      expertId: expert.id,
      expertName: '沈佳怡',
      title: '高级工程师',
      enterpriseName: detail.enterpriseName,
      researchFields: [
        { taxonomy: 'strategic', code: '6.3', name: '太阳能产业' },
        { taxonomy: 'strategic', code: '5.2', name: '新能源汽车装置、配件制造' },
        { taxonomy: 'economic', code: '38', name: '电气机械和器材制造业' },
      ],
    });
    expect(cert.issuedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(cert.number.slice(6, 10)).toBe(cert.issuedDate.slice(0, 4));

    const library = (await admin.request('/api/expert-library')).body as ExpertLibraryPage;
    expect(library.items).toMatchObject([
      { seq: 1, id: expert.id, title: '高级工程师', certificateNumber: cert.number, accountStatus: 'active' },
    ]);
    const row = ((await admin.request('/api/experts')).body as ExpertListPage).items[0];
    expect(row).toMatchObject({ status: 'approved', abilities: { certificate: true, view: true } });
    expect((await me.request('/api/me/expert')).body).toMatchObject({
      status: 'approved',
      certificate: { number: cert.number },
      abilities: { edit: false, apply: false },
    });

    // Approved: no more reviews, edits or applications.
    const again = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'reject', opinion: '撤销' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'expert_status_conflict' });
    expect((await me.request('/api/me/expert', { method: 'PUT', json: validExpertInfo })).status).toBe(409);
    expect(await ExpertReviewModel.countDocuments({ expertId: expert.id })).toBe(2);
    expect((await stored(expert.id))?.status).toBe('approved');
  });

  it('answers 409 for a review of an expert who has not applied, and for a certificate before approval', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(admin);
    const before = await stored(expert.id);
    const res = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'approve' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'expert_status_conflict', message: '只能审核待审核的专家' });
    expect(await stored(expert.id)).toEqual(before);
    expect(await ExpertReviewModel.countDocuments({ expertId: expert.id })).toBe(0);
    const cert = await admin.request(`/api/experts/${expert.id}/certificate`);
    expect(cert.status).toBe(409);
  });

  it('lists every recommended expert for review, 待审核 first, with the latest opinion', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const waiting = await createExpertAs(admin);
    const first = await submittedExpert(app, admin);
    const rejected = await submittedExpert(app, admin);
    await admin.request(`/api/experts/${rejected.id}/review`, {
      method: 'POST',
      json: { decision: 'reject', opinion: '领域不符' },
    });
    const second = await submittedExpert(app, admin);

    const queue = (await admin.request('/api/expert-reviews')).body as ExpertReviewListPage;
    expect(queue.total).toBe(4);
    expect(queue.items.map((item) => item.id)).toEqual([second.id, first.id, rejected.id, waiting.id]);
    expect(queue.items.map((item) => item.abilities.review)).toEqual([true, true, false, false]);
    expect(queue.items[2]).toMatchObject({ status: 'rejected', lastReview: { opinion: '领域不符' } });
    expect(queue.items[0]).toMatchObject({ title: '高级工程师', lastReview: null });

    const pendingOnly = (await admin.request('/api/expert-reviews?status=pending_review'))
      .body as ExpertReviewListPage;
    expect(pendingOnly.items.map((item) => item.id).sort()).toEqual([first.id, second.id].sort());
  });
});

describe('concurrent decisions (no transactions on FerretDB: unique indexes decide)', () => {
  it('stores exactly one decision when two admins review the same application at once', async () => {
    const { user, session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const colleague = await createTestUser({ role: 'enterprise_admin', enterpriseId: user.enterpriseId! });
    const other = new TestSession(app);
    expect((await other.login(colleague.account, colleague.password)).status).toBe(200);
    const expert = await submittedExpert(app, admin);

    const results = await Promise.all([
      admin.request(`/api/experts/${expert.id}/review`, { method: 'POST', json: { decision: 'approve' } }),
      other.request(`/api/experts/${expert.id}/review`, {
        method: 'POST',
        json: { decision: 'reject', opinion: '不同意' },
      }),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 409]);
    const reviews = await ExpertReviewModel.find({ expertId: expert.id }).lean();
    expect(reviews).toHaveLength(1);
    const expected = reviews[0]!.decision === 'approve' ? 'approved' : 'rejected';
    expect((await stored(expert.id))?.status).toBe(expected);
    expect(await ExpertCertificateModel.countDocuments({ expertId: expert.id })).toBe(
      expected === 'approved' ? 1 : 0,
    );
  });

  it('numbers certificates uniquely when several experts are approved at once', async () => {
    const { user, session: admin } = await signIn(app, { role: 'enterprise_admin' });
    await seedBenchExperts(user.enterpriseId!, 24);
    const pending = await ExpertModel.find({
      enterpriseId: user.enterpriseId,
      status: 'pending_review',
    }).lean();
    expect(pending.length).toBe(6);
    const results = await Promise.all(
      pending.map((doc) =>
        admin.request(`/api/experts/${doc._id.toHexString()}/review`, {
          method: 'POST',
          json: { decision: 'approve' },
        }),
      ),
    );
    expect(results.map((res) => res.status)).toEqual(pending.map(() => 200));
    const numbers = results.map((res) => (res.body as ExpertDetail).certificate?.number);
    expect(new Set(numbers).size).toBe(pending.length);
    const all = await ExpertCertificateModel.find({ enterpriseId: user.enterpriseId }).lean();
    expect(all).toHaveLength(12); // 6 approved by the bench seed + 6 here
    expect(new Set(all.map((cert) => cert.number)).size).toBe(12);
  });
});
