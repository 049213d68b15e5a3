/**
 * What the patent and search endpoints answer: one definition for the API's presenters and the web's pages.
 * The API validates these shapes with api/src/features/search/response-schema.ts and patents/schema.ts.
 */

/** A piece of highlighted text: `hit` pieces are the matched words. Rendered as text, never as HTML. */
export interface TextSegment {
  text: string;
  hit: boolean;
}

/** One row of a result list. */
export interface PatentListItem {
  id: string;
  applicationNumber: string;
  title: string;
  titleSegments: TextSegment[];
  snippet: TextSegment[];
  applicants: string[];
  institutionId: string;
  institutionName: string;
  patentType: string;
  legalStatus: string;
  ipcMain: string;
  applicationDate: string;
  registeredAt: string;
  strategicIndustries: string[];
  economicIndustries: string[];
  cooperationModes: string[];
  validAtEnd2023: boolean;
  portfolioIds: string[];
  /** In a partial answer (SearchPage.partialMatch), the typed words this patent does not hold. */
  missingWords?: string[];
  /** 智能检索: true when only the semantic side found this patent (its words may all be missing). */
  semanticMatch?: boolean;
}

/** A facet value with its count and Chinese label. */
export interface FacetBucket {
  key: string;
  label: string;
  count: number;
}

/** Facet keys: every code filter plus 截至2023年底有效 and 登记入库时间 (by year). */
export type FacetKey =
  | 'strategicIndustries'
  | 'economicIndustries'
  | 'ipcSection'
  | 'ipcSubclass'
  | 'patentType'
  | 'legalStatus'
  | 'cooperationModes'
  | 'institutionId'
  | 'validAtEnd2023'
  | 'registeredAt';

/** GET /api/resource-library/patents */
export interface SearchPage {
  total: { value: number; relation: 'eq' | 'gte' };
  hits: PatentListItem[];
  facets: Partial<Record<FacetKey, FacetBucket[]>> | null;
  page: number;
  size: number;
  sort: string;
  nextCursor: string | null;
  /**
   * Set when no patent holds every typed word: the rows hold some of `words`, most first, each with its
   * `missingWords`. Null for a normal answer.
   */
  partialMatch: { words: string[] } | null;
  /**
   * 智能检索: `used` (the semantic hits are in the list), `unavailable` (hybrid asked, the embeddings
   * server failed or is not configured: words only), `off` (精确检索, or nothing to embed). `progress`:
   * the semantic index's 已完成 done / total while the corpus is still being embedded, else null.
   */
  semantic: { state: 'used' | 'unavailable' | 'off'; progress: { done: number; total: number } | null };
}

/**
 * A patent as the API shows it (GET /api/patents/:id, exports) and as Elasticsearch stores it (plus `rev`).
 * Field names match patent.ts and mappings/patents.json.
 */
export interface PatentDto {
  id: string;
  applicationNumber: string;
  applicationDate: string;
  publicationNumber?: string;
  publicationDate?: string;
  grantDate?: string;
  patentType: string;
  title: string;
  abstract: string;
  claims: string;
  ipcMain: string;
  ipcCodes: string[];
  ipcSections: string[];
  ipcSubclasses: string[];
  legalStatus: string;
  applicants: string[];
  currentAssignees: string[];
  inventors: string[];
  address?: string;
  agency?: string;
  agents: string[];
  institutionId: string;
  institutionName: string;
  institutionKind: string;
  registeredAt: string;
  strategicIndustries: string[];
  economicIndustries: string[];
  industriesDerived: boolean;
  cooperationModes: string[];
  validAtEnd2023: boolean;
  dossier: { maturity?: string; scenarios?: string; contact?: string; terms?: string };
  portfolioIds: string[];
}

/** 组合专利 as the API shows it. */
export interface PortfolioDto {
  id: string;
  name: string;
  description: string;
  institutionId: string;
  institutionName: string;
  patentCount: number;
}

/** GET /api/portfolios/:id */
export interface PortfolioDetail extends PortfolioDto {
  patents: PatentListItem[];
}

/** A portfolio as each member patent's search document carries it (for lists and the export). */
export interface PortfolioRef {
  id: string;
  name: string;
  description: string;
}

/**
 * The document the search index stores for a patent (mappings/patents.json, `dynamic: strict`): the detail
 * DTO, `rev` (the external version), the patent's portfolios, so the export needs no second store, and
 * its facet codes (api search/facet-codes.ts), which only the facet aggregation reads.
 */
export type PatentSearchDoc = PatentDto & { rev: number; portfolios: PortfolioRef[]; facetCodes: string[] };
