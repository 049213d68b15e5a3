import { z } from 'zod';

/**
 * 战略性新兴产业分类(2018) (National Bureau of Statistics order no. 23): 9 categories and their 40
 * sub-categories. Codes are the stable keys stored on patents and enterprise preferences; names are only for
 * display, so a renamed label never invalidates stored data.
 */
const categories = [
  {
    code: '1',
    name: '新一代信息技术产业',
    subcategories: [
      { code: '1.1', name: '下一代信息网络产业' },
      { code: '1.2', name: '电子核心产业' },
      { code: '1.3', name: '新兴软件和新型信息技术服务' },
      { code: '1.4', name: '互联网与云计算、大数据服务' },
      { code: '1.5', name: '人工智能' },
    ],
  },
  {
    code: '2',
    name: '高端装备制造产业',
    subcategories: [
      { code: '2.1', name: '智能制造装备产业' },
      { code: '2.2', name: '航空装备产业' },
      { code: '2.3', name: '卫星及应用产业' },
      { code: '2.4', name: '轨道交通装备产业' },
      { code: '2.5', name: '海洋工程装备产业' },
    ],
  },
  {
    code: '3',
    name: '新材料产业',
    subcategories: [
      { code: '3.1', name: '先进钢铁材料' },
      { code: '3.2', name: '先进有色金属材料' },
      { code: '3.3', name: '先进石化化工新材料' },
      { code: '3.4', name: '先进无机非金属材料' },
      { code: '3.5', name: '高性能纤维及制品和复合材料' },
      { code: '3.6', name: '前沿新材料' },
      { code: '3.7', name: '新材料相关服务' },
    ],
  },
  {
    code: '4',
    name: '生物产业',
    subcategories: [
      { code: '4.1', name: '生物医药产业' },
      { code: '4.2', name: '生物医学工程产业' },
      { code: '4.3', name: '生物农业及相关产业' },
      { code: '4.4', name: '生物质能产业' },
      { code: '4.5', name: '其他生物业' },
    ],
  },
  {
    code: '5',
    name: '新能源汽车产业',
    subcategories: [
      { code: '5.1', name: '新能源汽车整车制造' },
      { code: '5.2', name: '新能源汽车装置、配件制造' },
      { code: '5.3', name: '新能源汽车相关设施制造' },
      { code: '5.4', name: '新能源汽车相关服务' },
    ],
  },
  {
    code: '6',
    name: '新能源产业',
    subcategories: [
      { code: '6.1', name: '核电产业' },
      { code: '6.2', name: '风能产业' },
      { code: '6.3', name: '太阳能产业' },
      { code: '6.4', name: '生物质能及其他新能源产业' },
      { code: '6.5', name: '智能电网产业' },
    ],
  },
  {
    code: '7',
    name: '节能环保产业',
    subcategories: [
      { code: '7.1', name: '高效节能产业' },
      { code: '7.2', name: '先进环保产业' },
      { code: '7.3', name: '资源循环利用产业' },
    ],
  },
  {
    code: '8',
    name: '数字创意产业',
    subcategories: [
      { code: '8.1', name: '数字创意技术设备制造' },
      { code: '8.2', name: '数字文化创意活动' },
      { code: '8.3', name: '设计服务' },
      { code: '8.4', name: '数字创意与融合服务' },
    ],
  },
  {
    code: '9',
    name: '相关服务业',
    subcategories: [
      { code: '9.1', name: '新技术与创新创业服务' },
      { code: '9.2', name: '其他相关服务' },
    ],
  },
] as const;

/** Code of a top-level category, '1'..'9'. */
export type StrategicCategoryCode = (typeof categories)[number]['code'];
/** Code of a sub-category, '1.1'..'9.2'. */
export type StrategicSubcategoryCode = (typeof categories)[number]['subcategories'][number]['code'];
/** Any code of the taxonomy, either level. */
export type StrategicIndustryCode = StrategicCategoryCode | StrategicSubcategoryCode;

/** One node of the taxonomy, flattened: categories have level 1 and no parent. */
export interface StrategicIndustry {
  code: StrategicIndustryCode;
  name: string;
  level: 1 | 2;
  parent: StrategicCategoryCode | null;
}

/** A category with its sub-categories, in official order (for facet trees and preference forms). */
export interface StrategicIndustryCategory {
  code: StrategicCategoryCode;
  name: string;
  subcategories: readonly { code: StrategicSubcategoryCode; name: string }[];
}

/** The 9 categories with their sub-categories, in official order. */
export const strategicIndustryTree: readonly StrategicIndustryCategory[] = categories;

/** Every node, both levels, each category followed by its sub-categories. */
export const strategicIndustries: readonly StrategicIndustry[] = categories.flatMap((category) => [
  { code: category.code, name: category.name, level: 1 as const, parent: null },
  ...category.subcategories.map((sub) => ({
    code: sub.code,
    name: sub.name,
    level: 2 as const,
    parent: category.code,
  })),
]);

/** Lookup of any node by its code. */
export const strategicIndustryByCode: ReadonlyMap<string, StrategicIndustry> = new Map(
  strategicIndustries.map((industry) => [industry.code, industry]),
);

/** True when `code` is a category or sub-category code of the taxonomy. */
export function isStrategicIndustryCode(code: string): code is StrategicIndustryCode {
  return strategicIndustryByCode.has(code);
}

/** The node for `code`, or undefined when the code is unknown. */
export function getStrategicIndustry(code: string): StrategicIndustry | undefined {
  return strategicIndustryByCode.get(code);
}

/** The category of a sub-category ('3.6' -> '3'); null for a category or an unknown code. */
export function parentOf(code: string): StrategicCategoryCode | null {
  return strategicIndustryByCode.get(code)?.parent ?? null;
}

/** The display name of a code, or undefined when unknown. */
export function strategicIndustryName(code: string): string | undefined {
  return strategicIndustryByCode.get(code)?.name;
}

/**
 * Expands codes to both levels, each category placed before its first sub-category, without duplicates and
 * dropping unknown codes: ['3.6', '3.2'] -> ['3', '3.6', '3.2']. Stored tags carry both levels so a filter
 * on a category matches patents tagged only with one of its sub-categories.
 */
export function withStrategicParents(codes: Iterable<string>): StrategicIndustryCode[] {
  const out = new Set<StrategicIndustryCode>();
  for (const code of codes) {
    const node = strategicIndustryByCode.get(code);
    if (!node) continue;
    if (node.parent) out.add(node.parent);
    out.add(node.code);
  }
  return [...out];
}

/** Zod schema of one code, either level. */
export const strategicIndustryCodeSchema = z
  .string()
  .refine(isStrategicIndustryCode, { message: '未知的战略性新兴产业代码' });
