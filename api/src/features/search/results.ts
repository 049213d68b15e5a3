import type { estypes } from '@elastic/elasticsearch';
import { splitFacetCode, splitInstitutionValue } from './facet-codes';
import { facetKeys } from '@panhuo/domain/search/keys';
import type { FacetKey, LibraryFacetKey } from '@panhuo/domain/search/keys';
import { rowEvaluationStates } from '@panhuo/domain/search/library-row';
import type { LibraryEntry, LibraryRow } from '@panhuo/domain/search/library-row';
import { codeFilters, FACET_CODES_AGG, ownFacetAgg, SHARED_FACETS_AGG } from './filters';
import { markText, snippetOf } from './highlight';
import type { TermPatterns } from './highlight';
import type { FacetBucket, PatentListItem, TextSegment } from '@panhuo/domain/patents/dto';

/** Facet values per key; the enterprise-library facets only in an enterprise's 评价库. */
export type Facets = Record<FacetKey, FacetBucket[]> & Partial<Record<LibraryFacetKey, FacetBucket[]>>;

/** Labels of the 评价库's row states, in the manual's words. */
const evaluationStateLabels: Readonly<Record<string, string>> = {
  pending: '待评价',
  expert_evaluated: '专家已评',
  enterprise_evaluated: '企业已评',
};

/** Characters of the abstract snippet under each row. */
export const SNIPPET_LENGTH = 120;

/** A search response reduced to what the result list shows. */
export interface SearchResults {
  total: { value: number; relation: 'eq' | 'gte' };
  hits: LibraryRow[];
  /** Null when the request had no facet aggregations (cursor-less exports, counts). */
  facets: Facets | null;
}

/** The `_source` fields read here (query-builder's LIST_SOURCE_FIELDS); absent values default to empty. */
export type PatentListSource = Partial<Omit<PatentListItem, 'titleSegments' | 'snippet'>> & {
  abstract?: string;
  /** Every enterprise's 评价库 entry (read only in an enterprise-library scope, for that enterprise's). */
  library?: LibraryEntrySource[];
};

/** One `library` entry of the search document (indexer/src/to-es-doc.ts). */
export interface LibraryEntrySource {
  enterpriseId: string;
  pushedAt: string;
  pushId?: string | null;
  evaluatedAt?: string | null;
  enterpriseStars?: number | null;
  /** How many of that enterprise's experts have evaluated the patent (a count only). */
  expertCount?: number;
}

/** The enterprise's own entry as a row shows it; every other enterprise's entry is dropped here. */
export function ownEntry(source: PatentListSource, enterpriseId: string): LibraryEntry | undefined {
  const entry = source.library?.find((e) => e.enterpriseId === enterpriseId);
  if (!entry) return undefined;
  return {
    pushedAt: entry.pushedAt,
    pushId: entry.pushId ?? null,
    evaluatedAt: entry.evaluatedAt ?? null,
    enterpriseStars: entry.enterpriseStars ?? null,
    expertEvaluations: entry.expertCount ?? 0,
  };
}

/** The first `length` characters (code points, never half a surrogate pair) as one unmarked segment. */
function plain(text: string, length = Infinity): TextSegment[] {
  const chars = [...text];
  const cut = chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
  return cut === '' ? [] : [{ text: cut, hit: false }];
}

function toItem(
  hit: estypes.SearchHit<PatentListSource>,
  terms: TermPatterns,
  enterpriseId: string | undefined,
): LibraryRow {
  const source = hit._source ?? {};
  const entry = enterpriseId === undefined ? undefined : ownEntry(source, enterpriseId);
  const title = source.title ?? '';
  const abstract = source.abstract ?? '';
  return {
    id: source.id ?? hit._id ?? '',
    applicationNumber: source.applicationNumber ?? '',
    title,
    titleSegments: markText(title, terms) ?? plain(title),
    snippet: snippetOf(abstract, terms, SNIPPET_LENGTH) ?? plain(abstract, SNIPPET_LENGTH),
    applicants: source.applicants ?? [],
    institutionId: source.institutionId ?? '',
    institutionName: source.institutionName ?? '',
    patentType: source.patentType ?? '',
    legalStatus: source.legalStatus ?? '',
    ipcMain: source.ipcMain ?? '',
    applicationDate: source.applicationDate ?? '',
    registeredAt: source.registeredAt ?? '',
    strategicIndustries: source.strategicIndustries ?? [],
    economicIndustries: source.economicIndustries ?? [],
    cooperationModes: source.cooperationModes ?? [],
    validAtEnd2023: source.validAtEnd2023 ?? false,
    portfolioIds: source.portfolioIds ?? [],
    ...(entry ? { entry } : {}),
  };
}

type Aggregate = estypes.AggregationsAggregate;
interface Bucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
  name?: { buckets?: { key: string | number }[] };
}

/** A selected facet's buckets, from its own filter aggregation (see buildFacetAggs); null when it has none. */
function ownBuckets(
  aggregations: Record<string, Aggregate>,
  key: FacetKey | LibraryFacetKey,
): Bucket[] | null {
  const wrapper = aggregations[ownFacetAgg(key)] as
    Record<string, { buckets?: unknown } | undefined> | undefined;
  if (!wrapper) return null;
  const buckets = wrapper[key]?.buckets;
  return Array.isArray(buckets) ? (buckets as Bucket[]) : [];
}

/**
 * The shared facet-codes aggregation split by facet key, each list in ES order (count descending, then
 * code), shaped like the buckets of a facet's own aggregation.
 */
function sharedBuckets(aggregations: Record<string, Aggregate>): Map<string, Bucket[]> {
  const wrapper = aggregations[SHARED_FACETS_AGG] as
    Record<string, { buckets?: unknown } | undefined> | undefined;
  const buckets = wrapper?.[FACET_CODES_AGG]?.buckets;
  const byKey = new Map<string, Bucket[]>();
  if (!Array.isArray(buckets)) return byKey;
  for (const bucket of buckets as { key: string | number; doc_count: number }[]) {
    const { key, value } = splitFacetCode(String(bucket.key));
    const list = byKey.get(key) ?? [];
    if (list.length === 0) byKey.set(key, list);
    if (key === 'institutionId') {
      const { id, name } = splitInstitutionValue(value);
      list.push({ key: id, doc_count: bucket.doc_count, name: { buckets: [{ key: name }] } });
    } else {
      list.push({ key: value, key_as_string: value, doc_count: bucket.doc_count });
    }
  }
  return byKey;
}

/** How many values a facet shows: the size its own terms aggregation asks for; every year. */
function facetLimit(key: FacetKey): number {
  if (key === 'validAtEnd2023') return 2;
  if (key === 'registeredAt') return Infinity;
  return codeFilters[key].facetSize;
}

/** Chinese label of one facet bucket; falls back to the code for values the taxonomies do not name. */
function facetBucket(key: FacetKey, bucket: Bucket): FacetBucket {
  const count = bucket.doc_count;
  if (key === 'validAtEnd2023') {
    const value = bucket.key_as_string ?? String(bucket.key === 1);
    return { key: value, label: value === 'true' ? '截至2023年底有效' : '非截至2023年底有效', count };
  }
  if (key === 'registeredAt') {
    const year = bucket.key_as_string ?? String(bucket.key);
    return { key: year, label: `${year}年`, count };
  }
  const code = String(bucket.key);
  if (key === 'institutionId') {
    return { key: code, label: String(bucket.name?.buckets?.[0]?.key ?? code), count };
  }
  return { key: code, label: codeFilters[key].label(code) ?? code, count };
}

/** Facet values per filter key, from the aggregations of buildFacetAggs. Years come oldest first. */
export function toFacets(aggregations: Record<string, Aggregate>): Facets {
  const shared = sharedBuckets(aggregations);
  const facets = {} as Facets;
  for (const key of facetKeys) {
    let buckets = ownBuckets(aggregations, key) ?? (shared.get(key) ?? []).slice(0, facetLimit(key));
    if (key === 'registeredAt' && !aggregations[ownFacetAgg(key)]) {
      buckets = [...buckets].sort((a, b) => String(a.key).localeCompare(String(b.key)));
    }
    facets[key] = buckets.filter((bucket) => bucket.doc_count > 0).map((bucket) => facetBucket(key, bucket));
  }
  const evaluated = ownBuckets(aggregations, 'enterpriseEvaluated');
  if (evaluated) {
    facets.enterpriseEvaluated = evaluated
      .filter((bucket) => bucket.doc_count > 0)
      .map((bucket) => ({
        key: String(bucket.key),
        label: String(bucket.key) === 'true' ? '企业已评' : '企业未评',
        count: bucket.doc_count,
      }));
  }
  // 待评价 / 专家已评 / 企业已评 (every state, even at 0, so the facet always shows the three), and 我已评 / 我未评.
  // A keyed:false `filters` aggregation answers its buckets in key order: put them in the manual's order.
  const inOrder = (buckets: Bucket[] | null, keys: readonly string[]) =>
    buckets && keys.flatMap((key) => buckets.filter((bucket) => String(bucket.key) === key));
  const states = inOrder(ownBuckets(aggregations, 'evaluationState'), rowEvaluationStates);
  if (states) {
    facets.evaluationState = states.map((bucket) => ({
      key: String(bucket.key),
      label: evaluationStateLabels[String(bucket.key)] ?? String(bucket.key),
      count: bucket.doc_count,
    }));
  }
  const mine = inOrder(ownBuckets(aggregations, 'mine'), ['true', 'false']);
  if (mine) {
    facets.mine = mine.map((bucket) => ({
      key: String(bucket.key),
      label: String(bucket.key) === 'true' ? '我已评' : '我未评',
      count: bucket.doc_count,
    }));
  }
  return facets;
}

/**
 * Maps an ES search response to the result list: rows (title and abstract snippet with `terms` marked),
 * total and facets. In an enterprise's 评价库 (`enterpriseId`) each row carries that enterprise's entry. Pure.
 */
export function toResults(
  res: estypes.SearchResponse<PatentListSource>,
  terms: TermPatterns = [],
  enterpriseId?: string,
): SearchResults {
  const total = res.hits.total;
  return {
    total:
      typeof total === 'number'
        ? { value: total, relation: 'eq' }
        : { value: total?.value ?? 0, relation: total?.relation ?? 'eq' },
    hits: res.hits.hits.map((hit) => toItem(hit, terms, enterpriseId)),
    facets: res.aggregations ? toFacets(res.aggregations) : null,
  };
}
