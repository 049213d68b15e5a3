import { z } from 'zod';
import { facetKeys } from './filters';

const segment = z.object({ text: z.string(), hit: z.boolean() });
const bucket = z.object({ key: z.string(), label: z.string(), count: z.number() });

/** One result row (results.ts `PatentListItem`). */
export const patentListItemSchema = z.object({
  id: z.string(),
  applicationNumber: z.string(),
  title: z.string(),
  titleSegments: z.array(segment),
  snippet: z.array(segment),
  applicants: z.array(z.string()),
  institutionId: z.string(),
  institutionName: z.string(),
  patentType: z.string(),
  legalStatus: z.string(),
  ipcMain: z.string(),
  applicationDate: z.string(),
  registeredAt: z.string(),
  strategicIndustries: z.array(z.string()),
  economicIndustries: z.array(z.string()),
  cooperationModes: z.array(z.string()),
  validAtEnd2023: z.boolean(),
  portfolioIds: z.array(z.string()),
});

/** A search page (search.ts `SearchPage`), as documented in OpenAPI. */
export const searchPageSchema = z.object({
  total: z.object({ value: z.number(), relation: z.enum(['eq', 'gte']) }),
  hits: z.array(patentListItemSchema),
  facets: z.object(Object.fromEntries(facetKeys.map((key) => [key, z.array(bucket)]))).nullable(),
  page: z.number(),
  size: z.number(),
  sort: z.string(),
  nextCursor: z.string().nullable(),
});
