import { chinaYear } from '@panhuo/domain/china-time';
import type { PatentDto } from '@panhuo/domain/patents/dto';
import type { FacetKey } from '@panhuo/domain/search/keys';

/**
 * Every facet value of a patent in one multi-valued keyword field, `<facet key>:<value>`
 * ('patentType:invention', 'registeredAt:2024', 'institutionId:<id>:<name>'), written by the indexer.
 *
 * Why: the facets without a selection of their own all count under the same filter, so one terms
 * aggregation over this field counts them all in one pass over the matches, where ten aggregations (one
 * per field) each walked them: the facet part of a search costs about half as much (1M patents).
 */
export const FACET_CODES_FIELD = 'facetCodes';

/**
 * Buckets asked of that aggregation: more than all the facet values that can exist (the taxonomies about
 * 250, IPC subclasses about 650, institutions a few thousand), so every count is exact; a search returns
 * only the values its matches have.
 */
export const FACET_CODES_SIZE = 10_000;

/** The facet code of one value. */
export function facetCode(key: FacetKey, value: string): string {
  return `${key}:${value}`;
}

/** The facet key and value of a code ('institutionId:<id>:<name>' → institutionId, '<id>:<name>'). */
export function splitFacetCode(code: string): { key: string; value: string } {
  const at = code.indexOf(':');
  return at < 0 ? { key: code, value: '' } : { key: code.slice(0, at), value: code.slice(at + 1) };
}

/** An institution's facet value carries its name, so the facet labels itself: '<id>:<name>'. */
export function splitInstitutionValue(value: string): { id: string; name: string } {
  const at = value.indexOf(':');
  return at < 0 ? { id: value, name: value } : { id: value.slice(0, at), name: value.slice(at + 1) };
}

/** What facetCodesOf reads of a patent. */
export type FacetSource = Pick<
  PatentDto,
  | 'strategicIndustries'
  | 'economicIndustries'
  | 'ipcSections'
  | 'ipcSubclasses'
  | 'patentType'
  | 'legalStatus'
  | 'cooperationModes'
  | 'institutionId'
  | 'institutionName'
  | 'validAtEnd2023'
  | 'registeredAt'
>;

/** Every facet value the patent counts under, as facet codes (the indexer's `facetCodes`). Pure. */
export function facetCodesOf(patent: FacetSource): string[] {
  return [
    ...patent.strategicIndustries.map((code) => facetCode('strategicIndustries', code)),
    ...patent.economicIndustries.map((code) => facetCode('economicIndustries', code)),
    ...patent.ipcSections.map((code) => facetCode('ipcSection', code)),
    ...patent.ipcSubclasses.map((code) => facetCode('ipcSubclass', code)),
    facetCode('patentType', patent.patentType),
    facetCode('legalStatus', patent.legalStatus),
    ...patent.cooperationModes.map((code) => facetCode('cooperationModes', code)),
    facetCode('institutionId', `${patent.institutionId}:${patent.institutionName}`),
    facetCode('validAtEnd2023', String(patent.validAtEnd2023)),
    // Calendar years of 登记入库时间 are China years; timestamps are stored in UTC.
    facetCode('registeredAt', chinaYear(patent.registeredAt)),
  ];
}
