import type { AppDeps } from '../../app';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { healthReportSchema } from './schema';
import { checkHealth } from './service';

/** Liveness and dependency health, for the compose healthcheck and the 系统状态 page. */
export function healthRoutes(deps: AppDeps): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/healthz',
      summary: 'Health of the API and each dependency',
      tags: ['system'],
      policy: { public: true, reason: 'liveness probe for compose and load balancers; reveals no data' },
      responses: {
        200: { description: 'All dependencies answer', schema: healthReportSchema },
        503: { description: 'At least one dependency does not answer', schema: healthReportSchema },
      },
      handler: async (_input, _req, res) => {
        const report = await checkHealth({
          es: deps.es,
          mailer: deps.mailer,
          timeoutMs: deps.config.DEPENDENCY_TIMEOUT_MS,
        });
        res.status(report.status === 'ok' ? 200 : 503).json(report);
      },
    }),
  ];
}
