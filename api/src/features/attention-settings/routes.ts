import type { Request } from 'express';
import { forbidden } from '../../errors';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { can } from '../../policies/abilities';
import { errorBodySchema } from '../auth/schema';
import { currentUser, tenantScopeOf } from '../auth/scope';
import type { EnterpriseScope } from '../auth/scope';
import { attentionSettingsBodySchema, attentionSettingsDtoSchema } from './schema';
import { loadSettings, presentSettings, saveSettings } from './service';

/** The enterprise of the signed-in admin or expert (anyone else holds neither ability: 403 before this). */
function enterpriseOf(req: Request): EnterpriseScope {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'enterprise') throw forbidden();
  return scope;
}

const saveLimit = rateLimit({
  name: 'attention-settings-save',
  limit: 60,
  windowMs: 60_000,
  key: (req) => req.user?.id,
  message: '保存过于频繁，请1分钟后再试',
});

/**
 * 关注领域设置: every admin and expert of the enterprise reads it (experts read-only, the manual's 仅可查看),
 * only a 企业管理员 saves it. There is no enterprise id in the path: the session decides whose settings
 * these are, so an admin cannot even name another enterprise's.
 */
export function attentionSettingsRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/attention-settings',
      summary: '关注领域设置 of the caller’s enterprise (the initial settings until an admin saves)',
      tags: ['attention-library'],
      policy: { ability: 'attention_library.view' },
      responses: { 200: { description: 'The settings', schema: attentionSettingsDtoSchema } },
      handler: async (_input, req, res) => {
        const scope = enterpriseOf(req);
        const editable = can(currentUser(req), 'attention_library.set_focus');
        res.json(await presentSettings(await loadSettings(scope.enterpriseId), editable));
      },
    }),
    route({
      method: 'put',
      path: '/api/attention-settings',
      summary: '保存关注领域设置 (企业管理员): the whole settings, validated against the taxonomies',
      tags: ['attention-library'],
      policy: { ability: 'attention_library.set_focus' },
      guards: [saveLimit],
      request: { body: attentionSettingsBodySchema },
      responses: {
        200: { description: 'Saved', schema: attentionSettingsDtoSchema },
        400: {
          description: 'Invalid input, one entry per field (validation_failed)',
          schema: errorBodySchema,
        },
        403: { description: 'Not an enterprise admin (forbidden)', schema: errorBodySchema },
        429: { description: 'Too many saves in a minute (rate_limited)', schema: errorBodySchema },
      },
      handler: async ({ body }, req, res) => {
        const saved = await saveSettings(enterpriseOf(req), body);
        res.json(await presentSettings(saved, true));
      },
    }),
  ];
}
