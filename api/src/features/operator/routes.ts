import type { AccountStatus } from '@panhuo/domain/accounts/roles';
import {
  accountListQuerySchema,
  accountRowSchema,
  assignedAccountResultSchema,
  createdEnterpriseSchema,
  createEnterpriseBodySchema,
  createInstitutionAccountBodySchema,
  enterpriseListQuerySchema,
  institutionListQuerySchema,
} from '@panhuo/domain/operator/console';
import type { AppDeps } from '../../app';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { errorBodySchema } from '../auth/schema';
import { verificationRoutes } from '../verification/routes';
import { platformScopeOf } from './platform-scope';
import { accountPageSchema, enterprisePageSchema, idParams, institutionPageSchema } from './schema';
import {
  changeAccountStatus,
  createEnterpriseWithAdmin,
  createInstitutionAccount,
  listAccountsPage,
  listEnterprisesPage,
  listInstitutionsPage,
} from './service';

const error = (description: string) => ({ description, schema: errorBodySchema });
const operatorOnly = { ability: 'operator.console' } as const;

/** 冻结 and 解冻: the same route shape for both. */
function statusRoute(action: 'freeze' | 'unfreeze', status: AccountStatus): RouteSpec {
  return route({
    method: 'post',
    path: `/api/operator/accounts/:id/${action}`,
    summary:
      status === 'frozen'
        ? '冻结 an account: it cannot log in and its open sessions end at once'
        : '解冻 an account (it logs in again; old sessions stay ended)',
    tags: ['operator'],
    policy: operatorOnly,
    request: { params: idParams },
    responses: {
      200: { description: 'The account with its new status', schema: accountRowSchema },
      404: error('No such account'),
      409: error('Already in that status, or the operator’s own account'),
    },
    handler: async ({ params }, req, res) => {
      res.json(await changeAccountStatus(platformScopeOf(req), params.id, status));
    },
  });
}

/** The operator console: enterprises, universities and institutes, accounts (and 实名认证 review). */
function consoleRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/operator/enterprises',
      summary: 'Enterprises with category, admin and expert counts, newest first',
      tags: ['operator'],
      policy: operatorOnly,
      request: { query: enterpriseListQuerySchema },
      responses: {
        200: { description: 'A page of enterprises', schema: enterprisePageSchema },
        400: error('Invalid filter or page'),
      },
      handler: async ({ query }, req, res) => {
        res.json(await listEnterprisesPage(platformScopeOf(req), query));
      },
    }),
    route({
      method: 'post',
      path: '/api/operator/enterprises',
      summary:
        'Open an enterprise and its first 企业管理员 account (分配的账号, initial password returned once)',
      tags: ['operator'],
      policy: operatorOnly,
      request: { body: createEnterpriseBodySchema },
      responses: {
        201: { description: 'Opened', schema: createdEnterpriseSchema },
        400: error('Invalid fields'),
        409: error('Name, credit code or account taken'),
      },
      handler: async ({ body }, req, res) => {
        res.status(201).json(await createEnterpriseWithAdmin(platformScopeOf(req), body));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/institutions',
      summary: 'Universities and research institutes with their account counts, by name',
      tags: ['operator'],
      policy: operatorOnly,
      request: { query: institutionListQuerySchema },
      responses: {
        200: { description: 'A page of institutions', schema: institutionPageSchema },
        400: error('Invalid filter or page'),
      },
      handler: async ({ query }, req, res) => {
        res.json(await listInstitutionsPage(platformScopeOf(req), query));
      },
    }),
    route({
      method: 'post',
      path: '/api/operator/institutions/:id/accounts',
      summary: 'Open a 高校院所用户 account for the institution (initial password returned once)',
      tags: ['operator'],
      policy: operatorOnly,
      request: { params: idParams, body: createInstitutionAccountBodySchema },
      responses: {
        201: { description: 'Opened', schema: assignedAccountResultSchema },
        400: error('Invalid fields'),
        404: error('No such institution'),
        409: error('Account taken'),
      },
      handler: async ({ params, body }, req, res) => {
        res.status(201).json(await createInstitutionAccount(platformScopeOf(req), params.id, body));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/accounts',
      summary: 'Every account, by role, status and account/name text, newest first',
      tags: ['operator'],
      policy: operatorOnly,
      request: { query: accountListQuerySchema },
      responses: {
        200: { description: 'A page of accounts', schema: accountPageSchema },
        400: error('Invalid filter or page'),
      },
      handler: async ({ query }, req, res) => {
        res.json(await listAccountsPage(platformScopeOf(req), query));
      },
    }),
    statusRoute('freeze', 'frozen'),
    statusRoute('unfreeze', 'active'),
  ];
}

/**
 * Everything of the operator console, and 实名认证 with it: its review happens in the console, and its
 * public application is the one way in that the console then reviews.
 */
export function operatorRoutes(deps: AppDeps): RouteSpec[] {
  return [...verificationRoutes(deps), ...consoleRoutes()];
}
