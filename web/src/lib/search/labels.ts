import { cooperationModeLabel } from '@panhuo/domain/taxonomies/cooperation-modes';
import {
  economicIndustryName,
  isEconomicDivisionCode,
  sectionOf,
} from '@panhuo/domain/taxonomies/economic-industries';
import { ipcSectionName, ipcSubclassTitle, parseIpc } from '@panhuo/domain/taxonomies/ipc';
import { isLegalStatus, legalStatusLabels } from '@panhuo/domain/taxonomies/legal-status';
import { isPatentType, patentTypeLabels } from '@panhuo/domain/taxonomies/patent-types';
import { parentOf, strategicIndustryName } from '@panhuo/domain/taxonomies/strategic-industries';
import { getTechnologyMaturity } from '@panhuo/domain/taxonomies/technology-maturity';
import { institutionKindLabels } from '@panhuo/domain/institutions/institution';
import type { CodeFilterKey } from '@panhuo/domain/search/keys';

/**
 * Chinese display text for the codes patents carry, from the domain taxonomies (the same ones the API
 * validates against). An unknown code is shown as itself rather than hidden. Pure.
 */

/** 专利类型: 'invention' -> '发明'. */
export function patentTypeLabel(code: string): string {
  return isPatentType(code) ? patentTypeLabels[code] : code;
}

/** 法律状态: 'valid' -> '有效'. */
export function legalStatusLabel(code: string): string {
  return isLegalStatus(code) ? legalStatusLabels[code] : code;
}

/** 合作方式 (also the group code 'license' -> '许可'). */
export function cooperationLabel(code: string): string {
  return cooperationModeLabel(code) ?? code;
}

/** 技术成熟度: 'pilot' -> '中试'. */
export function maturityLabel(code: string): string {
  return getTechnologyMaturity(code)?.label ?? code;
}

/** 单位类型: 'university' -> '高校'. */
export function institutionKindLabel(code: string): string {
  return (institutionKindLabels as Record<string, string>)[code] ?? code;
}

/** 战略性新兴产业 name of either level. */
export function strategicLabel(code: string): string {
  return strategicIndustryName(code) ?? code;
}

/** 国民经济行业 name of a 门类 or 大类. */
export function economicLabel(code: string): string {
  return economicIndustryName(code) ?? code;
}

/** 'H' -> 'H 电学'. */
export function ipcSectionLabel(code: string): string {
  const name = ipcSectionName(code);
  return name ? `${code} ${name}` : code;
}

/** Title of the subclass of any IPC symbol ('H01M 4/36' -> the H01M title), when the domain lists it. */
export function ipcSubclassTitleOf(symbol: string): string | undefined {
  const parsed = parseIpc(symbol);
  return parsed ? ipcSubclassTitle(parsed.subclass) : undefined;
}

/** 'H01M' -> 'H01M 用于直接转变化学能为电能的方法或装置，例如电池组'. */
export function ipcSubclassLabel(code: string): string {
  const title = ipcSubclassTitle(code.toUpperCase());
  return title ? `${code} ${title}` : code;
}

/**
 * The most specific codes of a two-level tag list: a category is dropped when one of its sub-categories is
 * present (patents carry both levels, so ['5', '5.2'] shows only 5.2's name). Order is kept.
 */
export function mostSpecific(codes: readonly string[], parent: (code: string) => string | null): string[] {
  const parents = new Set(codes.map(parent).filter((p): p is string => p !== null));
  return codes.filter((code) => !parents.has(code));
}

/** 战略性新兴产业 names of a patent, most specific level only. */
export function strategicNames(codes: readonly string[]): string[] {
  return mostSpecific(codes, parentOf).map(strategicLabel);
}

/** 国民经济行业 names of a patent, 大类 where known. */
export function economicNames(codes: readonly string[]): string[] {
  return mostSpecific(codes, (code) => (isEconomicDivisionCode(code) ? sectionOf(code) : null)).map(
    economicLabel,
  );
}

/** Chinese name of each filter, for chips, facet headings and field errors. */
export const filterNames: Readonly<Record<CodeFilterKey | 'validAtEnd2023' | 'registeredAt', string>> = {
  strategicIndustries: '战略性新兴产业',
  economicIndustries: '国民经济行业',
  ipcSection: 'IPC部',
  ipcSubclass: 'IPC小类',
  patentType: '专利类型',
  legalStatus: '法律状态',
  cooperationModes: '合作方式',
  institutionId: '登记单位',
  validAtEnd2023: '截至2023年底有效',
  registeredAt: '登记入库时间',
};

/** Label of a selected code of a filter; institutions are named by the caller (their names are data). */
export function codeLabel(key: CodeFilterKey, code: string): string {
  switch (key) {
    case 'strategicIndustries':
      return strategicLabel(code);
    case 'economicIndustries':
      return economicLabel(code);
    case 'ipcSection':
      return ipcSectionLabel(code);
    case 'ipcSubclass':
      return code.toUpperCase();
    case 'patentType':
      return patentTypeLabel(code);
    case 'legalStatus':
      return legalStatusLabel(code);
    case 'cooperationModes':
      return cooperationLabel(code);
    case 'institutionId':
      return code;
  }
}

const CHINA = 'Asia/Shanghai';

/** A timestamp as a China calendar day, '2024-05-20'. */
export function chinaDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // en-CA formats as YYYY-MM-DD.
  return date.toLocaleDateString('en-CA', { timeZone: CHINA });
}

/** A timestamp in China time to the minute, '2024-05-20 10:00'. */
export function chinaDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: CHINA,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** A count with thousands separators, '1,234'. */
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

const paramNames: Readonly<Record<string, string>> = {
  ...filterNames,
  q: '检索词',
  registeredFrom: '登记入库时间（起）',
  registeredTo: '登记入库时间（止）',
  sort: '排序方式',
  page: '页码',
  size: '每页条数',
  cursor: '翻页',
  limit: '导出条数',
};

/** The Chinese name of the parameter a field error points at ('query.strategicIndustries.0' -> '战略性新兴产业'). */
export function fieldLabel(path: string): string {
  const [part, name] = path.split('.');
  const key = part === 'query' || part === 'body' || part === 'params' ? name : part;
  return (key && paramNames[key]) ?? key ?? path;
}
