import { z } from 'zod';
import { patentTextLimits } from '@panhuo/domain/patents/patent';
import { cooperationModes } from '@panhuo/domain/taxonomies/cooperation-modes';
import { technologyMaturityLevels } from '@panhuo/domain/taxonomies/technology-maturity';
import {
  applicationNumber,
  cooperation,
  economicList,
  institutionKind,
  ipcList,
  ipcMain,
  legalStatus,
  maturity,
  freeText,
  nameList,
  parseDate,
  parseDateTime,
  patentType,
  publicationNumber,
  strategicList,
  yesNo,
} from './cell-parsers';
import type { Parsed } from './cell-parsers';

/**
 * The import file's columns: the Chinese header a clerk sees (the CNIPA record's field names plus the
 * registration fields), the record field it fills, whether it is required, and how one cell is read
 * (cell-parsers.ts). Cells arrive as trimmed strings ('' when empty or when an optional column is absent);
 * each column's zod schema turns its cell into a typed value or a Chinese message. Rules across cells and
 * rows live in validate-rows.ts.
 *
 * The templates (docs/import-template.csv / .xlsx, built from this list by template.ts) have the header
 * row, then a marker row saying 必填/选填 per column, then one example row. The importer skips the marker
 * row by itself, so a filled-in template imports as-is; the example row must be replaced by real data.
 */

/** A zod schema reading one cell with `parse`; '' gives `empty`, or "必填" when there is no `empty`. */
function cell<T>(parse: (value: string) => Parsed<T>): z.ZodType<T, string>;
function cell<T, E>(parse: (value: string) => Parsed<T>, empty: { value: E }): z.ZodType<T | E, string>;
function cell<T, E>(parse: (value: string) => Parsed<T>, empty?: { value: E }): z.ZodType<T | E, string> {
  return z.string().transform((value, ctx): T | E => {
    if (value === '') {
      if (empty) return empty.value;
      ctx.addIssue({ code: 'custom', message: '此项为必填项，不能为空' });
      return z.NEVER;
    }
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });
}

// --- the columns ------------------------------------------------------------------------------------

interface ColumnDoc {
  /** Chinese header, exactly as in the template. */
  header: string;
  required: boolean;
  /** Shown in the template's 填写说明. */
  hint: string;
  /** The template's example row. */
  example: string;
}

const empty = <E>(value: E) => ({ value });
const limits = patentTextLimits;

/** A name matched across rows and against the registry (登记单位, 组合专利名称): runs of whitespace are one space. */
const singleSpaced = (max: number) => {
  const read = freeText(max);
  return (value: string) => read(value.replace(/\s+/g, ' '));
};

/**
 * The row schema: one zod schema per column, keyed by the record field it fills. Input is the row's cells
 * as strings ('' for empty or absent optional columns).
 */
export const importRowSchema = z.object({
  applicationNumber: cell(applicationNumber),
  applicationDate: cell(parseDate),
  publicationNumber: cell(publicationNumber, empty(undefined)),
  publicationDate: cell(parseDate, empty(undefined)),
  grantDate: cell(parseDate, empty(undefined)),
  patentType: cell(patentType),
  title: cell(freeText(limits.title)),
  abstract: cell(freeText(limits.abstract, true), empty('')),
  claims: cell(freeText(limits.claims, true), empty('')),
  ipcMain: cell(ipcMain),
  ipcCodes: cell(ipcList, empty([])),
  applicants: cell(nameList(limits.name), empty([])),
  currentAssignees: cell(nameList(limits.name), empty([])),
  inventors: cell(nameList(limits.name), empty([])),
  address: cell(freeText(limits.address), empty(undefined)),
  agency: cell(freeText(limits.agency), empty(undefined)),
  agents: cell(nameList(limits.name), empty([])),
  legalStatus: cell(legalStatus),
  institutionName: cell(singleSpaced(limits.institutionName)),
  institutionKind: cell(institutionKind),
  registeredAt: cell(parseDateTime),
  strategicIndustries: cell(strategicList, empty([])),
  economicIndustries: cell(economicList, empty([])),
  cooperationModes: cell(cooperation, empty([])),
  validAtEnd2023: cell(yesNo, empty(false)),
  maturity: cell(maturity, empty(undefined)),
  scenarios: cell(freeText(limits.scenarios, true), empty(undefined)),
  contact: cell(freeText(limits.contact), empty(undefined)),
  terms: cell(freeText(limits.terms, true), empty(undefined)),
  portfolioName: cell(singleSpaced(limits.portfolioName), empty(undefined)),
  portfolioDescription: cell(freeText(limits.portfolioDescription, true), empty(undefined)),
});

/** A record field filled by a column. */
export type ColumnField = keyof typeof importRowSchema.shape;
/** One row's cells, by field. */
export type RowCells = Record<ColumnField, string>;
/** One row after its cells were read. */
export type ImportRow = z.output<typeof importRowSchema>;

const strategicExample = '5.2；前沿新材料';
const cooperationLabels = cooperationModes.map((m) => m.label).join('、');

/** Every column in template order, with its header, required flag and the template's guidance. */
export const columns: readonly (ColumnDoc & { field: ColumnField })[] = [
  {
    field: 'applicationNumber',
    header: '申请号',
    required: true,
    hint: '如 CN201210247723.2、201710870108.X；可不写校验位，写了必须正确',
    example: 'CN201710601862.3',
  },
  {
    field: 'applicationDate',
    header: '申请日',
    required: true,
    hint: '年-月-日，如 2017-07-21',
    example: '2017-07-21',
  },
  {
    field: 'publicationNumber',
    header: '公开(公告)号',
    required: false,
    hint: '如 CN102738433A',
    example: '',
  },
  { field: 'publicationDate', header: '公开日', required: false, hint: '年-月-日', example: '' },
  { field: 'grantDate', header: '授权公告日', required: false, hint: '年-月-日；未授权不填', example: '' },
  {
    field: 'patentType',
    header: '专利类型',
    required: true,
    hint: '发明、实用新型 或 外观设计（须与申请号第5位一致）',
    example: '发明',
  },
  {
    field: 'title',
    header: '发明名称',
    required: true,
    hint: '',
    example: '（示例）一种石墨烯锂离子电池正极材料的制备方法',
  },
  {
    field: 'abstract',
    header: '摘要',
    required: false,
    hint: '',
    example: '本发明公开了一种石墨烯锂离子电池正极材料的制备方法……',
  },
  {
    field: 'claims',
    header: '主权项',
    required: false,
    hint: '',
    example: '1.一种石墨烯锂离子电池正极材料的制备方法，其特征在于……',
  },
  { field: 'ipcMain', header: 'IPC主分类号', required: true, hint: '如 H01M 4/36', example: 'H01M 4/36' },
  {
    field: 'ipcCodes',
    header: 'IPC分类号',
    required: false,
    hint: '全部IPC分类号，多个用 ; 分隔',
    example: 'H01M 4/36;H01M 10/0525',
  },
  {
    field: 'applicants',
    header: '申请(专利权)人',
    required: false,
    hint: '多个用 ; 分隔',
    example: '示例大学',
  },
  {
    field: 'currentAssignees',
    header: '当前权利人',
    required: false,
    hint: '多个用 ; 分隔',
    example: '示例大学',
  },
  { field: 'inventors', header: '发明人', required: false, hint: '多个用 ; 分隔', example: '张三;李四' },
  { field: 'address', header: '地址', required: false, hint: '', example: '北京市海淀区示例路1号' },
  { field: 'agency', header: '代理机构', required: false, hint: '', example: '北京示例专利代理有限公司' },
  { field: 'agents', header: '代理人', required: false, hint: '多个用 ; 分隔', example: '王五' },
  { field: 'legalStatus', header: '法律状态', required: true, hint: '有效、审中 或 失效', example: '审中' },
  {
    field: 'institutionName',
    header: '登记单位',
    required: true,
    hint: '高校或科研院所全称；同一申请号只能由一个单位登记',
    example: '示例大学',
  },
  { field: 'institutionKind', header: '单位类型', required: true, hint: '高校 或 科研院所', example: '高校' },
  {
    field: 'registeredAt',
    header: '登记入库时间',
    required: true,
    hint: '年-月-日，可加时刻（北京时间），如 2024-01-21 15:17',
    example: '2024-01-21',
  },
  {
    field: 'strategicIndustries',
    header: '战略性新兴产业',
    required: false,
    hint: '代码（如 1.2）或名称，多个用 ; 分隔；不填则按IPC自动归类',
    example: strategicExample,
  },
  {
    field: 'economicIndustries',
    header: '国民经济行业',
    required: false,
    hint: '门类或大类代码（如 C、C38、38）或名称，多个用 ; 分隔；不填则按IPC自动归类',
    example: 'C38',
  },
  {
    field: 'cooperationModes',
    header: '合作方式',
    required: false,
    hint: `${cooperationLabels}，多个用 ; 分隔`,
    example: '转让;普通许可',
  },
  {
    field: 'validAtEnd2023',
    header: '截至2023年底有效',
    required: false,
    hint: '是 或 否（不填为否）',
    example: '否',
  },
  {
    field: 'maturity',
    header: '技术成熟度',
    required: false,
    hint: technologyMaturityLevels.map((l) => l.label).join('、'),
    example: '小试',
  },
  {
    field: 'scenarios',
    header: '应用场景',
    required: false,
    hint: '',
    example: '动力电池、储能电池正极材料',
  },
  { field: 'contact', header: '联系方式', required: false, hint: '', example: '技术转移中心 010-00000000' },
  { field: 'terms', header: '交易条件', required: false, hint: '', example: '面议' },
  {
    field: 'portfolioName',
    header: '组合专利名称',
    required: false,
    hint: '属于某个组合专利时填写；同名的行组成一个组合',
    example: '',
  },
  {
    field: 'portfolioDescription',
    header: '组合专利说明',
    required: false,
    hint: '同一组合只需在其中一行填写',
    example: '',
  },
];

/**
 * Columns of CNIPA and commercial-database exports that the platform does not store: accepted in a file
 * (so an export can be imported without deleting them) and ignored.
 */
export const ignoredHeaders: readonly string[] = ['优先权', '同族专利', '引证数', '序号'];

/** The marker-row words that say whether a column is required. */
export const requiredMarker = { required: '必填', optional: '选填' } as const;
