import { z } from 'zod';
import { facetKeys, libraryFacetKeys } from '@panhuo/domain/search/keys';
import { rowDecorationSchema } from '@panhuo/domain/search/library-row';

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
  missingWords: z.array(z.string()).optional(),
  semanticMatch: z.boolean().optional(),
});

/** The caller's enterprise's own 评价库 entry (domain/search/library-row.ts `LibraryEntry`). */
export const libraryEntrySchema = z.object({
  pushedAt: z.string(),
  pushId: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  enterpriseStars: z.number().nullable(),
  expertEvaluations: z.number(),
});

/** One row of a library (`LibraryRow`): the list item, the own entry and the per-caller decoration. */
export const libraryRowSchema = patentListItemSchema.extend({
  entry: libraryEntrySchema.optional(),
  decoration: rowDecorationSchema.optional(),
});

/** A search page (search.ts `SearchPage`), as documented in OpenAPI. */
export const searchPageSchema = z.object({
  total: z.object({ value: z.number(), relation: z.enum(['eq', 'gte']) }),
  hits: z.array(libraryRowSchema),
  facets: z
    .object({
      ...Object.fromEntries(facetKeys.map((key) => [key, z.array(bucket)])),
      ...Object.fromEntries(libraryFacetKeys.map((key) => [key, z.array(bucket).optional()])),
    })
    .nullable(),
  page: z.number(),
  size: z.number(),
  sort: z.string(),
  nextCursor: z.string().nullable(),
  partialMatch: z.object({ words: z.array(z.string()) }).nullable(),
  semantic: z.object({
    state: z.enum(['used', 'unavailable', 'off']),
    progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  }),
});
