// The 关注库 benchmark (issue 14): the weekly matching of the digest for N enterprises with varied settings
// over the patents registered in the last week (planDigest end to end: settings read, grouping, batched
// msearch, batches; SMTP excluded), with the number of ES requests it made; and the 关注库 page's search
// latency at `clients` clients beside the 资源库's, measured in the same run with the same queries.
import type { Client } from '@elastic/elasticsearch';
import { Types } from 'mongoose';
import type { Config } from '@panhuo/api/config';
import { EnterpriseModel, UserModel } from '@panhuo/api/features/accounts/model';
import { AttentionSettingsModel } from '@panhuo/api/features/attention-settings/model';
import { groupBySettings, matchGroups } from '@panhuo/api/features/digest/matching';
import { DigestRunModel } from '@panhuo/api/features/digest/model';
import { planDigest } from '@panhuo/api/features/digest/service';
import type { BenchApi } from './api-server';
import { LIST_PATH, searchCases, searchPath } from './queries';
import { round, summarize } from './stats';
import type { LatencySummary } from './stats';

/** The bench enterprises' names start with this, so a run removes the previous run's. */
const NAME_PREFIX = '关注库基准企业';
const ATTENTION_PATH = '/api/attention-library/patents';

/** What the 关注库 benchmark measured. */
export interface DigestBenchResult {
  enterprises: number;
  /** The digest's date and its weekly window, and how many patents were registered in it. */
  date: string;
  windowPatents: number;
  /** planDigest end to end. */
  plan: {
    seconds: number;
    enterprisesPerSecond: number;
    groups: number;
    esRequests: number;
    matchedEnterprises: number;
    batches: number;
  };
  /** Matching only (grouping + batched msearch) over a wider window holding `widePatents`. */
  wide: { days: number; widePatents: number; seconds: number; esRequests: number };
  /** Through the API at `clients` clients, the same queries: 资源库 then 关注库. */
  search: { clients: number; resourceLibrary: Latency; attentionLibrary: Latency };
}

interface Latency {
  requests: number;
  errors: number;
  firstError: string | null;
  requestsPerSecond: number;
  latency: LatencySummary;
}

/** A small deterministic PRNG (mulberry32), so every run builds the same settings. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const popular = ['1', '2', '3', '4', '5', '7'];
const subcategories = ['1.2', '2.1', '3.6', '4.1', '5.2', '6.3', '7.2'];
const divisions = ['38', '39', '27', '35', '77'];
const modes = ['transfer', 'license_general', 'license_exclusive', 'equity'];
const words = ['电池', '石墨烯', '图像', '传感器', '催化剂', '芯片', '污水', '疫苗', '机器人', '光伏'];

/**
 * A realistic spread: most enterprises pick one popular 战略性新兴产业 category (many identical
 * settings), some a category and a 合作方式, some a sub-category and a 国民经济行业 大类, a few keywords.
 */
export function benchSettings(i: number, random: () => number): Record<string, string[]> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const r = random();
  if (r < 0.55) return { strategicIndustries: [pick(popular)] };
  if (r < 0.8) return { strategicIndustries: [pick(popular)], cooperationModes: [pick(modes)] };
  if (r < 0.93) return { strategicIndustries: [pick(subcategories)], economicIndustries: [pick(divisions)] };
  const keywords = [pick(words), ...(i % 2 === 0 ? [pick(words)] : [])];
  return { strategicIndustries: [pick(popular)], keywords: [...new Set(keywords)] };
}

/** The day after the last registration in the index (China date): its weekly window is the newest week. */
async function digestDate(es: Client, index: string): Promise<string> {
  const res = await es.search({ index, size: 0, aggs: { last: { max: { field: 'registeredAt' } } } });
  const last = (res.aggregations?.last as { value: number | null } | undefined)?.value;
  if (!last) throw new Error(`${index} holds no registered patent`);
  return new Date(last + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
}

const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

async function countIn(es: Client, index: string, since: Date, until: Date): Promise<number> {
  const range = { range: { registeredAt: { gte: since.toISOString(), lt: until.toISOString() } } };
  return (await es.count({ index, query: range })).count;
}

/** `total` GETs from `clients` loops, path i mod n. */
async function load(
  api: BenchApi,
  paths: readonly string[],
  clients: number,
  total: number,
): Promise<Latency> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  const loop = async () => {
    for (let i = next++; i < total; i = next++) {
      const res = await api.get(paths[i % paths.length] as string);
      if (res.status === 200) latencies.push(res.ms);
      else {
        errors += 1;
        firstError ??= `HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: total,
    errors,
    firstError,
    requestsPerSecond: round(latencies.length / seconds),
    latency: summarize(latencies),
  };
}

/**
 * Replaces the previous run's bench enterprises with `enterprises` new ones and their settings (weekly on
 * the digest date's weekday), gives the API's bench viewer 关注库 settings, then measures.
 */
export async function runDigestBench(
  api: BenchApi,
  es: Client,
  config: Config,
  index: string,
  opts: { enterprises: number; clients: number; requests: number; seed: number },
): Promise<DigestBenchResult> {
  const date = await digestDate(es, index);
  const weekday = isoWeekday(date);
  const old = await EnterpriseModel.find({ name: { $regex: `^${NAME_PREFIX}` } }, { _id: 1 }).lean();
  await Promise.all([
    EnterpriseModel.deleteMany({ name: { $regex: `^${NAME_PREFIX}` } }),
    AttentionSettingsModel.deleteMany({ _id: { $in: old.map((e) => e._id) } }),
    DigestRunModel.deleteMany({}),
  ]);
  const random = rng(opts.seed);
  const created = await EnterpriseModel.insertMany(
    Array.from({ length: opts.enterprises }, (_, i) => ({
      name: `${NAME_PREFIX}${i + 1}`,
      category: 'other',
    })),
  );
  const updatedBy = new Types.ObjectId();
  await AttentionSettingsModel.insertMany(
    created.map((e, i) => ({
      _id: e._id,
      strategicIndustries: [],
      economicIndustries: [],
      cooperationModes: [],
      keywords: [],
      institutionIds: [],
      regions: [],
      mailFrequency: 'weekly',
      mailWeekday: weekday,
      updatedBy,
      ...benchSettings(i, random),
    })),
  );
  // The bench viewer's enterprise gets a typical 关注库: one category and a 合作方式.
  const viewer = await UserModel.findOne({ account: 'bench_viewer' }, { enterpriseId: 1 }).lean();
  if (!viewer?.enterpriseId) throw new Error('the bench viewer has no enterprise');
  await AttentionSettingsModel.updateOne(
    { _id: viewer.enterpriseId },
    {
      $set: {
        strategicIndustries: ['5', '1'],
        economicIndustries: [],
        cooperationModes: ['transfer'],
        keywords: [],
        institutionIds: [],
        regions: [],
        mailFrequency: 'off',
        mailWeekday: 1,
        updatedBy,
      },
    },
    { upsert: true },
  );

  const until = new Date(`${date}T00:00:00Z`);
  const since = new Date(until.getTime() - 7 * 24 * 3600_000);
  const windowPatents = await countIn(es, index, since, until);
  console.log(`[digest] ${opts.enterprises} enterprises, digest of ${date} over ${windowPatents} patents…`);
  const started = performance.now();
  const plan = await planDigest({ es, config }, date);
  const seconds = (performance.now() - started) / 1000;
  const run = await DigestRunModel.findById(plan.runId).lean();

  // The same groups over a window of 5 weeks (~5% of the patents here, the issue's 50,000 of 1M).
  const days = 35;
  const wideSince = new Date(until.getTime() - days * 24 * 3600_000);
  const settings = await AttentionSettingsModel.find({
    mailWeekday: weekday,
    mailFrequency: 'weekly',
  }).lean();
  const groups = groupBySettings(
    settings.map((s) => ({
      enterpriseId: s._id.toHexString(),
      criteria: {
        strategicIndustries: s.strategicIndustries,
        economicIndustries: s.economicIndustries,
        cooperationModes: s.cooperationModes,
        keywords: s.keywords,
        institutionIds: [],
        regions: [],
        regionOf: {},
      },
    })),
  );
  const wideStarted = performance.now();
  const wide = await matchGroups(es, index, groups, wideSince, until);
  const wideSeconds = (performance.now() - wideStarted) / 1000;

  const cases = searchCases();
  const paths = (base: string) => cases.map((c) => searchPath(base, c));
  await load(api, [...paths(LIST_PATH), ...paths(ATTENTION_PATH)], opts.clients, 200);
  const resourceLibrary = await load(api, paths(LIST_PATH), opts.clients, opts.requests);
  const attentionLibrary = await load(api, paths(ATTENTION_PATH), opts.clients, opts.requests);
  await DigestRunModel.deleteMany({});
  return {
    enterprises: opts.enterprises,
    date,
    windowPatents,
    plan: {
      seconds: round(seconds, 2),
      enterprisesPerSecond: round(plan.enterprises / seconds),
      groups: plan.groups,
      esRequests: plan.esRequests,
      matchedEnterprises: run?.matchedEnterprises ?? 0,
      batches: plan.batches.length,
    },
    wide: {
      days,
      widePatents: await countIn(es, index, wideSince, until),
      seconds: round(wideSeconds, 2),
      esRequests: wide.requests,
    },
    search: { clients: opts.clients, resourceLibrary, attentionLibrary },
  };
}

/** The figures as printed at the end of the phase. */
export function describeDigestBench(r: DigestBenchResult): string {
  const row = (label: string, l: Latency) =>
    `  ${label}  p50 ${l.latency.p50} ms  p95 ${l.latency.p95} ms  p99 ${l.latency.p99} ms  ${l.requestsPerSecond} req/s  errors ${l.errors}${l.firstError ? ` (first: ${l.firstError})` : ''}`;
  return [
    `关注库 digest matching: ${r.enterprises} enterprises, week before ${r.date} (${r.windowPatents} patents)`,
    `  planDigest end to end  ${r.plan.seconds} s  ${r.plan.enterprisesPerSecond} enterprises/s  ${r.plan.groups} groups  ${r.plan.esRequests} ES requests  ${r.plan.matchedEnterprises} enterprises matched  ${r.plan.batches} batches`,
    `  matching over ${r.wide.days} days (${r.wide.widePatents} patents)  ${r.wide.seconds} s  ${r.wide.esRequests} ES requests`,
    `search through the API at ${r.search.clients} clients, the same queries:`,
    row('资源库', r.search.resourceLibrary),
    row('关注库', r.search.attentionLibrary),
  ].join('\n');
}
