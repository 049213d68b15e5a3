import { verificationListQuerySchema } from '@panhuo/domain/operator/console';
import {
  verificationApprovedSchema,
  verificationDtoSchema,
  verificationRejectBodySchema,
  verificationRejectedSchema,
  verificationSubmittedSchema,
} from '@panhuo/domain/verification/application';
import type { AppDeps } from '../../app';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { errorBodySchema } from '../auth/schema';
import { platformScopeOf } from '../operator/platform-scope';
import { verificationPageSchema, verificationParams, verificationSubmissionSchema } from './schema';
import {
  approveApplication,
  getApplication,
  getLicence,
  listApplicationsPage,
  rejectApplication,
  submitApplication,
} from './service';
import { licenceUpload } from './upload';

/**
 * Submissions per client IP and hour, counted whether they succeed or not: enough for an applicant who
 * corrects a refused form several times, too few to fill the review queue or the licence store.
 */
const submissionLimit = rateLimit({
  name: 'verification-ip',
  limit: 10,
  windowMs: 60 * 60_000,
  key: (req) => req.ip,
  message: '提交过于频繁，请1小时后再试',
});

const error = (description: string) => ({ description, schema: errorBodySchema });
const operatorOnly = { ability: 'operator.console' } as const;

/** 实名认证: the public application, and its review in the operator console. */
export function verificationRoutes(deps: AppDeps): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/verifications',
      summary:
        '实名认证申请 (multipart/form-data: the text fields below and the file field `licence`, PNG/JPEG ≤ 5 MB)',
      tags: ['verification'],
      policy: {
        public: true,
        reason: '没有账号的企业通过实名认证申请开通账号，申请时尚未登录（CSRF 与按 IP 限流仍适用）',
      },
      guards: [submissionLimit, licenceUpload],
      request: { body: verificationSubmissionSchema, bodyType: 'multipart/form-data' },
      responses: {
        201: { description: 'Queued for review (待审核)', schema: verificationSubmittedSchema },
        400: error('Invalid or missing fields, the licence included; one entry per field'),
        403: error('Missing or wrong x-csrf-token (csrf_failed)'),
        409: error(
          'An enterprise or a pending application has this credit code or name, or the account is taken',
        ),
        413: error('Licence over 5 MB, or an over-long field (payload_too_large)'),
        415: error('Licence is not a PNG or JPEG image by its content (unsupported_file)'),
        429: error('Too many submissions from this IP (rate_limited)'),
      },
      handler: async ({ body }, _req, res) => {
        res.status(201).json(await submitApplication(body));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/verifications',
      summary: '实名认证审核: applications by state, newest first',
      tags: ['operator'],
      policy: operatorOnly,
      request: { query: verificationListQuerySchema },
      responses: {
        200: { description: 'A page of applications', schema: verificationPageSchema },
        400: error('Invalid status or page'),
      },
      handler: async ({ query }, req, res) => {
        res.json(await listApplicationsPage(platformScopeOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/verifications/:id',
      summary: 'One 实名认证 application',
      tags: ['operator'],
      policy: operatorOnly,
      request: { params: verificationParams },
      responses: {
        200: { description: 'The application', schema: verificationDtoSchema },
        404: error('No such application'),
      },
      handler: async ({ params }, req, res) => {
        res.json(await getApplication(platformScopeOf(req), params.id));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/verifications/:id/licence',
      summary: 'The licence image of an application (image/png or image/jpeg)',
      tags: ['operator'],
      policy: operatorOnly,
      request: { params: verificationParams },
      responses: {
        200: { description: 'The image bytes, with their sniffed content type' },
        404: error('No such application'),
      },
      handler: async ({ params }, req, res) => {
        const licence = await getLicence(platformScopeOf(req), params.id);
        res.setHeader('Content-Type', licence.contentType);
        res.setHeader('Content-Length', String(licence.data.length));
        res.setHeader(
          'Content-Disposition',
          `inline; filename*=UTF-8''${encodeURIComponent(licence.fileName)}`,
        );
        // Identity documents: not kept by browsers or proxies, never sniffed into something else.
        res.setHeader('Cache-Control', 'private, no-store');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
        res.end(licence.data);
      },
    }),
    route({
      method: 'post',
      path: '/api/operator/verifications/:id/approve',
      summary:
        'Approve: opens the enterprise and its 企业管理员 account, e-mails the account to the applicant',
      tags: ['operator'],
      policy: operatorOnly,
      request: { params: verificationParams },
      responses: {
        200: { description: 'Approved', schema: verificationApprovedSchema },
        404: error('No such application'),
        409: error('Not pending (already reviewed), or the enterprise or account exists'),
      },
      handler: async ({ params }, req, res) => {
        res.json(await approveApplication(deps, platformScopeOf(req), params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/operator/verifications/:id/reject',
      summary: 'Reject with a reason (e-mailed to the applicant)',
      tags: ['operator'],
      policy: operatorOnly,
      request: { params: verificationParams, body: verificationRejectBodySchema },
      responses: {
        200: { description: 'Rejected', schema: verificationRejectedSchema },
        400: error('Missing or over-long reason'),
        404: error('No such application'),
        409: error('Not pending (already reviewed)'),
      },
      handler: async ({ params, body }, req, res) => {
        res.json(await rejectApplication(deps, platformScopeOf(req), params.id, body));
      },
    }),
  ];
}
