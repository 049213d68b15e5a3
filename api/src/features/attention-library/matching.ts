import type { estypes } from '@elastic/elasticsearch';
import { cooperationModeLabel } from '@panhuo/domain/taxonomies/cooperation-modes';
import { economicIndustryName } from '@panhuo/domain/taxonomies/economic-industries';
import { strategicIndustryName } from '@panhuo/domain/taxonomies/strategic-industries';
import type { SearchScope } from '../search/query-builder';
import type { AttentionSettings } from '../attention-settings/service';

type Query = estypes.QueryDslQueryContainer;

/**
 * What is matched: the settings without the mail part, and the 地区 picks resolved to their institutions
 * (`regionOf`: institution id → province; attention-settings/regions.ts regionInstitutions), since the
 * search document carries the institution's id, not its region.
 */
export type MatchCriteria = Pick<
  AttentionSettings,
  | 'strategicIndustries'
  | 'economicIndustries'
  | 'cooperationModes'
  | 'keywords'
  | 'institutionIds'
  | 'regions'
> & { regionOf: Readonly<Record<string, string>> };

/** A keyword as a phrase on the per-character subfields: 石墨烯 must appear as written, not 石墨 … 烯. */
export function keywordClause(keyword: string, name?: string): Query {
  return {
    multi_match: {
      query: keyword,
      type: 'phrase',
      fields: ['title.std', 'abstract.std'],
      ...(name ? { _name: name } : {}),
    },
  };
}

/**
 * One clause per picked dimension (战略性新兴产业, 国民经济行业, 合作方式, 关键词, 高校院所, 地区); within a
 * dimension the picks are OR-ed. Search documents carry both levels of each industry code, so a pick of
 * either level is one `terms`.
 */
export function dimensionClauses(criteria: MatchCriteria): Query[] {
  const clauses: Query[] = [];
  if (criteria.strategicIndustries.length > 0)
    clauses.push({ terms: { strategicIndustries: [...criteria.strategicIndustries] } });
  if (criteria.economicIndustries.length > 0)
    clauses.push({ terms: { economicIndustries: [...criteria.economicIndustries] } });
  if (criteria.cooperationModes.length > 0)
    clauses.push({ terms: { cooperationModes: [...criteria.cooperationModes] } });
  if (criteria.keywords.length > 0) {
    clauses.push({
      bool: { should: criteria.keywords.map((k) => keywordClause(k)), minimum_should_match: 1 },
    });
  }
  if (criteria.institutionIds.length > 0)
    clauses.push({ terms: { institutionId: [...criteria.institutionIds] } });
  // A picked province without institutions yet matches nothing (an empty terms), and still counts as picked.
  if (criteria.regions.length > 0)
    clauses.push({ terms: { institutionId: Object.keys(criteria.regionOf).sort() } });
  return clauses;
}

/**
 * The 关注库 scope: a patent belongs when it matches at least one dimension; it ranks by how many it
 * matches (each a constant score of 1, so 3 dimensions beat 2 whatever the text), newer first among
 * equals (the relevance sort's second key). No dimension picked: nothing matches (the page prompts instead).
 */
export function attentionScope(criteria: MatchCriteria): SearchScope {
  const clauses = dimensionClauses(criteria);
  if (clauses.length === 0) return { ids: [] };
  return {
    filters: [{ bool: { should: clauses, minimum_should_match: 1 } }],
    ranking: clauses.map((filter) => ({ constant_score: { filter, boost: 1 } })),
  };
}

/** The fields of a row the reasons are read from. */
export interface MatchedRow {
  strategicIndustries: readonly string[];
  economicIndustries: readonly string[];
  cooperationModes: readonly string[];
  institutionId: string;
  institutionName: string;
}

/**
 * Why a row matched, in the settings' order: 「新材料产业 · 独占许可 · 关键词 石墨烯」. The codes are read
 * from the row; the keywords, which only Elasticsearch can judge, are passed in (`matchedKeywords`).
 */
export function matchReasons(
  criteria: MatchCriteria,
  row: MatchedRow,
  matchedKeywords: readonly string[],
): string[] {
  const reasons: string[] = [];
  const pick = (
    picked: readonly string[],
    have: readonly string[],
    label: (code: string) => string | undefined,
  ) => {
    for (const code of picked) if (have.includes(code)) reasons.push(label(code) ?? code);
  };
  pick(criteria.strategicIndustries, row.strategicIndustries, strategicIndustryName);
  pick(criteria.economicIndustries, row.economicIndustries, economicIndustryName);
  pick(criteria.cooperationModes, row.cooperationModes, cooperationModeLabel);
  for (const keyword of criteria.keywords)
    if (matchedKeywords.includes(keyword)) reasons.push(`关键词 ${keyword}`);
  if (criteria.institutionIds.includes(row.institutionId)) reasons.push(row.institutionName);
  const province = criteria.regionOf[row.institutionId];
  if (province && criteria.regions.includes(province)) reasons.push(`地区 ${province}`);
  return reasons;
}

/**
 * One request that says which keywords each of the rows matches: the rows by id, each keyword a named
 * query (its index), no source. Sent only when the settings have keywords.
 */
export function keywordMatchRequest(
  ids: readonly string[],
  keywords: readonly string[],
): estypes.SearchRequest {
  return {
    size: ids.length,
    _source: false,
    query: {
      bool: {
        filter: [{ terms: { id: [...ids] } }],
        should: keywords.map((k, i) => keywordClause(k, `k${i}`)),
        minimum_should_match: 1,
      },
    },
    fields: ['id'],
  };
}
