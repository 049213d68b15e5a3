import type { ExpertListPage, ExpertReviewListPage } from '@panhuo/domain/experts/dto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { createExpertAs, expertSession, validExpertInfo } from '../../../test/expert-factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { EnterpriseModel } from '../accounts/model';
import { ExpertModel } from './model';
import { markRosterChanged, ROSTER_RECHECK_MS } from './roster';

// The expert lists come from a roster cached in the API process and revalidated by the enterprise's
// rosterToken on every request (roster.ts). These tests warm the cache, change things through every
// path that writes, and expect the next list to show the change.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('expert_roster');
});
afterAll(() => app.close());

async function rowOf(admin: TestSession, id: string) {
  const res = await admin.request('/api/experts?size=100');
  expect(res.status).toBe(200);
  return (res.body as ExpertListPage).items.find((item) => item.id === id);
}

describe('the cached expert roster', () => {
  it('shows every write on the next request: new expert, 申请入库, review, freeze by the operator', async () => {
    const { user, session: admin } = await signIn(app, { role: 'enterprise_admin' });
    expect((await admin.request('/api/experts')).body).toMatchObject({ total: 0 });

    const expert = await createExpertAs(admin, { name: '周专家' });
    expect(await rowOf(admin, expert.id)).toMatchObject({ name: '周专家', status: 'pending_info' });

    const me = await expertSession(app, expert);
    expect((await me.request('/api/me/expert', { method: 'PUT', json: validExpertInfo })).status).toBe(200);
    expect((await me.request('/api/me/expert/apply', { method: 'POST' })).status).toBe(200);
    expect(await rowOf(admin, expert.id)).toMatchObject({ status: 'pending_review' });
    const queue = (await admin.request('/api/expert-reviews')).body as ExpertReviewListPage;
    expect(queue.items.map((item) => item.id)).toEqual([expert.id]);

    const reviewed = await admin.request(`/api/experts/${expert.id}/review`, {
      method: 'POST',
      json: { decision: 'approve', opinion: '同意入库。' },
    });
    expect(reviewed.status).toBe(200);
    expect(await rowOf(admin, expert.id)).toMatchObject({ status: 'approved', abilities: { certificate: true } });

    const { session: operator } = await signIn(app, { role: 'operator' });
    const frozen = await operator.request(`/api/operator/accounts/${expert.id}/freeze`, { method: 'POST' });
    expect(frozen.status).toBe(200);
    expect(await rowOf(admin, expert.id)).toMatchObject({ accountStatus: 'frozen' });
    expect((await admin.request('/api/experts?accountStatus=frozen')).body).toMatchObject({ total: 1 });

    // Another enterprise's admin never sees this roster, cached or not.
    const { session: other } = await signIn(app, { role: 'enterprise_admin' });
    expect((await other.request('/api/experts')).body).toMatchObject({ total: 0 });
    expect(user.enterpriseId).not.toBeNull();
  });

  it('serves the cached copy until the token changes: a write must call markRosterChanged', async () => {
    const { user, session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(admin, { name: '吴专家' });
    expect(await rowOf(admin, expert.id)).toMatchObject({ name: '吴专家' });

    // Behind the store's back: the cached roster does not know yet.
    await ExpertModel.updateOne({ _id: new Types.ObjectId(expert.id) }, { $set: { name: '吴工' } });
    expect(await rowOf(admin, expert.id)).toMatchObject({ name: '吴专家' });

    await markRosterChanged(new Types.ObjectId(user.enterpriseId!));
    expect(await rowOf(admin, expert.id)).toMatchObject({ name: '吴工' });
  });

  it('notices another API process’s write (a new token in the store) within ROSTER_RECHECK_MS', async () => {
    const { user, session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(admin, { name: '郑专家' });
    expect(await rowOf(admin, expert.id)).toMatchObject({ name: '郑专家' });

    // What another process's markRosterChanged leaves in the store: the data, then a new token.
    await ExpertModel.updateOne({ _id: new Types.ObjectId(expert.id) }, { $set: { name: '郑工' } });
    await EnterpriseModel.updateOne(
      { _id: new Types.ObjectId(user.enterpriseId!) },
      { $set: { rosterToken: new Types.ObjectId() } },
    );
    await new Promise((resolve) => setTimeout(resolve, ROSTER_RECHECK_MS + 100));
    expect(await rowOf(admin, expert.id)).toMatchObject({ name: '郑工' });
  });
});
