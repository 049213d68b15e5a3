import { describe, it, expect } from 'vitest';
import { derivePatentClassification } from './derived-fields';
import { patentSchema } from './patent';

describe('derivePatentClassification', () => {
  it('normalizes IPC, puts the main symbol first and derives industries when none are given', () => {
    expect(
      derivePatentClassification({
        ipcMain: 'H01M4/36',
        ipcCodes: ['C01B32/05', 'H01M 4/36', 'h01m0004580000'],
      }),
    ).toEqual({
      ipcMain: 'H01M 4/36',
      ipcCodes: ['H01M 4/36', 'C01B 32/05', 'H01M 4/58'],
      ipcSections: ['H', 'C'],
      ipcSubclasses: ['H01M', 'C01B'],
      strategicIndustries: ['5', '5.2', '6', '6.5', '3', '3.3', '3.6'],
      economicIndustries: ['C', '38', '26'],
      industriesDerived: true,
    });
  });

  it('keeps industries given by the institution, expanded to both levels', () => {
    expect(
      derivePatentClassification({
        ipcMain: 'G06N 3/08',
        ipcCodes: [],
        strategicIndustries: ['1.5'],
        economicIndustries: ['65'],
      }),
    ).toMatchObject({
      strategicIndustries: ['1', '1.5'],
      economicIndustries: ['I', '65'],
      industriesDerived: false,
    });
  });

  it('derives only the taxonomy left empty', () => {
    expect(
      derivePatentClassification({ ipcMain: 'A61K 36/00', ipcCodes: [], strategicIndustries: ['4.3'] }),
    ).toMatchObject({
      strategicIndustries: ['4', '4.3'],
      economicIndustries: ['C', '27'],
      industriesDerived: true,
    });
  });

  it('refuses malformed symbols', () => {
    expect(derivePatentClassification({ ipcMain: 'H01M', ipcCodes: ['bad'] })).toBeNull();
    expect(derivePatentClassification({ ipcMain: 'nope', ipcCodes: [] })).toBeNull();
  });

  it('produces fields that satisfy the record invariants', () => {
    const fields = derivePatentClassification({
      ipcMain: 'H04W 72/04',
      ipcCodes: ['G06F 9/50', 'H04L 5/00'],
    });
    const record = {
      id: '65a1b2c3d4e5f60718293a4b',
      applicationNumber: '201710601862.3',
      applicationDate: '2017-07-21',
      patentType: 'invention',
      title: '一种资源调度方法',
      abstract: '',
      claims: '',
      legalStatus: 'pending',
      applicants: ['某某大学'],
      currentAssignees: [],
      inventors: ['张三'],
      institutionId: '65a1b2c3d4e5f60718293a00',
      institutionName: '某某大学',
      institutionKind: 'university',
      registeredAt: '2024-03-01T16:00:00+08:00',
      cooperationModes: [],
      validAtEnd2023: false,
      dossier: {},
      portfolioIds: [],
      ...fields,
    };
    expect(patentSchema.safeParse(record).error?.issues).toBeUndefined();
  });
});
