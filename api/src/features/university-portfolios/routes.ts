import type { Request } from 'express';
import { forbidden } from '../../errors';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { errorBodySchema } from '../auth/schema';
import { tenantScopeOf } from '../auth/scope';
import type { InstitutionScope } from '../auth/scope';
import {
  portfolioBodySchema,
  portfolioIdParams,
  portfolioListSchema,
  universityPortfolioSchema,
} from './schema';
import { createPortfolio, deletePortfolio, getPortfolio, listPortfolios, updatePortfolio } from './service';

const error = (description: string) => ({ description, schema: errorBodySchema });
const e400 = error(
  'A field is wrong: an empty name (validation_failed), or a member that is not a registered patent of the caller’s institution: unknown, another institution’s, a draft or withdrawn (portfolio_member_invalid, one entry per member)',
);
const e404 = error(
  'No such portfolio of the caller’s institution (not_found; another institution’s looks missing)',
);
const e409 = error(
  'The institution has a portfolio of that name (duplicate_portfolio_name) or a member changed meanwhile (conflict)',
);

/** Saving a form is a person typing: a script looping on it is stopped, a clerk never. */
const writeLimit = rateLimit({
  name: 'university-portfolio-write',
  limit: 120,
  windowMs: 60_000,
  key: (req) => req.user?.id,
  message: '保存过于频繁，请1分钟后再试',
});

const scopeOf = (req: Request): InstitutionScope => {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'institution') throw forbidden();
  return scope;
};

/**
 * 组合专利 (高校院所): a university user bundles its institution's registered patents, edits and deletes the
 * bundles. Every route works in the session's institution only; another institution's portfolio answers 404.
 */
export function universityPortfolioRoutes(): RouteSpec[] {
  const policy = { ability: 'university.register_patents' } as const;
  const tags = ['university-portfolios'];
  return [
    route({
      method: 'get',
      path: '/api/university/portfolios',
      summary: '组合专利: the institution’s portfolios, most recently changed first',
      tags,
      policy,
      responses: { 200: { description: 'The portfolios', schema: portfolioListSchema } },
      handler: async (_input, req, res) => {
        res.json(await listPortfolios(scopeOf(req)));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/portfolios',
      summary: '新建组合专利 from the institution’s registered patents (in search within seconds)',
      tags,
      policy,
      guards: [writeLimit],
      request: { body: portfolioBodySchema },
      responses: {
        201: { description: 'The portfolio', schema: universityPortfolioSchema },
        400: e400,
        409: e409,
      },
      handler: async ({ body }, req, res) => {
        res.status(201).json(await createPortfolio(scopeOf(req), body));
      },
    }),
    route({
      method: 'get',
      path: '/api/university/portfolios/:id',
      summary: 'One of the institution’s portfolios with its members',
      tags,
      policy,
      request: { params: portfolioIdParams },
      responses: {
        200: { description: 'The portfolio', schema: universityPortfolioSchema },
        400: e400,
        404: e404,
      },
      handler: async ({ params }, req, res) => {
        res.json(await getPortfolio(scopeOf(req), params.id));
      },
    }),
    route({
      method: 'put',
      path: '/api/university/portfolios/:id',
      summary: '保存: the portfolio’s name, description and members as a whole',
      tags,
      policy,
      guards: [writeLimit],
      request: { params: portfolioIdParams, body: portfolioBodySchema },
      responses: {
        200: { description: 'The saved portfolio', schema: universityPortfolioSchema },
        400: e400,
        404: e404,
        409: e409,
      },
      handler: async ({ params, body }, req, res) => {
        res.json(await updatePortfolio(scopeOf(req), params.id, body));
      },
    }),
    route({
      method: 'delete',
      path: '/api/university/portfolios/:id',
      summary: '删除: the portfolio leaves its members’ search documents; the patents stay registered',
      tags,
      policy,
      guards: [writeLimit],
      request: { params: portfolioIdParams },
      responses: {
        200: { description: 'The deleted portfolio', schema: universityPortfolioSchema },
        400: e400,
        404: e404,
        409: e409,
      },
      handler: async ({ params }, req, res) => {
        res.json(await deletePortfolio(scopeOf(req), params.id));
      },
    }),
  ];
}
