import type { estypes } from '@elastic/elasticsearch';
import { codeFilters, facetKeys, ownFacetAgg, SHARED_FACETS_AGG } from './filters';
import type { FacetKey } from './filters';
import { markText, snippetOf } from './highlight';
import type { TermPatterns } from './highlight';
import type { FacetBucket, PatentListItem, TextSegment } from '@panhuo/domain/patents/dto';

export type Facets = Record<FacetKey, FacetBucket[]>;

/** Characters of the abstract snippet under each row. */
export const SNIPPET_LENGTH = 120;

/** A search response reduced to what the result list shows. */
export interface SearchResults {
  total: { value: number; relation: 'eq' | 'gte' };
  hits: PatentListItem[];
  /** Null when the request had no facet aggregations (cursor-less exports, counts). */
  facets: Facets | null;
}

/** The `_source` fields read here (query-builder's LIST_SOURCE_FIELDS); absent values default to empty. */
export type PatentListSource = Partial<Omit<PatentListItem, 'titleSegments' | 'snippet'>> & {
  abstract?: string;
};

/** The first `length` characters (code points, never half a surrogate pair) as one unmarked segment. */
function plain(text: string, length = Infinity): TextSegment[] {
  const chars = [...text];
  const cut = chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
  return cut === '' ? [] : [{ text: cut, hit: false }];
}

function toItem(hit: estypes.SearchHit<PatentListSource>, terms: TermPatterns): PatentListItem {
  const source = hit._source ?? {};
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
  };
}

type Aggregate = estypes.AggregationsAggregate;
interface Bucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
  name?: { buckets?: { key: string | number }[] };
}

/** A facet's buckets, under its own filter wrapper or the shared one (see buildFacetAggs). */
function bucketsOf(aggregations: Record<string, Aggregate>, key: FacetKey): Bucket[] {
  const wrapper = (aggregations[ownFacetAgg(key)] ?? aggregations[SHARED_FACETS_AGG]) as
    Record<string, { buckets?: unknown } | undefined> | undefined;
  const buckets = wrapper?.[key]?.buckets;
  return Array.isArray(buckets) ? (buckets as Bucket[]) : [];
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

/** Facet values per filter key, from the aggregations of buildFacetAggs. */
export function toFacets(aggregations: Record<string, Aggregate>): Facets {
  const facets = {} as Facets;
  for (const key of facetKeys) {
    facets[key] = bucketsOf(aggregations, key)
      .filter((bucket) => bucket.doc_count > 0)
      .map((bucket) => facetBucket(key, bucket));
  }
  return facets;
}

/**
 * Maps an ES search response to the result list: rows (title and abstract snippet with `terms` marked),
 * total and facets. Pure.
 */
export function toResults(
  res: estypes.SearchResponse<PatentListSource>,
  terms: TermPatterns = [],
): SearchResults {
  const total = res.hits.total;
  return {
    total:
      typeof total === 'number'
        ? { value: total, relation: 'eq' }
        : { value: total?.value ?? 0, relation: total?.relation ?? 'eq' },
    hits: res.hits.hits.map((hit) => toItem(hit, terms)),
    facets: res.aggregations ? toFacets(res.aggregations) : null,
  };
}
