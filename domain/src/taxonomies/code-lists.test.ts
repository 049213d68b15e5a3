import { describe, it, expect } from 'vitest';
import { isPatentType, patentTypeFromLabel, patentTypeSchema, patentTypes } from './patent-types';
import { isLegalStatus, legalStatusFromLabel, legalStatusSchema, legalStatuses } from './legal-status';
import {
  enterpriseCategories,
  enterpriseCategorySchema,
  isEnterpriseCategory,
} from './enterprise-categories';
import {
  getTechnologyMaturity,
  technologyMaturityFromLabel,
  technologyMaturityLevels,
  technologyMaturitySchema,
} from './technology-maturity';

describe('patent types', () => {
  it('maps codes to the CNIPA labels and back', () => {
    expect(patentTypes).toEqual([
      { code: 'invention', label: '发明' },
      { code: 'utility_model', label: '实用新型' },
      { code: 'design', label: '外观设计' },
    ]);
    expect(patentTypeFromLabel(' 实用新型 ')).toBe('utility_model');
    expect(patentTypeFromLabel('发明专利申请')).toBeUndefined();
    expect(isPatentType('design')).toBe(true);
    expect(patentTypeSchema.safeParse('plant').success).toBe(false);
  });
});

describe('legal status', () => {
  it('maps codes to labels and back', () => {
    expect(legalStatuses.map((s) => `${s.code}:${s.label}`)).toEqual([
      'valid:有效',
      'pending:审中',
      'invalid:失效',
    ]);
    expect(legalStatusFromLabel('失效')).toBe('invalid');
    expect(legalStatusFromLabel('未知')).toBeUndefined();
    expect(isLegalStatus('pending')).toBe(true);
    expect(legalStatusSchema.safeParse('expired').success).toBe(false);
  });
});

describe('enterprise categories', () => {
  it('has the six categories with snake_case codes', () => {
    expect(enterpriseCategories.map((c) => c.label)).toEqual([
      '知识产权优势示范企业',
      '专精特新中小企业',
      '高新技术企业',
      '中央企业',
      '国有企业',
      '其他',
    ]);
    for (const { code } of enterpriseCategories) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(isEnterpriseCategory('high_tech')).toBe(true);
    expect(enterpriseCategorySchema.safeParse('高新技术企业').success).toBe(false);
  });
});

describe('technology maturity', () => {
  it('orders the levels from laboratory to mass production', () => {
    expect(technologyMaturityLevels.map((l) => l.label)).toEqual([
      '实验室阶段',
      '小试',
      '中试',
      '小批量生产',
      '可量产',
    ]);
    expect(technologyMaturityLevels.map((l) => l.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(
      (getTechnologyMaturity('pilot')?.rank ?? 0) < (getTechnologyMaturity('small_batch')?.rank ?? 0),
    ).toBe(true);
  });

  it('maps spreadsheet labels to codes', () => {
    expect(technologyMaturityFromLabel('中试')).toBe('pilot');
    expect(technologyMaturityFromLabel('概念')).toBeUndefined();
    expect(technologyMaturitySchema.safeParse('mass_production').success).toBe(true);
    expect(technologyMaturitySchema.safeParse('中试').success).toBe(false);
  });
});
