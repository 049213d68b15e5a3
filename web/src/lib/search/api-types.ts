/**
 * What the web reads from the API's patent endpoints (see api/src/features/search/response-schema.ts and
 * api/src/features/patents/schema.ts, which validate these shapes on the API side).
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
}

/** GET /api/patents/:id */
export interface PatentDetail {
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

/** GET /api/portfolios/:id */
export interface PortfolioDetail {
  id: string;
  name: string;
  description: string;
  institutionId: string;
  institutionName: string;
  patentCount: number;
  patents: PatentListItem[];
}

/** A field-level problem from a 400 (`path` like `query.strategicIndustries.0`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An API refusal the page shows in place (e.g. a search with an unknown filter code) instead of an error page. */
export interface ApiProblem {
  status: number;
  code: string;
  message: string;
  fieldErrors: FieldProblem[];
}
