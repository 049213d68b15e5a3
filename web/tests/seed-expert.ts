import { Types } from 'mongoose';
import { ExpertModel, ExpertReviewModel } from '@panhuo/api/features/experts/model';
import { markRosterChanged } from '@panhuo/api/features/experts/roster';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { createUser } from './sign-in';

/** What a seeded expert looks like; every field has a plain default. */
export interface SeedExpertOptions {
  name?: string;
  position?: string;
  resume?: string;
  /** An earlier 不通过 with this opinion, and the expert 待审核 again (its second application). */
  rejectedWith?: string;
}

/** A seeded expert: its account (to sign in) and its row's account name. */
export interface SeededExpert {
  user: TestUser;
  id: string;
  account: string;
}

/**
 * An expert of the admin's enterprise written straight through the API's models (the account through the
 * store, the expert record and its review through the experts models), bypassing the request schemas: the
 * pages must also show records those schemas would refuse today. Without `rejectedWith` the expert is
 * 待完善信息, as 新增 leaves it.
 */
export async function seedExpert(admin: TestUser, options: SeedExpertOptions = {}): Promise<SeededExpert> {
  const enterpriseId = new Types.ObjectId(admin.enterpriseId ?? '');
  const user = await createUser({ role: 'expert', enterpriseId: admin.enterpriseId ?? '' });
  const _id = new Types.ObjectId(user.id);
  const now = new Date();
  const applied = options.rejectedWith !== undefined;
  await ExpertModel.create({
    _id,
    enterpriseId,
    name: options.name ?? '王小明',
    account: user.account,
    phone: '13912345678',
    position: options.position ?? '总工程师',
    department: null,
    status: applied ? 'pending_review' : 'pending_info',
    queueRank: applied ? 0 : 1,
    statusChangedAt: now,
    info: applied
      ? {
          title: '高级工程师',
          strategicIndustries: [],
          economicIndustries: [],
          resume: options.resume ?? '长期从事工业视觉检测研究。',
          contact: '13912345678',
        }
      : null,
    infoUpdatedAt: applied ? now : null,
    round: applied ? 2 : 0,
    submittedAt: applied ? now : null,
  });
  if (applied) {
    await ExpertReviewModel.create({
      expertId: _id,
      enterpriseId,
      round: 1,
      decision: 'reject',
      opinion: options.rejectedWith,
      reviewerId: new Types.ObjectId(admin.id),
      reviewerName: '测试用户',
    });
  }
  await markRosterChanged(enterpriseId);
  return { user, id: user.id, account: user.account };
}
