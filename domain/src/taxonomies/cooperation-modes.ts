import { z } from 'zod';

/**
 * 合作方式: how an institution offers a patent. Codes are the stable keys stored on patents and enterprise
 * preferences. The three license kinds share the parent group 许可; 开放许可 (Patent Law arts. 50–52: the
 * patentee publishes the fee and terms, anyone may take it) is a separate mode, not a member of that group.
 */
export const cooperationModeCodes = [
  'transfer',
  'license_general',
  'license_exclusive',
  'license_sole',
  'open_license',
  'equity',
  'joint_development',
] as const;

/** One cooperation mode code. */
export type CooperationModeCode = (typeof cooperationModeCodes)[number];

/** Code of a grouping node shown above several modes. */
export type CooperationModeGroupCode = 'license';

/** A cooperation mode with its display label and, for the license kinds, its group. */
export interface CooperationMode {
  code: CooperationModeCode;
  label: string;
  group: CooperationModeGroupCode | null;
}

/** The modes in display order. */
export const cooperationModes: readonly CooperationMode[] = [
  { code: 'transfer', label: '转让', group: null },
  { code: 'license_general', label: '普通许可', group: 'license' },
  { code: 'license_exclusive', label: '排他许可', group: 'license' },
  { code: 'license_sole', label: '独占许可', group: 'license' },
  { code: 'open_license', label: '开放许可', group: null },
  { code: 'equity', label: '作价入股', group: null },
  { code: 'joint_development', label: '技术合作开发/共建联合实验室', group: null },
];

/** The grouping nodes with their members (for a tree-shaped picker: 许可 > 普通/排他/独占). */
export const cooperationModeGroups: readonly {
  code: CooperationModeGroupCode;
  label: string;
  modes: readonly CooperationModeCode[];
}[] = [{ code: 'license', label: '许可', modes: ['license_general', 'license_exclusive', 'license_sole'] }];

const byCode: ReadonlyMap<string, CooperationMode> = new Map(cooperationModes.map((m) => [m.code, m]));

/** True for a known cooperation mode code. */
export function isCooperationModeCode(code: string): code is CooperationModeCode {
  return byCode.has(code);
}

/** The mode for a code, or undefined. */
export function getCooperationMode(code: string): CooperationMode | undefined {
  return byCode.get(code);
}

/** The Chinese label of a mode or group code, or undefined when unknown. */
export function cooperationModeLabel(code: string): string | undefined {
  return byCode.get(code)?.label ?? cooperationModeGroups.find((g) => g.code === code)?.label;
}

/**
 * Expands filter codes to mode codes: a group code stands for all its members ('license' -> the three
 * license kinds). Returns null when any code is unknown, so callers can answer `unknown_filter_code`.
 */
export function expandCooperationModes(codes: readonly string[]): CooperationModeCode[] | null {
  const out = new Set<CooperationModeCode>();
  for (const code of codes) {
    const group = cooperationModeGroups.find((g) => g.code === code);
    if (group) group.modes.forEach((m) => out.add(m));
    else if (isCooperationModeCode(code)) out.add(code);
    else return null;
  }
  return [...out];
}

/** Zod schema of one mode code. */
export const cooperationModeSchema = z.enum(cooperationModeCodes);
