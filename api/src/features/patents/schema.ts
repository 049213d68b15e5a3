import { objectIdSchema } from '@panhuo/domain/object-id';
import { z } from 'zod';

export const patentParams = z.object({ id: objectIdSchema });
export const portfolioParams = z.object({ id: objectIdSchema });

const dossierSchema = z.object({
  maturity: z.string().optional(),
  scenarios: z.string().optional(),
  contact: z.string().optional(),
  terms: z.string().optional(),
});

/** Response body of GET /api/patents/:id (documented in OpenAPI). */
export const patentDtoSchema = z.object({
  id: z.string(),
  applicationNumber: z.string(),
  applicationDate: z.string(),
  publicationNumber: z.string().optional(),
  publicationDate: z.string().optional(),
  grantDate: z.string().optional(),
  patentType: z.string(),
  title: z.string(),
  abstract: z.string(),
  claims: z.string(),
  ipcMain: z.string(),
  ipcCodes: z.array(z.string()),
  ipcSections: z.array(z.string()),
  ipcSubclasses: z.array(z.string()),
  legalStatus: z.string(),
  applicants: z.array(z.string()),
  currentAssignees: z.array(z.string()),
  inventors: z.array(z.string()),
  address: z.string().optional(),
  agency: z.string().optional(),
  agents: z.array(z.string()),
  institutionId: z.string(),
  institutionName: z.string(),
  institutionKind: z.string(),
  registeredAt: z.string(),
  strategicIndustries: z.array(z.string()),
  economicIndustries: z.array(z.string()),
  industriesDerived: z.boolean(),
  cooperationModes: z.array(z.string()),
  validAtEnd2023: z.boolean(),
  dossier: dossierSchema,
  portfolioIds: z.array(z.string()),
});

/** Response body of GET /api/portfolios/:id. */
export const portfolioDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  patentCount: z.number(),
});

export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  fieldErrors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
