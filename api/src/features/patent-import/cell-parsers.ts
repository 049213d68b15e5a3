import { parseApplicationNumber } from '@panhuo/domain/patents/application-number';
import type { ApplicationNumber } from '@panhuo/domain/patents/application-number';
import { cooperationModes, isCooperationModeCode } from '@panhuo/domain/taxonomies/cooperation-modes';
import type { CooperationModeCode } from '@panhuo/domain/taxonomies/cooperation-modes';
import { economicDivisions, economicSections } from '@panhuo/domain/taxonomies/economic-industries';
import { normalizeIpc, splitIpcCodes } from '@panhuo/domain/taxonomies/ipc';
import { isLegalStatus, legalStatusFromLabel } from '@panhuo/domain/taxonomies/legal-status';
import type { LegalStatus } from '@panhuo/domain/taxonomies/legal-status';
import { isPatentType, patentTypeFromLabel } from '@panhuo/domain/taxonomies/patent-types';
import type { PatentType } from '@panhuo/domain/taxonomies/patent-types';
import { strategicIndustries } from '@panhuo/domain/taxonomies/strategic-industries';
import {
  isTechnologyMaturity,
  technologyMaturityFromLabel,
  technologyMaturityLevels,
} from '@panhuo/domain/taxonomies/technology-maturity';
import type { TechnologyMaturity } from '@panhuo/domain/taxonomies/technology-maturity';
import { institutionKindLabels } from '@panhuo/domain/institutions/institution';
import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import { normalizeText, textProblem, textProblemMessage } from '@panhuo/domain/text';

/**
 * Readers for single cells of the import file, one per kind of column: each takes the trimmed, non-empty
 * cell text and returns a typed value or a Chinese message for the clerk. They accept what clerks and
 * CNIPA / database exports actually write (labels or codes, several date spellings, names containing 、),
 * and resolve everything through the domain taxonomies; nothing here re-encodes a taxonomy.
 */

/** A cell read: its value, or what is wrong with it (Chinese, shown to the clerk). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Multi-value cells are split on ; ； , ， 、 and line breaks. */
const listSeparators = /[;；,，、\r\n]+/;
/** Taxonomy names contain 、 themselves (互联网与云计算、大数据服务), so those cells split on 、 only when needed. */
const taxonomySeparators = /[;；,，\r\n]+/;

/** Splits a multi-value cell into trimmed, non-empty, distinct values in order. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(listSeparators)
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    ),
  ];
}

/** How many names a list cell (申请人, 发明人, 代理人) may hold. */
const MAX_NAMES = 100;

/**
 * The one text hygiene of the platform (domain/text.ts) for a cell: trimmed of invisible characters, no
 * control characters, lone surrogates or bidi overrides (an .xlsx cell can hold any of them), line breaks
 * only where `multiline`, at most `max` characters. A cell of only invisible characters is refused rather
 * than stored as an empty title.
 */
export function freeText(max: number, multiline = false): (value: string) => Parsed<string> {
  return (value) => {
    const cleaned = normalizeText(value, multiline);
    if (cleaned === '') return fail('此项只有不可见的字符，请填写内容或留空');
    const problem = textProblem(cleaned, multiline);
    if (problem) return fail(textProblemMessage(problem, '此项'));
    if (cleaned.length > max) return fail(`此项最多${max}个字`);
    return ok(cleaned);
  };
}

/** A list of names (split as splitList does), each a single-line freeText of at most `max` characters. */
export function nameList(max: number): (value: string) => Parsed<string[]> {
  const one = freeText(max);
  return (value) => {
    const values: string[] = [];
    for (const piece of splitList(value)) {
      const read = one(piece);
      if (!read.ok) return fail(`「${piece.slice(0, 20)}」：${read.message}`);
      if (!values.includes(read.value)) values.push(read.value);
    }
    if (values.length > MAX_NAMES) return fail(`此项最多${MAX_NAMES}个名称`);
    return ok(values);
  };
}

// --- 申请号 ------------------------------------------------------------------------------------------

export function applicationNumber(value: string): Parsed<ApplicationNumber> {
  // Excel shows a long number typed into a General cell as 2.01711E+11 and saves the CSV that way.
  if (/^\d+(\.\d+)?E\+\d+$/i.test(value)) {
    return fail(`申请号「${value}」被 Excel 显示成了科学计数法，请把该列设为“文本”格式后重新填写`);
  }
  const parsed = parseApplicationNumber(value);
  return parsed.ok ? ok(parsed.value) : fail(parsed.message);
}

// --- dates ------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' when y/m/d is a real calendar date in a plausible range. */
function calendarDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1980 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel's day serial (1900 date system) as a calendar date; Excel-typed CSVs sometimes carry it raw. */
function excelSerialDate(serial: number): string | null {
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return calendarDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const dateForms = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, // 2012-07-18, 2012/7/18, 2012.07.18
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, // 2012年7月18日
  /^(\d{4})(\d{2})(\d{2})$/, // 20120718
];

/** Reads a date as clerks and CNIPA exports write it; output 'YYYY-MM-DD'. */
export function parseDate(value: string): Parsed<string> {
  const input = value.normalize('NFKC').replace(/\s+/g, '');
  const serial = /^\d{5}$/.test(input) ? excelSerialDate(Number(input)) : null;
  if (serial) return ok(serial);
  for (const form of dateForms) {
    const m = form.exec(input);
    if (!m) continue;
    const date = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) return ok(date);
  }
  return fail(`日期「${value}」无法识别，请写成 2012-07-18 这样的年-月-日`);
}

/** 登记入库时间: a date, optionally with a time, in Beijing time (UTC+8). */
export function parseDateTime(value: string): Parsed<Date> {
  const input = value.normalize('NFKC').trim();
  const m = /^(.+?)(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(input);
  const day = m?.[1] ? parseDate(m[1]) : undefined;
  if (!m || !day?.ok) return fail(`登记入库时间「${value}」无法识别，请写成 2024-01-21 或 2024-01-21 15:17`);
  const [hh, mm, ss] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return fail(`登记入库时间「${value}」的时刻不正确`);
  return ok(new Date(`${day.value}T${pad(hh)}:${pad(mm)}:${pad(ss)}+08:00`));
}

// --- codes with Chinese labels ---------------------------------------------------------------------

// Labels as CNIPA and commercial databases export them, beside the domain's own labels and codes.
const patentTypeAliases: Readonly<Record<string, PatentType>> = {
  发明专利: 'invention',
  发明公布: 'invention',
  发明授权: 'invention',
  实用新型专利: 'utility_model',
  外观设计专利: 'design',
};
const legalStatusAliases: Readonly<Record<string, LegalStatus>> = {
  有权: 'valid',
  授权: 'valid',
  在审: 'pending',
  审查中: 'pending',
  实质审查: 'pending',
  公开: 'pending',
  无权: 'invalid',
};
const institutionKindAliases: Readonly<Record<string, InstitutionKind>> = {
  高等学校: 'university',
  高等院校: 'university',
  科研机构: 'institute',
  university: 'university',
  institute: 'institute',
};
const cooperationModeAliases: Readonly<Record<string, CooperationModeCode>> = {
  技术合作开发: 'joint_development',
  共建联合实验室: 'joint_development',
  合作开发: 'joint_development',
};

export function patentType(value: string): Parsed<PatentType> {
  const code =
    patentTypeFromLabel(value) ?? patentTypeAliases[value] ?? (isPatentType(value) ? value : undefined);
  return code ? ok(code) : fail(`专利类型「${value}」不正确，应为 发明、实用新型 或 外观设计`);
}

export function legalStatus(value: string): Parsed<LegalStatus> {
  const code =
    legalStatusFromLabel(value) ?? legalStatusAliases[value] ?? (isLegalStatus(value) ? value : undefined);
  return code ? ok(code) : fail(`法律状态「${value}」不正确，应为 有效、审中 或 失效`);
}

export function institutionKind(value: string): Parsed<InstitutionKind> {
  const byLabel = (Object.keys(institutionKindLabels) as InstitutionKind[]).find(
    (k) => institutionKindLabels[k] === value,
  );
  const code = byLabel ?? institutionKindAliases[value];
  return code ? ok(code) : fail(`单位类型「${value}」不正确，应为 高校 或 科研院所`);
}

export function yesNo(value: string): Parsed<boolean> {
  if (['是', 'Y', 'y', 'TRUE', 'true', '1'].includes(value)) return ok(true);
  if (['否', 'N', 'n', 'FALSE', 'false', '0'].includes(value)) return ok(false);
  return fail(`「${value}」应为 是 或 否`);
}

export function maturity(value: string): Parsed<TechnologyMaturity> {
  const code = technologyMaturityFromLabel(value) ?? (isTechnologyMaturity(value) ? value : undefined);
  const labels = technologyMaturityLevels.map((l) => l.label).join('、');
  return code ? ok(code) : fail(`技术成熟度「${value}」不正确，应为 ${labels} 之一`);
}

export function cooperation(value: string): Parsed<CooperationModeCode[]> {
  const out: CooperationModeCode[] = [];
  const unknown: string[] = [];
  // Split on the usual separators except '/', which is part of the label 技术合作开发/共建联合实验室.
  for (const piece of splitList(value)) {
    const code =
      cooperationModes.find((m) => m.label === piece)?.code ??
      cooperationModeAliases[piece] ??
      (isCooperationModeCode(piece) ? piece : undefined);
    if (code) {
      if (!out.includes(code)) out.push(code);
    } else unknown.push(piece);
  }
  if (unknown.length > 0) {
    const hint = unknown.includes('许可') ? '（“许可”请写明 普通许可、排他许可 或 独占许可）' : '';
    return fail(
      `合作方式「${unknown.join('、')}」不正确${hint}，可选：${cooperationModes.map((m) => m.label).join('、')}`,
    );
  }
  return ok(out);
}

// --- IPC --------------------------------------------------------------------------------------------

export function ipcMain(value: string): Parsed<string> {
  const code = normalizeIpc(value);
  return code ? ok(code) : fail(`IPC主分类号「${value}」不是有效的IPC分类号（例如 H01M 4/36）`);
}

export function ipcList(value: string): Parsed<string[]> {
  const { codes, invalid } = splitIpcCodes(value);
  return invalid.length === 0
    ? ok(codes)
    : fail(`IPC分类号「${invalid.join('、')}」不是有效的IPC分类号（例如 H01M 4/36）`);
}

// --- industry taxonomies ----------------------------------------------------------------------------

/**
 * Reads a cell of taxonomy codes or names. Names may contain 、 themselves, so each ;-separated segment is
 * cut at 、 and the longest run of pieces that names a known entry wins ('互联网与云计算、大数据服务、人工智能'
 * is two entries).
 */
function taxonomyList(
  value: string,
  resolve: (token: string) => string | undefined,
  label: string,
): Parsed<string[]> {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const segment of value.split(taxonomySeparators)) {
    const pieces = segment.split('、').map((p) => p.trim());
    let i = 0;
    while (i < pieces.length) {
      let matched = false;
      for (let j = pieces.length; j > i; j--) {
        const code = resolve(pieces.slice(i, j).join('、'));
        if (code) {
          if (!out.includes(code)) out.push(code);
          i = j;
          matched = true;
          break;
        }
      }
      if (!matched) {
        if (pieces[i]) unknown.push(pieces[i] ?? '');
        i++;
      }
    }
  }
  if (unknown.length > 0) return fail(`未知的${label}代码或名称「${unknown.join('、')}」`);
  return ok(out);
}

const strategicByName = new Map(strategicIndustries.map((s) => [s.name, s.code as string]));
const strategicCodes = new Set(strategicIndustries.map((s) => s.code as string));

/** '1.2', '1.2.3' (the 2018 classification's third level, read as its sub-category), '1', or a name. */
function resolveStrategic(token: string): string | undefined {
  const t = token.normalize('NFKC').trim();
  const code = /^(\d+(?:\.\d+)?)(?:\.\d+)*(?:\s+\S.*)?$/.exec(t)?.[1];
  if (code) return strategicCodes.has(code) ? code : undefined;
  return strategicByName.get(t);
}

const economicByName = new Map<string, string>([
  ...economicSections.map((s) => [s.name, s.code as string] as const),
  ...economicDivisions.map((d) => [d.name, d.code as string] as const),
]);
const economicSectionOf = new Map(economicDivisions.map((d) => [d.code as string, d.section as string]));
const economicSectionCodes = new Set(economicSections.map((s) => s.code as string));

/** 'C', '38', 'C38', a 3- or 4-digit class like 'C3841' (read as its division), or a name. */
function resolveEconomic(token: string): string | undefined {
  const t = token.normalize('NFKC').trim().toUpperCase();
  const m = /^([A-T])?(\d{2})(\d{1,2})?(?:\s+\S.*)?$/.exec(t);
  if (m?.[2]) {
    const section = economicSectionOf.get(m[2]);
    if (!section || (m[1] && m[1] !== section)) return undefined;
    return m[2];
  }
  if (/^[A-T]$/.test(t)) return economicSectionCodes.has(t) ? t : undefined;
  return economicByName.get(token.normalize('NFKC').trim());
}

export const strategicList = (value: string) => taxonomyList(value, resolveStrategic, '战略性新兴产业');
export const economicList = (value: string) => taxonomyList(value, resolveEconomic, '国民经济行业');

// --- 公开(公告)号 -------------------------------------------------------------------------------------

/** A publication number with the patent type its kind letter implies. */
export interface PublicationNumber {
  normalized: string;
  kind: PatentType;
}

const publicationKinds: Readonly<Record<string, PatentType>> = {
  A: 'invention',
  B: 'invention',
  C: 'invention',
  U: 'utility_model',
  Y: 'utility_model',
  S: 'design',
  D: 'design',
};

export function publicationNumber(value: string): Parsed<PublicationNumber> {
  const t = value.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  const m = /^CN(\d{7,9})([ABCUYSD])(\d?)$/.exec(t);
  const kind = m?.[2] ? publicationKinds[m[2]] : undefined;
  if (!m || !kind)
    return fail(`公开(公告)号「${value}」格式不正确，应为如 CN102738433A 的 CN+9位数字+类型字母`);
  return ok({ normalized: t, kind });
}
