import { objectIdSchema } from '@panhuo/domain/object-id';
import { optionalText } from '@panhuo/domain/text';
import { z } from 'zod';
import { searchParamsSchema } from '../search/schema';
import type { SavedSearch } from './query';

/** Most enterprises one push may target (the platform's whole roster is a few hundred). */
export const MAX_PUSH_TARGETS = 500;

const enterpriseIdList = z
  .array(objectIdSchema, { message: '请选择推送的企业' })
  .max(MAX_PUSH_TARGETS, { message: `每次最多推送给${MAX_PUSH_TARGETS}家企业` })
  .transform((ids) => [...new Set(ids)]);
const enterpriseIds = enterpriseIdList.refine((ids) => ids.length > 0, { message: '请至少选择一家企业' });

/**
 * A push by rule, as the operator defines it: a name, the saved search (the 资源库's own parameters, the
 * same keys as its query string: q, strategicIndustries, registeredFrom…) and the targets: the enterprises
 * picked (`enterprises`, the default), or every active enterprise whose 关注领域 industries overlap each
 * patent's (`matching`: enterpriseIds, when given, narrows that set).
 */
export const pushDefinitionSchema = z
  .object({
    targets: z.enum(['enterprises', 'matching'], { message: '未知的推送对象' }).default('enterprises'),
    name: optionalText({ label: '推送名称', max: 60 }),
    search: z
      .record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]), {
        message: '请填写推送的检索条件',
      })
      .transform((params, ctx): SavedSearch => {
        // Paging and sort mean nothing to a push: only the text and the selections are kept.
        const { page: _p, size: _s, cursor: _c, sort: _o, ...rest } = params;
        const parsed = searchParamsSchema.safeParse(rest);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const code = (issue as { params?: { code?: unknown } }).params?.code;
            ctx.addIssue({
              code: 'custom',
              path: issue.path,
              message: issue.message,
              ...(typeof code === 'string' ? { params: { code } } : {}),
            });
          }
          return z.NEVER;
        }
        return { ...(parsed.data.q ? { q: parsed.data.q } : {}), filters: parsed.data.filters };
      }),
    enterpriseIds: enterpriseIdList.default([]),
  })
  .superRefine((body, ctx) => {
    if (body.targets === 'enterprises' && body.enterpriseIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseIds'], message: '请至少选择一家企业' });
    }
  });
export type PushDefinitionInput = z.output<typeof pushDefinitionSchema>;

/** 推送 from a patent's detail: the enterprises to push it to. */
export const pushByHandSchema = z.object({ enterpriseIds });

export const pushIdParams = z.object({ id: objectIdSchema });

export const pushListQuery = z.object({
  page: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ message: '页码应为正整数' })
      .int()
      .min(1, { message: '页码应为正整数' })
      .max(1000)
      .default(1),
  ),
});

const previewRow = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  /** Pushable matches not yet in its 评价库: what confirming adds. */
  receive: z.number(),
  /** Pushable matches its 评价库 holds already. */
  have: z.number(),
});

/** Per enterprise, how many it would receive and how many it already has. */
export const pushPreviewSchema = z.object({
  /** Every match of the saved search. */
  matched: z.number(),
  /** The matches that may be pushed (not 失效). */
  pushable: z.number(),
  enterprises: z.array(previewRow),
});

export const pushSchema = z.object({
  id: z.string(),
  kind: z.enum(['rule', 'manual']),
  name: z.string(),
  status: z.enum(['draft', 'queued', 'running', 'done', 'failed']),
  targets: z.enum(['enterprises', 'matching']),
  search: z.object({
    q: z.string().optional(),
    filters: z.record(z.string(), z.unknown()),
    patentIds: z.array(z.string()).optional(),
  }),
  /** The saved search as 资源库 query-string parameters (to show it, or open it in the 资源库). */
  query: z.string(),
  enterpriseIds: z.array(z.string()),
  progress: z.object({ processed: z.number(), total: z.number() }),
  counts: z.object({ added: z.number(), patents: z.number() }),
  error: z.string().nullable(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

/** A push with its preview (drafts: what confirming would do). */
export const pushDetailSchema = pushSchema.extend({ preview: pushPreviewSchema.nullable() });

export const pushPageSchema = z.object({
  rows: z.array(pushSchema),
  total: z.number(),
  page: z.number(),
  size: z.number(),
});
