import { Types } from 'mongoose';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import type { ExpertInfoBody } from '@panhuo/domain/experts/forms';
import { createExpertAs, expertSession, validExpertInfo } from '../../../test/expert-factories';
import { buildPatent } from '../../../test/factories';
import type { TestApp } from '../../../test/test-app';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';

/** Test fixtures of the evaluation workflow (tests only). */

/** Puts the patent into the enterprise's 评价库, as a push would (the contract with the push feature). */
export async function pushTo(patentId: Types.ObjectId | string, enterpriseId: string): Promise<void> {
  await PatentModel.updateOne(
    { _id: new Types.ObjectId(String(patentId)) },
    {
      $push: {
        pushes: { enterpriseId: new Types.ObjectId(enterpriseId), pushId: null, pushedAt: new Date() },
      },
    },
  );
}

/** A new patent pushed to the enterprise. */
export async function pushedPatent(
  enterpriseId: string,
  overrides: Partial<PatentDoc> = {},
): Promise<string> {
  const patent = await buildPatent(overrides);
  await pushTo(patent._id, enterpriseId);
  return patent._id.toHexString();
}

/** An expert approved (已通过) by the admin, signed in; with the 姓名 and 专家信息 given, if any. */
export async function approvedExpert(
  app: TestApp,
  admin: TestSession,
  options: { name?: string; info?: ExpertInfoBody } = {},
) {
  const expert = await submittedNamedExpert(app, admin, options);
  const res = await admin.request(`/api/experts/${expert.id}/review`, {
    method: 'POST',
    json: { decision: 'approve', opinion: '' },
  });
  if (res.status !== 200) throw new Error(`approving answered ${res.status}: ${JSON.stringify(res.body)}`);
  return expert;
}

/** Like submittedExpert, with the expert's 姓名 and 专家信息 chosen. */
async function submittedNamedExpert(
  app: TestApp,
  admin: TestSession,
  options: { name?: string; info?: ExpertInfoBody },
) {
  const expert = await createExpertAs(admin, options.name ? { name: options.name } : {});
  const session = await expertSession(app, expert);
  for (const [path, init] of [
    ['/api/me/expert', { method: 'PUT', json: options.info ?? validExpertInfo }],
    ['/api/me/expert/apply', { method: 'POST' }],
  ] as const) {
    const res = await session.request(path, init);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return { ...expert, session };
}

/** An enterprise: its signed-in admin and one approved, signed-in expert. */
export async function evaluationEnterprise(app: TestApp) {
  const admin = await signIn(app, { role: 'enterprise_admin' });
  const expert = await approvedExpert(app, admin.session);
  return { admin: admin.session, adminUser: admin.user, enterpriseId: admin.user.enterpriseId!, expert };
}

/** The paths of a patent's evaluation routes. */
export const paths = (patentId: string) => ({
  panel: `/api/evaluation-library/patents/${patentId}/evaluation`,
  mine: `/api/evaluation-library/patents/${patentId}/my-evaluation`,
  enterprise: `/api/evaluation-library/patents/${patentId}/enterprise-evaluation`,
  suggestions: `/api/evaluation-library/patents/${patentId}/expert-suggestions`,
  assignments: `/api/evaluation-library/patents/${patentId}/assignments`,
});

/** Tenant B's evaluation records for the cross-tenant test (api/test/cross-tenant-world.ts). */
export interface EvaluationWorld {
  /** In B's 评价库, unlocked: the panel, 我要评价, suggestions and 指派 cases. */
  evaluationPatentB: string;
  /** In B's 评价库, without 企业自评: the 企业自评 case submits it. */
  submitPatentB: string;
  /** B's expert evaluation (revision 1) of its own patent, for 审核; the patent is assigned to the expert. */
  expertEvaluationB: string;
  reviewPatentB: string;
  /** B's 企业自评 of a patent of institution B. */
  enterpriseEvaluationB: string;
}

function expect2xx(res: { status: number; body: unknown }, what: string): void {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/**
 * Builds B's evaluation records through the API: patents of institution B pushed to enterprise B, an
 * approved expert's evaluation, an assignment and a 企业自评.
 */
export async function buildEvaluationWorld(
  admin: TestSession,
  expert: { id: string; session: TestSession },
  enterpriseId: string,
  institutionName: string,
): Promise<EvaluationWorld> {
  const patent = () => pushedPatent(enterpriseId, { institutionName });
  const [evaluationPatentB, submitPatentB, reviewPatentB, lockedPatentB] = [
    await patent(),
    await patent(),
    await patent(),
    await patent(),
  ];
  const rated = await expert.session.request(paths(reviewPatentB).mine, {
    method: 'PUT',
    json: { stars: 4, advice: '租户B专家的评价建议' },
  });
  expect2xx(rated, 'rating a patent of B');
  expect2xx(
    await admin.request(paths(reviewPatentB).assignments, {
      method: 'PUT',
      json: { expertIds: [expert.id] },
    }),
    'assigning a patent of B',
  );
  const official = await admin.request(paths(lockedPatentB).enterprise, {
    method: 'POST',
    json: { stars: 3, opinion: '租户B的企业自评' },
  });
  expect2xx(official, 'the 企业自评 of B');
  return {
    evaluationPatentB,
    submitPatentB,
    reviewPatentB,
    expertEvaluationB: (rated.body as { id: string }).id,
    enterpriseEvaluationB: (official.body as { id: string }).id,
  };
}
