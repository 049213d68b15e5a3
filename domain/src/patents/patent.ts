import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { applicationNumberSchema } from './application-number';
import { patentTypeSchema } from '../taxonomies/patent-types';
import { legalStatusSchema } from '../taxonomies/legal-status';
import { ipcCodeSchema, ipcFacets } from '../taxonomies/ipc';
import { strategicIndustryCodeSchema, parentOf } from '../taxonomies/strategic-industries';
import { economicIndustryCodeSchema, sectionOf } from '../taxonomies/economic-industries';
import { cooperationModeSchema } from '../taxonomies/cooperation-modes';
import { technologyMaturitySchema } from '../taxonomies/technology-maturity';
import { institutionKindSchema } from '../institutions/institution';
import { plainText } from '../text';

/**
 * The registered patent record shared by the API, the indexer (Elasticsearch documents use the same field
 * names) and the web. CNIPA fields plus what registration adds: the institution, 登记入库时间, industry
 * tags in both taxonomies, cooperation modes and the 建档信息.
 */

/**
 * Longest free texts of a patent record, in characters: what the import accepts and the record schema
 * checks. CNIPA caps a 发明名称 at 25 characters (200 leaves room for design names and translations) and an
 * abstract at 300; the 主权项 is one claim, rarely past a few thousand.
 */
export const patentTextLimits = {
  title: 200,
  abstract: 5000,
  claims: 20_000,
  /** One 申请人, 权利人, 发明人 or 代理人. */
  name: 100,
  address: 200,
  agency: 100,
  institutionName: 100,
  scenarios: 2000,
  contact: 100,
  terms: 2000,
  portfolioName: 100,
  portfolioDescription: 2000,
} as const;

const limits = patentTextLimits;

/** 建档信息: the registering institution's file on the patent; every part is optional. */
export const patentDossierSchema = z.object({
  /** 技术成熟度 code (taxonomies/technology-maturity). */
  maturity: technologyMaturitySchema.optional(),
  /** 应用场景. */
  scenarios: plainText({ label: '应用场景', max: limits.scenarios, multiline: true }).optional(),
  /** 联系方式. */
  contact: plainText({ label: '联系方式', max: limits.contact }).optional(),
  /** 交易条件 / asking terms. */
  terms: plainText({ label: '交易条件', max: limits.terms, multiline: true }).optional(),
});

/** 建档信息 of a patent. */
export type PatentDossier = z.infer<typeof patentDossierSchema>;

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const names = z.array(plainText({ label: '名称', max: limits.name }));

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

/** Shape of the record, before the cross-field invariants (reuse this one with `.pick()` / `.extend()`). */
export const patentObjectSchema = z.object({
  id: objectIdSchema,
  /** 申请号, normalized: '201210247723.2'. */
  applicationNumber: applicationNumberSchema,
  /** 申请日. */
  applicationDate: isoDate,
  /** 公开(公告)号, e.g. 'CN102738433A'. */
  publicationNumber: z.string().trim().min(1).optional(),
  /** 公开日. */
  publicationDate: isoDate.optional(),
  /** 授权公告日. */
  grantDate: isoDate.optional(),
  patentType: patentTypeSchema,
  /** 发明名称. */
  title: plainText({ label: '发明名称', max: limits.title }),
  /** 摘要. */
  abstract: plainText({ label: '摘要', max: limits.abstract, min: 0, multiline: true }),
  /** 主权项. */
  claims: plainText({ label: '主权项', max: limits.claims, min: 0, multiline: true }),
  /** IPC主分类号, canonical: 'H01M 4/36'. */
  ipcMain: ipcCodeSchema,
  /** IPC分类号, all of them, including the main one. */
  ipcCodes: z.array(ipcCodeSchema).min(1),
  /** Sections of `ipcCodes` ('H'), derived. */
  ipcSections: z.array(z.string()),
  /** Subclasses of `ipcCodes` ('H01M'), derived. */
  ipcSubclasses: z.array(z.string()),
  legalStatus: legalStatusSchema,
  /** 申请(专利权)人. */
  applicants: names,
  /** 当前权利人. */
  currentAssignees: names,
  /** 发明人. */
  inventors: names,
  /** 地址. */
  address: plainText({ label: '地址', max: limits.address }).optional(),
  /** 代理机构. */
  agency: plainText({ label: '代理机构', max: limits.agency }).optional(),
  /** 代理人. */
  agents: names.optional(),
  institutionId: objectIdSchema,
  institutionName: plainText({ label: '登记单位', max: limits.institutionName }),
  institutionKind: institutionKindSchema,
  /** 登记入库时间, ISO date-time. */
  registeredAt: z.iso.datetime({ offset: true }),
  /** 战略性新兴产业, both levels: ['3', '3.6']. */
  strategicIndustries: z.array(strategicIndustryCodeSchema),
  /** 国民经济行业, sections and divisions: ['C', '38']. */
  economicIndustries: z.array(economicIndustryCodeSchema),
  /** True when the industry tags were derived from IPC via the concordance. */
  industriesDerived: z.boolean(),
  /** 合作方式 codes offered. */
  cooperationModes: z.array(cooperationModeSchema),
  /** 截至2023年底有效. */
  validAtEnd2023: z.boolean(),
  dossier: patentDossierSchema,
  /** 组合专利 this patent belongs to. */
  portfolioIds: z.array(objectIdSchema),
});

/**
 * The full record with its invariants: `ipcCodes` contains `ipcMain`; `ipcSections` / `ipcSubclasses`
 * are exactly those of `ipcCodes`; industry tags carry both levels (a sub-category's category, a
 * division's section), so filters on either level match.
 */
export const patentSchema = patentObjectSchema.superRefine((patent, ctx) => {
  if (!patent.ipcCodes.includes(patent.ipcMain)) {
    ctx.addIssue({ code: 'custom', path: ['ipcCodes'], message: 'IPC分类号须包含IPC主分类号' });
  }
  const facets = ipcFacets(patent.ipcCodes);
  if (!sameSet(patent.ipcSections, facets.ipcSections)) {
    ctx.addIssue({ code: 'custom', path: ['ipcSections'], message: 'ipcSections 与 ipcCodes 不一致' });
  }
  if (!sameSet(patent.ipcSubclasses, facets.ipcSubclasses)) {
    ctx.addIssue({ code: 'custom', path: ['ipcSubclasses'], message: 'ipcSubclasses 与 ipcCodes 不一致' });
  }
  for (const code of patent.strategicIndustries) {
    const parent = parentOf(code);
    if (parent && !patent.strategicIndustries.includes(parent)) {
      ctx.addIssue({
        code: 'custom',
        path: ['strategicIndustries'],
        message: `战略性新兴产业 ${code} 缺少其上级分类 ${parent}`,
      });
    }
  }
  for (const code of patent.economicIndustries) {
    const section = sectionOf(code);
    if (section && !patent.economicIndustries.includes(section)) {
      ctx.addIssue({
        code: 'custom',
        path: ['economicIndustries'],
        message: `国民经济行业 ${code} 缺少其门类 ${section}`,
      });
    }
  }
});

/** A registered patent, as stored, indexed and returned by the API. */
export type Patent = z.infer<typeof patentSchema>;
