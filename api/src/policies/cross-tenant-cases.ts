import type { CrossTenantWorld, Owner } from '../../test/cross-tenant-world';
import { registrationFormOf } from '../../test/cross-tenant-world';
import { signToken } from '../features/digest/tokens';

// The table of cross-tenant.test.ts: for every route, what tenant A may see of tenant B's record, or why
// the route holds no tenant data. The test checks the table covers exactly allRoutes().

export type Ids = (world: CrossTenantWorld) => string;

/** What tenant A may see of tenant B's record on one route. */
export type CrossTenantCase =
  | { kind: 'public'; reason: string }
  | { kind: 'no tenant data'; reason: string }
  | {
      kind: 'record';
      /** `hidden`: another tenant gets 404, as if it did not exist; `readable`: a shared record, 200. */
      foreign: 'hidden' | 'readable';
      id: Ids;
      owner: Owner;
      ownerStatus: 200 | 201;
      json?: unknown;
      /** The path's other parameters (`:id` is the record), e.g. a file of the record. */
      params?: (world: CrossTenantWorld) => Record<string, string>;
    }
  | { kind: 'list'; ids: (world: CrossTenantWorld) => string[]; owner: Owner }
  | {
      kind: 'signed token';
      /** A token signed for the owner, in place of a record id. */
      token: (world: CrossTenantWorld) => string;
      /** The account id the token names: never in what A gets back. */
      recipient: Ids;
      owner: Owner;
      /** `recipient only`: anyone else is refused (403); `bearer`: the token alone is the authority, 200. */
      foreign: 'recipient only' | 'bearer';
    };

const ownAccount = 'the signed-in account itself, named by the session: no record id to aim elsewhere';
const pub = (reason: string) => ({ kind: 'public', reason }) as const;
const own = (reason: string) => ({ kind: 'no tenant data', reason }) as const;
const hidden = (
  id: Ids,
  owner: Owner,
  extra: {
    ownerStatus?: 200 | 201;
    json?: unknown;
    params?: (world: CrossTenantWorld) => Record<string, string>;
  } = {},
) =>
  ({
    kind: 'record',
    foreign: 'hidden',
    id,
    owner,
    ownerStatus: extra.ownerStatus ?? 200,
    json: extra.json,
    params: extra.params,
  }) as const;

/** A route's path with `:id` and any other named parameters filled in. */
export function fillPath(path: string, id: string, params: Record<string, string> = {}): string {
  return Object.entries(params).reduce(
    (filled, [name, value]) => filled.replace(`:${name}`, value),
    path.replace(/:id(?![A-Za-z])/, id),
  );
}
const readable = (id: Ids, owner: Owner) =>
  ({ kind: 'record', foreign: 'readable', id, owner, ownerStatus: 200 }) as const;

/**
 * Every route of allRoutes(), by `METHOD path`, with its cross-tenant case or the reason it has none.
 * A route missing here fails the first test. Operator routes: tenant A's roles are refused (403) even
 * with a real record, and the operator, who runs the platform and is in every tenant, is the owner.
 */
/** What the cases read when they run, after the test's setup: its world, secret and B's draft pushes. */
export interface CasesContext {
  readonly world: CrossTenantWorld;
  readonly sessionSecret: string;
  /** The operator's two draft pushes of tenant B. */
  readonly pushes: { listed: string; toConfirm: string };
}

/**
 * Every route of allRoutes(), by `METHOD path`, with its cross-tenant case or the reason it has none.
 * `ctx` is read only when a case runs, after the test has built its world.
 */
export function crossTenantCases(ctx: CasesContext): Record<string, CrossTenantCase> {
  return {
    'GET /api/healthz': pub('liveness probe, no data'),
    'GET /api/openapi.json': pub('the API description, the same for everyone'),
    'GET /api/auth/csrf': pub('a CSRF token for the login page'),
    'POST /api/auth/login': pub('logging in; answers the account that logged in'),
    'POST /api/verifications': pub('实名认证 application by an enterprise without an account yet'),
    'POST /api/auth/logout': own(ownAccount),
    'GET /api/auth/me': own(ownAccount),
    'PUT /api/auth/profile': own(ownAccount),
    'POST /api/auth/password': own(ownAccount),
    'POST /api/experts': own(
      'creates an expert in the caller’s own enterprise (the session’s, not the body’s)',
    ),
    'PUT /api/me/expert': own('the caller’s own expert record, found by the session'),
    'POST /api/me/expert/apply': own('the caller’s own expert record, found by the session'),
    'GET /api/resource-library/patents': own(
      'the shared patent catalogue: every signed-in role sees the same',
    ),
    'GET /api/resource-library/export': own(
      'the shared patent catalogue: every signed-in role sees the same',
    ),
    'POST /api/operator/enterprises': own('opens a new enterprise; names no existing record'),
    // 关注库 (features/attention-settings, attention-library): the session names the enterprise, no id in the path.
    'GET /api/attention-settings': own('the caller’s own enterprise’s 关注领域设置, named by the session'),
    'PUT /api/attention-settings': own('saves the caller’s own enterprise’s 关注领域设置 (session)'),
    'GET /api/attention-library/patents': own('the shared catalogue within the session’s own settings'),
    'GET /api/attention-library/export': own('the shared catalogue within the session’s own settings'),
    // 关注库 mail (features/digest): signed per-recipient tokens stand where a record id would.
    'GET /api/digest/links/:token': {
      kind: 'signed token',
      token: (w) =>
        signToken(ctx.sessionSecret, 'open', {
          u: w.adminOfB,
          p: '/attention-library',
          e: Date.now() + 3600_000,
        }),
      recipient: (w) => w.adminOfB,
      owner: 'adminOfB',
      foreign: 'recipient only',
    },
    'POST /api/digest/unsubscribe/:token': {
      kind: 'signed token',
      token: (w) =>
        signToken(ctx.sessionSecret, 'unsubscribe', {
          u: w.adminOfB,
          e: Date.now() + 3600_000,
        }),
      recipient: (w) => w.adminOfB,
      owner: 'adminOfB',
      foreign: 'bearer',
    },
    'GET /api/me/digest-subscription': own(ownAccount),
    'PUT /api/me/digest-subscription': own(ownAccount),
    'GET /api/operator/digest-runs': own('platform-wide run statistics: no tenant’s records'),

    'GET /api/experts': { kind: 'list', ids: (w) => [w.pendingExpertB], owner: 'adminOfB' },
    'GET /api/expert-reviews': { kind: 'list', ids: (w) => [w.pendingExpertB], owner: 'adminOfB' },
    'GET /api/expert-library': { kind: 'list', ids: (w) => [w.approvedExpertB], owner: 'adminOfB' },
    'GET /api/me/expert': { kind: 'list', ids: (w) => [w.pendingExpertB], owner: 'expertOfB' },
    'GET /api/experts/:id': hidden((w) => w.pendingExpertB, 'adminOfB'),
    'POST /api/experts/:id/freeze': hidden((w) => w.activeExpertB, 'adminOfB'),
    'POST /api/experts/:id/unfreeze': hidden((w) => w.frozenExpertB, 'adminOfB'),
    'POST /api/experts/:id/review': hidden((w) => w.reviewExpertB, 'adminOfB', {
      json: { decision: 'reject', opinion: '信息不完整' },
    }),
    'GET /api/experts/:id/certificate': hidden((w) => w.approvedExpertB, 'adminOfB'),

    'GET /api/patents/:id': readable((w) => w.patentB, 'universityOfB'),
    'GET /api/patents/:id/similar': readable((w) => w.patentB, 'universityOfB'),
    'GET /api/portfolios/:id': readable((w) => w.portfolioB, 'universityOfB'),

    // 专利登记 (features/registrations): the session's institution's patents only; B's look missing.
    'GET /api/university/patents': { kind: 'list', ids: (w) => [w.patentB], owner: 'universityOfB' },
    'POST /api/university/patents': own(
      'creates a draft of the session’s own institution, named by the session',
    ),
    'GET /api/university/patents/:id': hidden((w) => w.registrationDraftB, 'universityOfB'),
    'PUT /api/university/patents/:id': {
      ...hidden((w) => w.registrationDraftB, 'universityOfB'),
      get json() {
        return registrationFormOf(ctx.world.registrationDraftNumberB);
      },
    },
    'POST /api/university/patents/:id/submit': hidden((w) => w.registrationDraftB, 'universityOfB'),
    'POST /api/university/patents/:id/withdraw': hidden((w) => w.withdrawPatentB, 'universityOfB'),
    // 组合专利 (features/university-portfolios): the session's institution's portfolios; B's look missing.
    'GET /api/university/portfolios': { kind: 'list', ids: (w) => [w.portfolioB], owner: 'universityOfB' },
    'POST /api/university/portfolios': own(
      'creates a portfolio of the session’s institution; a member of another institution is refused (its own test)',
    ),
    'GET /api/university/portfolios/:id': hidden((w) => w.portfolioB, 'universityOfB'),
    'PUT /api/university/portfolios/:id': {
      ...hidden((w) => w.portfolioB, 'universityOfB'),
      get json() {
        return { name: '跨租户测试专利组合', description: '', patentIds: [ctx.world.patentB] };
      },
    },
    'DELETE /api/university/portfolios/:id': hidden((w) => w.deletePortfolioB, 'universityOfB'),
    // 批量导入 (features/university-import): the session's institution's uploads; B's look missing.
    'GET /api/university/import-template': own('the import template, the same file for every institution'),
    'POST /api/university/imports': own(
      'checks a file for the session’s institution; a row naming another institution is an error (its own test)',
    ),
    'GET /api/university/imports/:id': hidden((w) => w.importUploadB, 'universityOfB'),
    'POST /api/university/imports/:id/confirm': hidden((w) => w.importUploadB, 'universityOfB'),
    'GET /api/university/industry-suggestions': own('the IPC concordance, the same for every institution'),

    'GET /api/operator/verifications': {
      kind: 'list',
      ids: (w) => [w.pendingApplication],
      owner: 'operator',
    },
    'GET /api/operator/verifications/:id': hidden((w) => w.pendingApplication, 'operator'),
    'GET /api/operator/verifications/:id/licence': hidden((w) => w.pendingApplication, 'operator'),
    'POST /api/operator/verifications/:id/approve': hidden((w) => w.approveApplication, 'operator'),
    'POST /api/operator/verifications/:id/reject': hidden((w) => w.rejectApplication, 'operator', {
      json: { reason: '营业执照不清晰' },
    }),
    'GET /api/operator/enterprises': { kind: 'list', ids: (w) => [w.enterpriseB], owner: 'operator' },
    'GET /api/operator/institutions': { kind: 'list', ids: (w) => [w.institutionB], owner: 'operator' },
    'POST /api/operator/institutions/:id/accounts': hidden((w) => w.institutionB, 'operator', {
      ownerStatus: 201,
      json: { account: 'cross_tenant_univ', name: '王老师' },
    }),
    // Evaluations (features/evaluations): B's 评价库 patents, B's expert evaluation and B's 企业自评.
    'GET /api/evaluation-library/patents/:id/evaluation': hidden((w) => w.evaluationPatentB, 'adminOfB'),
    'PUT /api/evaluation-library/patents/:id/my-evaluation': hidden(
      (w) => w.evaluationPatentB,
      'approvedExpertOfB',
      {
        json: { stars: 4, advice: '跨租户测试的评价建议' },
      },
    ),
    'POST /api/evaluation-library/patents/:id/enterprise-evaluation': hidden(
      (w) => w.submitPatentB,
      'adminOfB',
      {
        ownerStatus: 201,
        json: { stars: 3, opinion: '跨租户测试的企业自评' },
      },
    ),
    'GET /api/evaluation-library/patents/:id/expert-suggestions': hidden(
      (w) => w.evaluationPatentB,
      'adminOfB',
    ),
    'PUT /api/evaluation-library/patents/:id/assignments': hidden((w) => w.evaluationPatentB, 'adminOfB', {
      json: { expertIds: [] },
    }),
    'POST /api/expert-evaluations/:id/review': hidden((w) => w.expertEvaluationB, 'adminOfB', {
      json: { decision: 'approve', comment: '', revision: 1 },
    }),
    'GET /api/expert-evaluations': { kind: 'list', ids: (w) => [w.expertEvaluationB], owner: 'adminOfB' },
    'GET /api/enterprise-evaluations': {
      kind: 'list',
      ids: (w) => [w.enterpriseEvaluationB],
      owner: 'adminOfB',
    },
    'GET /api/me/evaluation-assignments': {
      kind: 'list',
      ids: (w) => [w.reviewPatentB],
      owner: 'approvedExpertOfB',
    },
    'GET /api/university/evaluations': {
      kind: 'list',
      ids: (w) => [w.enterpriseEvaluationB],
      owner: 'universityOfB',
    },
    // 数据看板 and the operator's 高校院所 figures (features/institution-figures): the session's institution.
    'GET /api/university/dashboard': { kind: 'list', ids: (w) => [w.institutionB], owner: 'universityOfB' },
    'GET /api/operator/institution-figures': {
      kind: 'list',
      ids: (w) => [w.institutionB],
      owner: 'operator',
    },

    // 我有合作意向 (features/intents): B's intents, sent by B's admin to B's institution.
    'GET /api/intent-draft': own(
      'the shared catalogue’s patent and the session’s own enterprise’s open intent',
    ),
    'POST /api/intents': own(
      'sends an intent of the session’s enterprise; the institution comes from the patent',
    ),
    'GET /api/intents': { kind: 'list', ids: (w) => [w.intentB], owner: 'adminOfB' },
    'GET /api/intents/:id': hidden((w) => w.intentB, 'adminOfB'),
    'POST /api/intents/:id/withdraw': hidden((w) => w.withdrawIntentB, 'adminOfB'),
    'POST /api/intents/:id/messages': hidden((w) => w.intentB, 'adminOfB', {
      json: { text: '跨租户测试消息' },
    }),
    'GET /api/intents/:id/attachments/:attachmentId': hidden((w) => w.intentB, 'adminOfB', {
      params: (w) => ({ attachmentId: w.intentAttachmentB }),
    }),
    'POST /api/intents/:id/close': hidden((w) => w.enterpriseCloseIntentB, 'adminOfB', {
      json: { outcome: 'closed' },
    }),
    'GET /api/university/intents': { kind: 'list', ids: (w) => [w.intentB], owner: 'universityOfB' },
    'GET /api/university/intents/:id': hidden((w) => w.intentB, 'universityOfB'),
    'POST /api/university/intents/:id/reply': hidden((w) => w.replyIntentB, 'universityOfB', {
      json: { decision: 'accept', message: '跨租户测试答复' },
    }),
    'POST /api/university/intents/:id/messages': hidden((w) => w.intentB, 'universityOfB', {
      json: { text: '跨租户测试消息' },
    }),
    'GET /api/university/intents/:id/attachments/:attachmentId': hidden((w) => w.intentB, 'universityOfB', {
      params: (w) => ({ attachmentId: w.intentAttachmentB }),
    }),
    'POST /api/university/intents/:id/close': hidden((w) => w.institutionCloseIntentB, 'universityOfB', {
      json: { outcome: 'closed' },
    }),

    // 评价库 (features/evaluation-library): the session's enterprise's library; B's pushed patent is B's only.
    'GET /api/evaluation-library/patents': {
      kind: 'list',
      ids: (w) => [w.evaluationPatentB],
      owner: 'adminOfB',
    },
    'GET /api/evaluation-library/export': own(
      'the session’s own enterprise’s 评价库 (as the list case proves), as an XLSX file',
    ),
    'GET /api/evaluation-library/patents/:id': hidden((w) => w.evaluationPatentB, 'adminOfB'),

    // 推送 (features/pushes): the operator's console over the shared catalogue; every tenant role is refused.
    'POST /api/operator/push-previews': own(
      'the operator’s preview of a push; stores nothing, names no record',
    ),
    'POST /api/operator/pushes': own('defines a new push; names no existing record'),
    'GET /api/operator/pushes': { kind: 'list', ids: () => [ctx.pushes.listed], owner: 'operator' },
    'GET /api/operator/pushes/:id': hidden(() => ctx.pushes.listed, 'operator'),
    'POST /api/operator/pushes/:id/confirm': hidden(() => ctx.pushes.toConfirm, 'operator'),
    'POST /api/patents/:id/push': {
      kind: 'record',
      foreign: 'hidden',
      id: (w) => w.patentB,
      owner: 'operator',
      ownerStatus: 201,
      get json() {
        return { enterpriseIds: [ctx.world.enterpriseB] };
      },
    },

    'GET /api/operator/accounts': { kind: 'list', ids: (w) => [w.adminOfB], owner: 'operator' },
    'POST /api/operator/accounts/:id/freeze': hidden((w) => w.activeAccountB, 'operator'),
    'POST /api/operator/accounts/:id/unfreeze': hidden((w) => w.frozenAccountB, 'operator'),
  };
}
