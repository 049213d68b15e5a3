import { describe, it, expect } from 'vitest';
import { patentSchema } from './patent';
import type { Patent } from './patent';
import { portfolioSchema } from './portfolio';
import { institutionSchema } from '../institutions/institution';

const validPatent: Patent = {
  id: '65a1b2c3d4e5f60718293a4b',
  applicationNumber: '201210247723.2',
  applicationDate: '2012-07-17',
  publicationNumber: 'CN102738433A',
  publicationDate: '2012-10-17',
  grantDate: '2015-03-11',
  patentType: 'invention',
  title: '一种锂离子电池复合正极材料及其制备方法',
  abstract: '本发明公开了一种锂离子电池复合正极材料……',
  claims: '1. 一种锂离子电池复合正极材料，其特征在于……',
  ipcMain: 'H01M 4/36',
  ipcCodes: ['H01M 4/36', 'H01M 4/58', 'C01B 32/05'],
  ipcSections: ['H', 'C'],
  ipcSubclasses: ['H01M', 'C01B'],
  legalStatus: 'valid',
  applicants: ['某某大学'],
  currentAssignees: ['某某大学'],
  inventors: ['张三', '李四'],
  address: '北京市海淀区',
  agency: '北京某某专利代理有限公司',
  agents: ['王五'],
  institutionId: '65a1b2c3d4e5f60718293a00',
  institutionName: '某某大学',
  institutionKind: 'university',
  registeredAt: '2024-03-01T08:00:00.000Z',
  strategicIndustries: ['5', '5.2', '3', '3.6'],
  economicIndustries: ['C', '38'],
  industriesDerived: true,
  cooperationModes: ['transfer', 'license_general'],
  validAtEnd2023: true,
  dossier: { maturity: 'pilot', scenarios: '动力电池', contact: '技术转移中心 010-12345678', terms: '面议' },
  portfolioIds: [],
};

const issuesOf = (input: unknown) =>
  patentSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('patentSchema', () => {
  it('accepts a complete record', () => {
    expect(patentSchema.parse(validPatent)).toEqual(validPatent);
  });

  it('accepts a minimal record without optional CNIPA fields or dossier parts', () => {
    const minimal = { ...validPatent, dossier: {} } as Record<string, unknown>;
    for (const key of ['publicationNumber', 'publicationDate', 'grantDate', 'address', 'agency', 'agents']) {
      delete minimal[key];
    }
    expect(patentSchema.safeParse(minimal).success).toBe(true);
  });

  it.each([
    ['applicationNumber', 'CN201210247723.2'],
    ['applicationNumber', '201210247723.3'],
    ['applicationDate', '2012/07/17'],
    ['patentType', '发明'],
    ['ipcMain', 'H01M4/36'],
    ['legalStatus', '有效'],
    ['institutionKind', 'company'],
    ['registeredAt', '2024-03-01'],
    ['cooperationModes', ['donation']],
    ['strategicIndustries', ['3', '3.9']],
    ['economicIndustries', ['C', '98']],
    ['id', 'not-an-object-id'],
    ['title', '  '],
    ['dossier', { maturity: '中试' }],
  ])('refuses a bad %s', (field, value) => {
    expect(issuesOf({ ...validPatent, [field]: value }).some((issue) => issue.startsWith(field))).toBe(true);
  });

  it('requires ipcCodes to contain ipcMain', () => {
    expect(
      issuesOf({ ...validPatent, ipcCodes: ['H01M 4/58', 'C01B 32/05'], ipcSubclasses: ['H01M', 'C01B'] }),
    ).toEqual(['ipcCodes: IPC分类号须包含IPC主分类号']);
  });

  it('requires ipcSections and ipcSubclasses to match ipcCodes', () => {
    const issues = issuesOf({ ...validPatent, ipcSections: ['H'], ipcSubclasses: ['H01M', 'C01B', 'G06F'] });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^ipcSections/);
    expect(issues[1]).toMatch(/^ipcSubclasses/);
  });

  it('requires both levels of the industry tags', () => {
    const issues = issuesOf({ ...validPatent, strategicIndustries: ['5.2'], economicIndustries: ['38'] });
    expect(issues).toEqual([
      'strategicIndustries: 战略性新兴产业 5.2 缺少其上级分类 5',
      'economicIndustries: 国民经济行业 38 缺少其门类 C',
    ]);
  });
});

describe('portfolio and institution schemas', () => {
  it('accepts a portfolio and refuses a bad patent id', () => {
    const portfolio = {
      id: '65a1b2c3d4e5f60718293a11',
      name: '锂电池正极材料专利组合',
      institutionId: '65a1b2c3d4e5f60718293a00',
      institutionName: '某某大学',
      description: '',
      patentIds: ['65a1b2c3d4e5f60718293a4b', '65a1b2c3d4e5f60718293a4c'],
    };
    expect(portfolioSchema.parse(portfolio)).toEqual(portfolio);
    expect(portfolioSchema.safeParse({ ...portfolio, patentIds: ['x'] }).success).toBe(false);
  });

  it('accepts an institution with or without region and refuses an unknown kind', () => {
    const institution = { id: '65a1b2c3d4e5f60718293a00', name: '某某研究所', kind: 'institute' };
    expect(institutionSchema.parse(institution)).toEqual(institution);
    expect(institutionSchema.safeParse({ ...institution, region: '上海市' }).success).toBe(true);
    expect(institutionSchema.safeParse({ ...institution, kind: 'enterprise' }).success).toBe(false);
  });
});
