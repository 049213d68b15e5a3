import type { Role } from '@panhuo/domain/accounts/roles';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { buildEvaluationWorld } from '../src/features/evaluations/fixtures';
import type { EvaluationWorld } from '../src/features/evaluations/fixtures';
import { InstitutionModel } from '../src/features/institutions/model';
import { buildIntentWorld } from '../src/features/intents/fixtures';
import type { IntentWorld } from '../src/features/intents/fixtures';
import { PortfolioModel } from '../src/features/patents/portfolio-model';
import { patentRow, toCsv } from '../src/features/patent-import/fixtures';
import { uploadImport } from '../src/features/university-import/fixtures';
import { submitApplication } from '../src/features/verification/fixtures';
import { createTestUser, signIn, TestSession } from './auth-helpers';
import { createExpertAs, expertSession, submittedExpert } from './expert-factories';
import { buildPatent, nextApplicationNumber } from './factories';
import type { TestApp } from './test-app';

/** Who calls a route in the cross-tenant test: a role of tenant A, or nobody signed in. */
export type Caller = Role | 'anonymous';

/** The sessions that own tenant B's records (the operator belongs to every tenant). */
export type Owner = 'adminOfB' | 'expertOfB' | 'approvedExpertOfB' | 'universityOfB' | 'operator';

/**
 * Two tenants and real records of the second: enterprise A (admin, expert) and institution A (university
 * user) call; enterprise B and institution B own the records. Every record a case changes (review,
 * freeze, approve…) is its own, so the cases do not depend on their order.
 */
export interface CrossTenantWorld extends EvaluationWorld, IntentWorld {
  /** Tenant A's callers, and the operator (who is in every tenant), and an anonymous session. */
  callers: Map<Caller, TestSession>;
  owners: Record<Owner, TestSession>;
  enterpriseB: string;
  institutionB: string;
  adminOfB: string;
  /** Expert of B waiting for review (待审核): listed, shown, his own page; never reviewed here. */
  pendingExpertB: string;
  /** Expert of B for the review case (rejected by B's admin). */
  reviewExpertB: string;
  /** Approved expert of B: in the expert library, with a certificate. */
  approvedExpertB: string;
  /** Active expert of B, for 禁用; frozen expert of B, for 启用. */
  activeExpertB: string;
  frozenExpertB: string;
  /** Accounts of B for the operator's 冻结 and 解冻. */
  activeAccountB: string;
  frozenAccountB: string;
  patentB: string;
  portfolioB: string;
  /** A second portfolio of B, for 删除. */
  deletePortfolioB: string;
  /** A checked 批量导入 upload of B (one row of B's), for its state and 确认导入. */
  importUploadB: string;
  /** 专利登记 of B: a complete draft (saved, then submitted by the owner) and a registered patent to withdraw. */
  registrationDraftB: string;
  registrationDraftNumberB: string;
  withdrawPatentB: string;
  /** 实名认证 applications: one stays pending, one for approve, one for reject. */
  pendingApplication: string;
  approveApplication: string;
  rejectApplication: string;
}

/** A complete 专利登记 form for the number (the draft case, and the PUT every caller sends). */
export function registrationFormOf(applicationNumber: string) {
  return {
    applicationNumber,
    applicationDate: '2021-03-15',
    patentType: 'invention',
    title: '一种跨租户测试用的储能材料',
    ipcMain: 'H01M 4/36',
    legalStatus: 'valid',
    applicants: ['跨租户测试大学'],
    cooperationModes: ['transfer'],
  };
}

function expectOk(res: { status: number; body: unknown }, what: string): void {
  if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Builds both tenants through the API and the real stores (about twenty records; once per file). */
export async function buildCrossTenantWorld(app: TestApp): Promise<CrossTenantWorld> {
  const adminA = await signIn(app, { role: 'enterprise_admin' });
  const expertA = await expertSession(app, await createExpertAs(adminA.session));
  const universityA = await signIn(app, { role: 'university' });
  const operator = await signIn(app, { role: 'operator' });
  const anonymous = new TestSession(app);
  await anonymous.fetchCsrf();

  const adminB = await signIn(app, { role: 'enterprise_admin' });
  const enterpriseB = adminB.user.enterpriseId!;
  const universityB = await signIn(app, { role: 'university' });
  const institutionB = universityB.user.institutionId!;

  const pending = await submittedExpert(app, adminB.session);
  const review = await submittedExpert(app, adminB.session);
  const approved = await submittedExpert(app, adminB.session);
  expectOk(
    await adminB.session.request(`/api/experts/${approved.id}/review`, {
      method: 'POST',
      json: { decision: 'approve', opinion: '' },
    }),
    'approving an expert of B',
  );
  const active = await createExpertAs(adminB.session);
  const frozen = await createExpertAs(adminB.session);
  expectOk(
    await adminB.session.request(`/api/experts/${frozen.id}/freeze`, { method: 'POST' }),
    'freezing an expert of B',
  );
  const activeAccount = await createTestUser({ role: 'expert', enterpriseId: enterpriseB });
  const frozenAccount = await createTestUser({ role: 'expert', enterpriseId: enterpriseB, status: 'frozen' });

  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const institution = await InstitutionModel.findById(institutionB).lean();
  const patent = await buildPatent({ institutionName: institution!.name });
  const portfolio = await PortfolioModel.create({
    name: '跨租户测试专利组合',
    institutionId: patent.institutionId,
    institutionName: patent.institutionName,
    patentIds: [patent._id],
  });
  const deletePortfolio = await PortfolioModel.create({
    name: '跨租户测试待删除组合',
    institutionId: patent.institutionId,
    institutionName: patent.institutionName,
    patentIds: [patent._id],
  });

  const registrationDraftNumberB = nextApplicationNumber();
  const draft = await universityB.session.request('/api/university/patents', {
    method: 'POST',
    json: registrationFormOf(registrationDraftNumberB),
  });
  if (draft.status !== 201) throw new Error(`saving B's draft answered ${draft.status}`);
  const withdrawPatent = await buildPatent({ institutionName: institution!.name });

  const importUpload = await uploadImport(
    universityB.session,
    toCsv([patentRow(institution!.name, 0, { 申请号: nextApplicationNumber() })]),
  );
  if (importUpload.status !== 201) throw new Error(`B's import upload answered ${importUpload.status}`);

  const applicant = new TestSession(app);
  const applications = [];
  for (let i = 0; i < 3; i += 1) applications.push((await submitApplication(applicant)).id);

  return {
    callers: new Map<Caller, TestSession>([
      ['anonymous', anonymous],
      ['enterprise_admin', adminA.session],
      ['expert', expertA],
      ['university', universityA.session],
      ['operator', operator.session],
    ]),
    owners: {
      adminOfB: adminB.session,
      expertOfB: pending.session,
      approvedExpertOfB: approved.session,
      universityOfB: universityB.session,
      operator: operator.session,
    },
    enterpriseB,
    institutionB,
    adminOfB: adminB.user.id,
    pendingExpertB: pending.id,
    reviewExpertB: review.id,
    approvedExpertB: approved.id,
    activeExpertB: active.id,
    frozenExpertB: frozen.id,
    activeAccountB: activeAccount.id,
    frozenAccountB: frozenAccount.id,
    patentB: patent._id.toHexString(),
    portfolioB: portfolio._id.toHexString(),
    deletePortfolioB: deletePortfolio._id.toHexString(),
    importUploadB: (importUpload.body as { id: string }).id,
    registrationDraftB: (draft.body as { id: string }).id,
    registrationDraftNumberB,
    withdrawPatentB: withdrawPatent._id.toHexString(),
    pendingApplication: applications[0]!,
    approveApplication: applications[1]!,
    rejectApplication: applications[2]!,
    ...(await buildEvaluationWorld(adminB.session, approved, enterpriseB, institution!.name)),
    ...(await buildIntentWorld(adminB.session, universityB.session, institution!.name)),
  };
}
