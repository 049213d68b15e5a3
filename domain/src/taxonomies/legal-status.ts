import { z } from 'zod';

/** 法律状态 codes, stable keys stored on patents. */
export const legalStatusCodes = ['valid', 'pending', 'invalid'] as const;

/** One legal status code. */
export type LegalStatus = (typeof legalStatusCodes)[number];

/** Chinese labels of the legal statuses. */
export const legalStatusLabels: Readonly<Record<LegalStatus, string>> = {
  valid: '有效',
  pending: '审中',
  invalid: '失效',
};

/** The statuses in display order with their labels. */
export const legalStatuses: readonly { code: LegalStatus; label: string }[] = legalStatusCodes.map(
  (code) => ({
    code,
    label: legalStatusLabels[code],
  }),
);

/** True for a known legal status code. */
export function isLegalStatus(code: string): code is LegalStatus {
  return (legalStatusCodes as readonly string[]).includes(code);
}

/** The code for a Chinese label ('有效' -> 'valid'), or undefined. */
export function legalStatusFromLabel(label: string): LegalStatus | undefined {
  const trimmed = label.trim();
  return legalStatusCodes.find((code) => legalStatusLabels[code] === trimmed);
}

/** Zod schema of a legal status code. */
export const legalStatusSchema = z.enum(legalStatusCodes);
