import type { Request } from 'express';
import { forbidden } from '../../errors';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { currentUser, tenantScopeOf } from '../auth/scope';
import { assignExperts, listAssignedToMe, suggestExperts } from './assignments-service';
import { listExpertEvaluations, listOwnOfficialEvaluations } from './lists-service';
import { requests, responses } from './schema';
import { getPanel, rateAsExpert, reviewEvaluation, submitEnterpriseEvaluation } from './service';
import type { Caller } from './service';

/** The signed-in admin or expert and the enterprise scope of the session (anyone else: 403). */
function callerOf(req: Request): Caller {
  const user = currentUser(req);
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'enterprise') throw forbidden();
  return { actor: { ...user, name: user.record.name }, scope };
}

const error = (description: string) => ({ description, schema: responses.error });
const e400 = error('Invalid input, one entry per field (validation_failed)');
const e404 = error('No such patent in the caller’s 评价库 (not_found)');

/**
 * 专利转化评价库 evaluations (我要评价, 专家评价审核, 企业自评, 建议评价专家) and 专利评价管理. Expert
 * evaluations are served to the enterprise's own users only; the university's 企业评价 (the official ones
 * released to it) is features/university-evaluations.
 */
export function evaluationRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/evaluation-library/patents/:id/evaluation',
      summary:
        '评价面板: the expert’s own evaluation, or (admin) every expert’s with the summary; the lock and 企业自评',
      tags: ['evaluations'],
      policy: { ability: 'evaluation_library.view' },
      request: { params: requests.params },
      responses: { 200: { description: 'The panel', schema: responses.panel }, 400: e400, 404: e404 },
      handler: async ({ params }, req, res) => {
        res.json(await getPanel(callerOf(req), params.id));
      },
    }),
    route({
      method: 'put',
      path: '/api/evaluation-library/patents/:id/my-evaluation',
      summary: '专家 我要评价: 1–5 stars and 评价建议 (creates or revises the expert’s one evaluation)',
      tags: ['evaluations'],
      policy: { ability: 'evaluation_library.evaluate' },
      request: { params: requests.params, body: requests.expert },
      responses: {
        200: { description: 'The expert’s evaluation (待审核)', schema: responses.expert },
        400: e400,
        403: error('Not an expert, or the expert is not approved (expert_not_approved)'),
        404: e404,
        409: error('The 企业自评 locked the patent (evaluation_locked; the message says who and when)'),
      },
      handler: async ({ params, body }, req, res) => {
        res.json(await rateAsExpert(callerOf(req), params.id, body));
      },
    }),
    route({
      method: 'post',
      path: '/api/evaluation-library/patents/:id/enterprise-evaluation',
      summary:
        '企业自评: stars and 评价意见; locks the experts’ evaluations at once; released to the university',
      tags: ['evaluations'],
      policy: { ability: 'evaluations.manage' },
      request: { params: requests.params, body: requests.enterprise },
      responses: {
        201: { description: 'Submitted', schema: responses.enterprise },
        400: e400,
        404: e404,
        409: error('Submitted already (enterprise_evaluation_exists)'),
      },
      handler: async ({ params, body }, req, res) => {
        res.status(201).json(await submitEnterpriseEvaluation(callerOf(req), params.id, body));
      },
    }),
    route({
      method: 'post',
      path: '/api/expert-evaluations/:id/review',
      summary: '专家评价审核: 通过 or 退回 (with a comment) of the revision read',
      tags: ['evaluations'],
      policy: { ability: 'evaluation_library.review' },
      request: { params: requests.params, body: requests.review },
      responses: {
        200: { description: 'The evaluation after the review', schema: responses.expert },
        400: e400,
        404: error('No such expert evaluation in the caller’s enterprise (not_found)'),
        409: error('Revised since (conflict) or that revision was reviewed (evaluation_already_reviewed)'),
      },
      handler: async ({ params, body }, req, res) => {
        res.json(await reviewEvaluation(callerOf(req), params.id, body));
      },
    }),
    route({
      method: 'get',
      path: '/api/expert-evaluations',
      summary:
        '专利评价管理: every expert evaluation of the enterprise (filter by expert, state, stars, date)',
      tags: ['evaluations'],
      policy: { ability: 'evaluations.manage' },
      request: { query: requests.expertList },
      responses: { 200: { description: 'One page', schema: responses.expertPage }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listExpertEvaluations(callerOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/enterprise-evaluations',
      summary: '专利评价管理—企业自评: the enterprise’s own official evaluations with their dates',
      tags: ['evaluations'],
      policy: { ability: 'evaluations.manage' },
      request: { query: requests.officialList },
      responses: { 200: { description: 'One page', schema: responses.enterprisePage }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listOwnOfficialEvaluations(callerOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/evaluation-library/patents/:id/expert-suggestions',
      summary: '建议评价专家: approved experts ranked by the match of their research fields with the patent',
      tags: ['evaluations'],
      policy: { ability: 'evaluations.manage' },
      request: { params: requests.params },
      responses: {
        200: { description: 'Ranked experts', schema: responses.suggestions },
        400: e400,
        404: e404,
      },
      handler: async ({ params }, req, res) => {
        res.json(await suggestExperts(callerOf(req), params.id));
      },
    }),
    route({
      method: 'put',
      path: '/api/evaluation-library/patents/:id/assignments',
      summary: '指派: the experts asked to evaluate the patent (replaces the list; rating stays open to all)',
      tags: ['evaluations'],
      policy: { ability: 'evaluations.manage' },
      request: { params: requests.params, body: requests.assignment },
      responses: {
        200: { description: 'The ranked experts after the change', schema: responses.suggestions },
        400: e400,
        404: e404,
      },
      handler: async ({ params, body }, req, res) => {
        res.json(await assignExperts(callerOf(req), params.id, body));
      },
    }),
    route({
      method: 'get',
      path: '/api/me/evaluation-assignments',
      summary: '指派给我: the patents the admin asked the signed-in expert to evaluate',
      tags: ['evaluations'],
      policy: { ability: 'evaluation_library.evaluate' },
      responses: { 200: { description: 'The assignments', schema: responses.assigned } },
      handler: async (_input, req, res) => {
        res.json(await listAssignedToMe(callerOf(req)));
      },
    }),
  ];
}
