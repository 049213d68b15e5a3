import { z } from 'zod';

/** 企业类别 codes, stable keys stored on enterprise accounts. */
export const enterpriseCategoryCodes = [
  'ip_advantage_demo',
  'specialized_sme',
  'high_tech',
  'central_soe',
  'state_owned',
  'other',
] as const;

/** One enterprise category code. */
export type EnterpriseCategory = (typeof enterpriseCategoryCodes)[number];

/** Chinese labels of the enterprise categories. */
export const enterpriseCategoryLabels: Readonly<Record<EnterpriseCategory, string>> = {
  ip_advantage_demo: '知识产权优势示范企业',
  specialized_sme: '专精特新中小企业',
  high_tech: '高新技术企业',
  central_soe: '中央企业',
  state_owned: '国有企业',
  other: '其他',
};

/** The categories in display order with their labels. */
export const enterpriseCategories: readonly { code: EnterpriseCategory; label: string }[] =
  enterpriseCategoryCodes.map((code) => ({ code, label: enterpriseCategoryLabels[code] }));

/** True for a known enterprise category code. */
export function isEnterpriseCategory(code: string): code is EnterpriseCategory {
  return (enterpriseCategoryCodes as readonly string[]).includes(code);
}

/** Zod schema of an enterprise category code. */
export const enterpriseCategorySchema = z.enum(enterpriseCategoryCodes);
