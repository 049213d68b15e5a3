import type { ExpertListPage } from '@panhuo/domain/experts/dto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TestSession } from '../../../test/auth-helpers';
import {
  createExpertAs,
  expertSession,
  submittedExpert,
  validExpertInfo,
} from '../../../test/expert-factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { UserModel } from '../accounts/model';
import { ExpertCertificateModel, ExpertModel, ExpertReviewModel } from './model';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('expert_tenancy');
});
afterAll(() => app.close());

/** Everything stored about an expert, to compare before and after a refused request. */
async function snapshot(id: string) {
  return {
    user: await UserModel.findById(id).lean(),
    expert: await ExpertModel.findById(id).lean(),
    reviews: await ExpertReviewModel.find({ expertId: id }).lean(),
    certificates: await ExpertCertificateModel.find({ expertId: id }).lean(),
  };
}

/** Every admin route on one expert, as [method, path, body]. */
const adminCalls = (id: string): [string, string, unknown][] => [
  ['GET', `/api/experts/${id}`, undefined],
  ['POST', `/api/experts/${id}/freeze`, undefined],
  ['POST', `/api/experts/${id}/unfreeze`, undefined],
  ['POST', `/api/experts/${id}/review`, { decision: 'approve' }],
  ['GET', `/api/experts/${id}/certificate`, undefined],
];

describe('tenant rules', () => {
  it('hides enterprise A’s experts from the admin of B (404 everywhere), changing nothing', async () => {
    const { session: adminA } = await signIn(app, { role: 'enterprise_admin' });
    const { session: adminB } = await signIn(app, { role: 'enterprise_admin' });
    const pending = await submittedExpert(app, adminA);
    const before = await snapshot(pending.id);

    for (const [method, path, json] of adminCalls(pending.id)) {
      const res = await adminB.request(path, { method, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toMatchObject({ error: 'not_found' });
    }
    expect(await snapshot(pending.id)).toEqual(before);
    expect((await pending.session.request('/api/me/expert')).status).toBe(200);

    for (const path of ['/api/experts', '/api/expert-reviews', '/api/expert-library']) {
      const page = (await adminB.request(`${path}?q=${pending.account}`)).body as ExpertListPage;
      expect(page.total, path).toBe(0);
    }
    expect(((await adminA.request('/api/experts')).body as ExpertListPage).total).toBe(1);
  });

  it('refuses the admin routes to experts (403) and the expert’s own page to admins', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const colleague = await submittedExpert(app, admin);
    const expert = await createExpertAs(admin);
    const session = await expertSession(app, expert);
    const before = await snapshot(colleague.id);

    const calls: [string, string, unknown][] = [
      ...adminCalls(colleague.id),
      ...adminCalls(expert.id),
      ['GET', '/api/experts', undefined],
      [
        'POST',
        '/api/experts',
        { name: '冒名', account: 'sneaky_one', phone: '13912345678', position: '专家' },
      ],
      ['GET', '/api/expert-reviews', undefined],
      ['GET', '/api/expert-library', undefined],
    ];
    for (const [method, path, json] of calls) {
      const res = await session.request(path, { method, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatchObject({ error: 'forbidden' });
    }
    expect(await snapshot(colleague.id)).toEqual(before);
    expect(await UserModel.countDocuments({ account: 'sneaky_one' })).toBe(0);

    const asAdmin = await admin.request('/api/me/expert');
    expect(asAdmin.status).toBe(403);
    for (const role of ['university', 'operator'] as const) {
      const { session: outsider } = await signIn(app, { role });
      expect((await outsider.request('/api/experts')).status, role).toBe(403);
      expect((await outsider.request('/api/me/expert')).status, role).toBe(403);
    }
    expect((await new TestSession(app).request('/api/experts')).status).toBe(401);
    expect((await new TestSession(app).request('/api/me/expert')).status).toBe(401);
  });

  it('lets an expert edit only his own info, whatever ids the body carries', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const victim = await createExpertAs(admin);
    const attacker = await createExpertAs(admin);
    const session = await expertSession(app, attacker);
    const before = await snapshot(victim.id);

    const res = await session.request('/api/me/expert', {
      method: 'PUT',
      json: { ...validExpertInfo, id: victim.id, _id: victim.id, expertId: victim.id, status: 'approved' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: attacker.id, status: 'pending_info' });
    expect(await snapshot(victim.id)).toEqual(before);
    expect((await ExpertModel.findById(attacker.id).lean())?.info?.title).toBe(validExpertInfo.title);
  });

  it('gates 专家信息 behind the first-login profile', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(admin);
    const session = new TestSession(app);
    await session.login(expert.account, expert.password);
    const res = await session.request('/api/me/expert');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'profile_incomplete' });
  });
});

describe('CSRF', () => {
  it('refuses every state-changing expert request without the token, changing nothing', async () => {
    const { user, session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const pending = await submittedExpert(app, admin);
    const fresh = await createExpertAs(admin);
    const freshSession = await expertSession(app, fresh);
    const before = await snapshot(pending.id);
    const freshBefore = await snapshot(fresh.id);
    const expertsBefore = await ExpertModel.countDocuments({ enterpriseId: user.enterpriseId });

    const refused = [
      await admin.request('/api/experts', {
        method: 'POST',
        json: {
          name: '伪造',
          account: 'forged_exp',
          password: 'Forged2026pass',
          phone: '13912345678',
          position: '专家',
        },
        csrf: false,
      }),
      await admin.request(`/api/experts/${pending.id}/freeze`, { method: 'POST', csrf: false }),
      await admin.request(`/api/experts/${pending.id}/review`, {
        method: 'POST',
        json: { decision: 'approve' },
        csrf: 'forged-token',
      }),
      await freshSession.request('/api/me/expert', { method: 'PUT', json: validExpertInfo, csrf: false }),
      await freshSession.request('/api/me/expert/apply', { method: 'POST', csrf: false }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'csrf_failed' });
    }
    expect(await snapshot(pending.id)).toEqual(before);
    expect(await snapshot(fresh.id)).toEqual(freshBefore);
    expect(await ExpertModel.countDocuments({ enterpriseId: user.enterpriseId })).toBe(expertsBefore);
    expect(await UserModel.countDocuments({ account: 'forged_exp' })).toBe(0);
  });
});
