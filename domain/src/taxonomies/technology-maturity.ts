import { z } from 'zod';

/**
 * 技术成熟度 of a registered patent (part of its 建档信息), from laboratory to mass production. Codes are
 * stored; `rank` orders them so filters like "at least 中试" compare ranks, not labels.
 */
export const technologyMaturityCodes = ['lab', 'bench', 'pilot', 'small_batch', 'mass_production'] as const;

/** One maturity code. */
export type TechnologyMaturity = (typeof technologyMaturityCodes)[number];

/** A maturity level with its label and rank (1 = least mature). */
export interface TechnologyMaturityLevel {
  code: TechnologyMaturity;
  label: string;
  rank: number;
}

/** The levels from least to most mature. */
export const technologyMaturityLevels: readonly TechnologyMaturityLevel[] = [
  { code: 'lab', label: '实验室阶段', rank: 1 },
  { code: 'bench', label: '小试', rank: 2 },
  { code: 'pilot', label: '中试', rank: 3 },
  { code: 'small_batch', label: '小批量生产', rank: 4 },
  { code: 'mass_production', label: '可量产', rank: 5 },
];

const byCode: ReadonlyMap<string, TechnologyMaturityLevel> = new Map(
  technologyMaturityLevels.map((level) => [level.code, level]),
);

/** True for a known maturity code. */
export function isTechnologyMaturity(code: string): code is TechnologyMaturity {
  return byCode.has(code);
}

/** The level for a code, or undefined. */
export function getTechnologyMaturity(code: string): TechnologyMaturityLevel | undefined {
  return byCode.get(code);
}

/** The code for a Chinese label as typed in registration spreadsheets ('中试' -> 'pilot'), or undefined. */
export function technologyMaturityFromLabel(label: string): TechnologyMaturity | undefined {
  const trimmed = label.trim();
  return technologyMaturityLevels.find((level) => level.label === trimmed)?.code;
}

/** Zod schema of a maturity code. */
export const technologyMaturitySchema = z.enum(technologyMaturityCodes);
