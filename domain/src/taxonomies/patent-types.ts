import { z } from 'zod';

/** 专利类型 codes, stable keys stored on patents. */
export const patentTypeCodes = ['invention', 'utility_model', 'design'] as const;

/** One patent type code. */
export type PatentType = (typeof patentTypeCodes)[number];

/** Chinese labels of the patent types. */
export const patentTypeLabels: Readonly<Record<PatentType, string>> = {
  invention: '发明',
  utility_model: '实用新型',
  design: '外观设计',
};

/** The types in display order with their labels. */
export const patentTypes: readonly { code: PatentType; label: string }[] = patentTypeCodes.map((code) => ({
  code,
  label: patentTypeLabels[code],
}));

/** True for a known patent type code. */
export function isPatentType(code: string): code is PatentType {
  return (patentTypeCodes as readonly string[]).includes(code);
}

/** The code for a Chinese label as found in CNIPA exports ('发明' -> 'invention'), or undefined. */
export function patentTypeFromLabel(label: string): PatentType | undefined {
  const trimmed = label.trim();
  return patentTypeCodes.find((code) => patentTypeLabels[code] === trimmed);
}

/** Zod schema of a patent type code. */
export const patentTypeSchema = z.enum(patentTypeCodes);
