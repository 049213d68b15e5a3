import ExcelJS from 'exceljs';
import { computeCheckDigit } from '@panhuo/domain/patents/application-number';
import { columns } from './schema';

/**
 * Test data for the import tests: rows keyed by Chinese header, written as the CSV or XLSX a clerk would
 * upload. Files are generated here rather than committed, so each test shows the content it imports.
 */

export type Row = Record<string, string>;

/** A valid invention application number (2019, type 1) with its check digit, distinct per serial. */
export function applicationNumber(serial: number): string {
  const digits = `20191${String(serial).padStart(7, '0')}`;
  return `${digits}.${computeCheckDigit(digits)}`;
}

/** A complete, valid row of `institution`; override any cell by header. */
export function patentRow(institution: string, serial: number, overrides: Row = {}): Row {
  return {
    申请号: applicationNumber(serial),
    申请日: '2019-03-15',
    '公开(公告)号': '',
    公开日: '2019-07-02',
    授权公告日: '',
    专利类型: '发明',
    发明名称: `一种锂离子电池正极材料的制备方法（${serial}）`,
    摘要: '本发明公开了一种锂离子电池正极材料的制备方法，\n包括以下步骤……',
    主权项: '1.一种锂离子电池正极材料的制备方法，其特征在于，包括：',
    IPC主分类号: 'H01M 4/36',
    IPC分类号: 'H01M 4/36;H01M 10/0525',
    '申请(专利权)人': institution,
    当前权利人: institution,
    发明人: '张三；李四、王五',
    地址: '北京市海淀区学院路1号',
    代理机构: '北京某专利代理有限公司',
    代理人: '赵六',
    法律状态: '审中',
    登记单位: institution,
    单位类型: '高校',
    登记入库时间: '2024-01-21 15:17',
    战略性新兴产业: '5.2；前沿新材料',
    国民经济行业: 'C38',
    合作方式: '转让；普通许可',
    截至2023年底有效: '否',
    技术成熟度: '小试',
    应用场景: '动力电池',
    联系方式: '技术转移中心 010-12345678',
    交易条件: '面议',
    组合专利名称: '',
    组合专利说明: '',
    ...overrides,
  };
}

/** Every template column, in template order. */
export const allHeaders = columns.map((c) => c.header);

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The rows as CSV text with the given header row (default: every column). */
export function toCsvText(rows: readonly Row[], headers: readonly string[] = allHeaders): string {
  const lines = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))];
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** UTF-8 CSV bytes, with a BOM as Excel's “CSV UTF-8” writes them. */
export function toCsv(rows: readonly Row[], headers: readonly string[] = allHeaders): Buffer {
  return Buffer.from(`\uFEFF${toCsvText(rows, headers)}`, 'utf8');
}

/**
 * The rows as an XLSX workbook, typed the way Excel stores them: dates as date cells, a bare numeric
 * application number as a number, everything else as text.
 */
export async function toXlsx(rows: readonly Row[], headers: readonly string[] = allHeaders): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('专利登记');
  sheet.addRow([...headers]);
  for (const row of rows) {
    sheet.addRow(headers.map((h) => excelValue(h, row[h] ?? '')));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function excelValue(header: string, value: string): ExcelJS.CellValue {
  if (value === '') return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value);
  if (date && ['申请日', '公开日', '授权公告日', '登记入库时间'].includes(header)) {
    const [, y, m, d, hh, mm] = date.map(Number);
    return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh || 0, mm || 0));
  }
  if (header === '申请号' && /^\d{12}$/.test(value)) return Number(value);
  return value;
}
