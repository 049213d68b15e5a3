import type { Client } from '@elastic/elasticsearch';
import { Types } from 'mongoose';
import { AppError, badRequest, conflict, notFound } from '../../errors';
import type { PlatformScope } from '../auth/scope';
import { EnterpriseModel } from '../accounts/model';
import { PatentModel } from '../patents/model';
import { PushModel } from './model';
import type { PushDoc } from './model';
import { presentPush } from './presenter';
import type { PushView } from './presenter';
import { loadSettings } from '../attention-settings/service';
import { ALREADY_AGG, buildMatchingPreviewRequest, buildPreviewRequest, matchAgg } from './query';
import type { MatchRule, SavedSearch } from './query';
import { matchRulesOf, runPush, savedSearchOf } from './runner';
import type { PushDefinitionInput } from './schema';

/** Per enterprise, what a push would do. */
export interface PushPreview {
  matched: number;
  pushable: number;
  enterprises: { enterpriseId: string; enterpriseName: string; receive: number; have: number }[];
}

/** Pushes per page of the operator's list. */
export const PUSH_PAGE_SIZE = 20;
/** A push that failed this often is given up (status failed); before that the job retries from its checkpoint. */
export const MAX_PUSH_ATTEMPTS = 5;

/**
 * The target enterprises, each read by `_id` (a few hundred at most): every id must be an active
 * enterprise, else a 400 naming the offending entry. Returns their names by id.
 */
async function resolveEnterprises(ids: readonly string[]): Promise<Map<string, string>> {
  const found = await Promise.all(
    ids.map((id) =>
      EnterpriseModel.findById(id, { name: 1, status: 1 }).lean<{ name: string; status: string }>(),
    ),
  );
  const problems = ids.flatMap((_id, i) =>
    found[i]?.status === 'active' ? [] : [{ path: `body.enterpriseIds.${i}`, message: '企业不存在或已冻结' }],
  );
  if (problems.length > 0) throw badRequest('推送的企业有误', problems);
  return new Map(ids.map((id, i) => [id, found[i]!.name]));
}

/** The targets of a definition: names by id, and for a push by 关注领域 each enterprise's industries. */
interface Targets {
  names: Map<string, string>;
  rules: MatchRule[] | null;
}

/**
 * Resolves a definition's targets. `matching`: the active enterprises (or the ones given) whose 关注领域设置
 * name industries, each with those industries as read now (the push keeps them, so its run is the preview).
 */
async function resolveTargets(
  input: Pick<PushDefinitionInput, 'targets' | 'enterpriseIds'>,
): Promise<Targets> {
  if (input.targets === 'enterprises')
    return { names: await resolveEnterprises(input.enterpriseIds), rules: null };
  const candidates =
    input.enterpriseIds.length > 0
      ? await resolveEnterprises(input.enterpriseIds)
      : new Map(
          (
            await EnterpriseModel.find({ status: 'active' }, { name: 1 }).lean<
              { _id: Types.ObjectId; name: string }[]
            >()
          ).map((e) => [e._id.toHexString(), e.name]),
        );
  const rules: MatchRule[] = [];
  for (const id of candidates.keys()) {
    const settings = await loadSettings(new Types.ObjectId(id));
    if (settings.strategicIndustries.length + settings.economicIndustries.length === 0) continue;
    rules.push({
      enterpriseId: id,
      strategicIndustries: [...settings.strategicIndustries],
      economicIndustries: [...settings.economicIndustries],
    });
  }
  if (rules.length === 0) {
    throw badRequest('没有设置了关注领域的企业', [
      { path: 'body.targets', message: '没有企业设置了关注的产业领域，无法按关注领域推送' },
    ]);
  }
  return {
    names: new Map(rules.map((r) => [r.enterpriseId, candidates.get(r.enterpriseId) ?? r.enterpriseId])),
    rules,
  };
}

/**
 * The preview from one Elasticsearch request (aggregations, no patent read from MongoDB): the saved
 * search's matches, the pushable ones, and per enterprise how many it already holds and would receive
 * (by 关注领域: of the pushable matches its industries overlap).
 */
export async function previewPush(
  es: Client,
  index: string,
  search: SavedSearch,
  names: ReadonlyMap<string, string>,
  rules: readonly MatchRule[] | null = null,
): Promise<PushPreview> {
  const ids = [...names.keys()];
  if (rules) {
    const res = await es.search({ ...buildMatchingPreviewRequest(search, rules), index });
    const aggs = (res.aggregations ?? {}) as Record<
      string,
      { doc_count?: number; have?: { doc_count?: number } }
    >;
    return {
      matched: typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0),
      pushable: aggs[ALREADY_AGG]?.doc_count ?? 0,
      enterprises: rules.map((rule) => {
        const agg = aggs[matchAgg(rule.enterpriseId)];
        const have = agg?.have?.doc_count ?? 0;
        return {
          enterpriseId: rule.enterpriseId,
          enterpriseName: names.get(rule.enterpriseId) ?? rule.enterpriseId,
          receive: (agg?.doc_count ?? 0) - have,
          have,
        };
      }),
    };
  }
  const res = await es.search({ ...buildPreviewRequest(search, ids), index });
  const matched = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const agg = res.aggregations?.[ALREADY_AGG] as
    | { doc_count: number; library?: { enterprises?: { buckets?: { key: string; doc_count: number }[] } } }
    | undefined;
  const pushable = agg?.doc_count ?? 0;
  const have = new Map((agg?.library?.enterprises?.buckets ?? []).map((b) => [String(b.key), b.doc_count]));
  return {
    matched,
    pushable,
    enterprises: ids.map((id) => {
      const already = have.get(id) ?? 0;
      return {
        enterpriseId: id,
        enterpriseName: names.get(id) ?? id,
        receive: pushable - already,
        have: already,
      };
    }),
  };
}

async function namesOf(push: PushDoc): Promise<Map<string, string>> {
  const ids = push.enterpriseIds.map((id) => id.toHexString());
  const found = await Promise.all(
    ids.map((id) => EnterpriseModel.findById(id, { name: 1 }).lean<{ name: string }>()),
  );
  return new Map(ids.map((id, i) => [id, found[i]?.name ?? '（已删除的企业）']));
}

/** The default name of a push: its date (China time) and what it searches. */
function defaultName(search: SavedSearch, now: Date): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return search.q ? `${day} 推送：${search.q}`.slice(0, 60) : `${day} 推送`;
}

/** 定义推送: stores a draft push (not yet run) and answers it with its preview. */
export async function createPush(
  es: Client,
  index: string,
  scope: PlatformScope,
  input: PushDefinitionInput,
): Promise<PushView & { preview: PushPreview }> {
  const { names, rules } = await resolveTargets(input);
  const preview = await previewPush(es, index, input.search, names, rules);
  const push = await PushModel.create({
    kind: 'rule',
    name: input.name ?? defaultName(input.search, new Date()),
    search: { ...(input.search.q ? { q: input.search.q } : {}), filters: input.search.filters },
    enterpriseIds: [...names.keys()].map((id) => new Types.ObjectId(id)),
    targets: input.targets,
    ...(rules
      ? { matchRules: rules.map((r) => ({ ...r, enterpriseId: new Types.ObjectId(r.enterpriseId) })) }
      : {}),
    status: 'draft',
    createdBy: scope.actorId,
  });
  return { ...presentPush(push.toObject() as PushDoc), preview };
}

/** The preview of a definition without storing anything (the form's 预览 button). */
export async function previewDefinition(
  es: Client,
  index: string,
  input: PushDefinitionInput,
): Promise<PushPreview> {
  const { names, rules } = await resolveTargets(input);
  return previewPush(es, index, input.search, names, rules);
}

/** 确认推送: a draft becomes queued; the push job takes it within seconds. */
export async function confirmPush(id: string): Promise<PushView> {
  const queued = await PushModel.findOneAndUpdate(
    { _id: id, status: 'draft' },
    { $set: { status: 'queued', confirmedAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<PushDoc>();
  if (queued) return presentPush(queued);
  const existing = await PushModel.findById(id, { status: 1 }).lean();
  if (!existing) throw notFound('推送不存在');
  throw conflict('该推送已确认，不能重复确认');
}

/** One push with its progress, and for a draft its preview as of now. */
export async function getPush(
  es: Client,
  index: string,
  id: string,
): Promise<PushView & { preview: PushPreview | null }> {
  const push = await PushModel.findById(id).lean<PushDoc>();
  if (!push) throw notFound('推送不存在');
  const preview =
    push.status === 'draft'
      ? await previewPush(es, index, savedSearchOf(push), await namesOf(push), matchRulesOf(push))
      : null;
  return { ...presentPush(push), preview };
}

/** The operator's pushes, newest first (a few hundred: sorted here, FerretDB would decode them all anyway). */
export async function listPushes(
  page: number,
): Promise<{ rows: PushView[]; total: number; page: number; size: number }> {
  const all = await PushModel.find({}).lean<PushDoc[]>();
  all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const rows = all.slice((page - 1) * PUSH_PAGE_SIZE, page * PUSH_PAGE_SIZE).map(presentPush);
  return { rows, total: all.length, page, size: PUSH_PAGE_SIZE };
}

/**
 * 推送 from a patent's detail: a push of that one patent to the chosen enterprises, queued at once (the
 * push job, the only writer of push entries, runs it within seconds). A 失效 patent gets no new pushes.
 */
export async function pushByHand(
  scope: PlatformScope,
  patentId: string,
  enterpriseIds: string[],
): Promise<PushView> {
  const patent = await PatentModel.findById(patentId, { legalStatus: 1, title: 1 }).lean<{
    _id: Types.ObjectId;
    legalStatus: string;
    title: string;
  }>();
  if (!patent) throw notFound('专利不存在');
  if (patent.legalStatus === 'invalid') {
    throw new AppError(400, 'validation_failed', '该专利已失效，不再推送', [
      { path: 'params.id', message: '该专利已失效，不再推送' },
    ]);
  }
  await resolveEnterprises(enterpriseIds);
  const push = await PushModel.create({
    kind: 'manual',
    name: `推送：${patent.title}`.slice(0, 60),
    search: { filters: {}, patentIds: [patent._id] },
    enterpriseIds: enterpriseIds.map((id) => new Types.ObjectId(id)),
    status: 'queued',
    confirmedAt: new Date(),
    createdBy: scope.actorId,
  });
  return presentPush(push.toObject() as PushDoc);
}

/**
 * The push job's work: runs the pushes waiting, one at a time: first one left `running` (its run was
 * interrupted: it continues from its checkpoint), then the queued ones, oldest confirmation first. A
 * failing push keeps its checkpoint and is retried by the next run, until MAX_PUSH_ATTEMPTS.
 * Returns how many pushes finished.
 */
export async function runPendingPushes(es: Client, index: string): Promise<number> {
  let finished = 0;
  for (;;) {
    const running = await PushModel.find({ status: 'running' }).lean<PushDoc[]>();
    const candidates =
      running.length > 0 ? running : await PushModel.find({ status: 'queued' }).lean<PushDoc[]>();
    if (candidates.length === 0) return finished;
    candidates.sort((a, b) => (a.confirmedAt?.getTime() ?? 0) - (b.confirmedAt?.getTime() ?? 0));
    const next = candidates[0]!;
    const startedAt = next.startedAt ?? new Date();
    await PushModel.updateOne(
      { _id: next._id },
      { $set: { status: 'running', startedAt }, $inc: { attempts: 1 } },
    );
    const push = { ...next, startedAt, status: 'running' as const };
    try {
      await runPush(es, index, push);
      await PushModel.updateOne(
        { _id: push._id },
        { $set: { status: 'done', finishedAt: new Date(), error: null } },
      );
      finished += 1;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const attempts = ((next as { attempts?: number }).attempts ?? 0) + 1;
      const givenUp = attempts >= MAX_PUSH_ATTEMPTS;
      await PushModel.updateOne(
        { _id: push._id },
        {
          $set: {
            error: message.slice(0, 500),
            ...(givenUp ? { status: 'failed', finishedAt: new Date() } : {}),
          },
        },
      );
      if (!givenUp) throw err;
    }
  }
}
