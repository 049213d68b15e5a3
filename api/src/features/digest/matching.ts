import type { Client, estypes } from '@elastic/elasticsearch';
import { attentionScope, matchReasons } from '../attention-library/matching';
import type { MatchCriteria } from '../attention-library/matching';

/** At most this many patents in one mail; the mail links to the rest in the 关注库. */
export const MAIL_PATENTS = 20;
/** Searches per msearch request. */
export const SEARCHES_PER_REQUEST = 100;

/** One matched patent as the mail shows it. */
export interface DigestHit {
  id: string;
  title: string;
  institutionName: string;
  registeredAt: string;
  reasons: string[];
}

/** What one group of identical settings found in the period. */
export interface GroupMatch {
  total: number;
  hits: DigestHit[];
}

/** Enterprises whose criteria are identical, matched once. */
export interface SettingsGroup {
  key: string;
  criteria: MatchCriteria;
  enterpriseIds: string[];
}

const sorted = (values: readonly string[]) => [...values].sort();

/** A canonical key of the criteria: the same picks in any order are one group. Pure. */
export function criteriaKey(c: MatchCriteria): string {
  return JSON.stringify([
    sorted(c.strategicIndustries),
    sorted(c.economicIndustries),
    sorted(c.cooperationModes),
    sorted(c.keywords),
    sorted(c.institutionIds),
    sorted(c.regions),
  ]);
}

/** Groups enterprises by identical criteria (enterprises with nothing picked are left out). Pure. */
export function groupBySettings(
  items: readonly { enterpriseId: string; criteria: MatchCriteria }[],
): SettingsGroup[] {
  const groups = new Map<string, SettingsGroup>();
  for (const item of items) {
    const key = criteriaKey(item.criteria);
    if (
      key ===
      criteriaKey({
        strategicIndustries: [],
        economicIndustries: [],
        cooperationModes: [],
        keywords: [],
        institutionIds: [],
        regions: [],
        regionOf: {},
      })
    )
      continue;
    const group = groups.get(key) ?? { key, criteria: item.criteria, enterpriseIds: [] };
    group.enterpriseIds.push(item.enterpriseId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The search of one group for one period: the 关注库 scope (any dimension, scored per matched dimension)
 * limited to patents registered in [since, until), best first then newest, the first MAIL_PATENTS + the
 * exact total. Keyword clauses are named (`k<i>`) so each hit says which keywords it matched. Pure.
 */
export function groupSearch(criteria: MatchCriteria, since: Date, until: Date): estypes.SearchRequest {
  const scope = attentionScope(criteria);
  const named = criteria.keywords.map((k, i) => ({
    multi_match: { query: k, type: 'phrase' as const, fields: ['title.std', 'abstract.std'], _name: `k${i}` },
  }));
  return {
    size: MAIL_PATENTS,
    track_total_hits: true,
    _source: [
      'id',
      'title',
      'institutionId',
      'institutionName',
      'registeredAt',
      'strategicIndustries',
      'economicIndustries',
      'cooperationModes',
    ],
    query: {
      bool: {
        filter: [
          ...(scope.filters ?? []),
          { range: { registeredAt: { gte: since.toISOString(), lt: until.toISOString() } } },
        ],
        should: [...(scope.ranking ?? []), ...named],
      },
    },
    sort: [
      { _score: { order: 'desc' } },
      { registeredAt: { order: 'desc' } },
      { applicationNumber: { order: 'asc' } },
    ],
  };
}

interface HitSource {
  id: string;
  title: string;
  institutionId: string;
  institutionName: string;
  registeredAt: string;
  strategicIndustries?: string[];
  economicIndustries?: string[];
  cooperationModes?: string[];
}

function toGroupMatch(criteria: MatchCriteria, res: estypes.SearchResponse<HitSource>): GroupMatch {
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const hits = res.hits.hits.flatMap((hit) => {
    const s = hit._source;
    if (!s) return [];
    const names = Array.isArray(hit.matched_queries)
      ? hit.matched_queries
      : Object.keys(hit.matched_queries ?? {});
    const keywords = names
      .filter((n) => /^k\d+$/.test(n))
      .map((n) => criteria.keywords[Number(n.slice(1))] ?? '');
    const row = {
      strategicIndustries: s.strategicIndustries ?? [],
      economicIndustries: s.economicIndustries ?? [],
      cooperationModes: s.cooperationModes ?? [],
      institutionId: s.institutionId,
      institutionName: s.institutionName,
    };
    return [
      {
        id: s.id,
        title: s.title,
        institutionName: s.institutionName,
        registeredAt: s.registeredAt,
        reasons: matchReasons(criteria, row, keywords),
      },
    ];
  });
  return { total, hits };
}

/**
 * Matches every group in batched msearch requests (SEARCHES_PER_REQUEST searches each): one search per
 * group, never per enterprise or per patent, and nothing scanned in Node. Returns the matches in the
 * groups' order and how many requests were made. A failed search inside a batch throws (the job retries).
 */
export async function matchGroups(
  es: Client,
  index: string,
  groups: readonly SettingsGroup[],
  since: Date,
  until: Date,
  perRequest = SEARCHES_PER_REQUEST,
): Promise<{ matches: GroupMatch[]; requests: number }> {
  const matches: GroupMatch[] = [];
  let requests = 0;
  for (let start = 0; start < groups.length; start += perRequest) {
    const slice = groups.slice(start, start + perRequest);
    const searches = slice.flatMap((g) => [{ index }, groupSearch(g.criteria, since, until)]);
    const res = await es.msearch<HitSource>({ searches: searches as estypes.MsearchRequestItem[] });
    requests += 1;
    res.responses.forEach((item, i) => {
      if ('error' in item) throw new Error(`digest match failed: ${JSON.stringify(item.error)}`);
      const group = slice[i];
      if (group) matches.push(toGroupMatch(group.criteria, item));
    });
  }
  return { matches, requests };
}
