import ExcelJS from 'exceljs';
import { cooperationModes } from '@panhuo/domain/taxonomies/cooperation-modes';
import { legalStatuses } from '@panhuo/domain/taxonomies/legal-status';
import { patentTypes } from '@panhuo/domain/taxonomies/patent-types';
import { technologyMaturityLevels } from '@panhuo/domain/taxonomies/technology-maturity';
import { institutionKindLabels } from '@panhuo/domain/institutions/institution';
import { columns, ignoredHeaders, requiredMarker } from './schema';
import type { ColumnField } from './schema';

/**
 * The import templates (docs/import-template.csv and .xlsx), generated from the column list so they can
 * never drift from what the importer reads; `npm run import -- --write-template docs` rewrites them and a
 * test compares the committed files with these builders. Both hold the header row, a row saying
 * 必填/选填 per column (the importer skips it) and one example row (to be replaced by real data).
 */

const markerRow = () => columns.map((c) => (c.required ? requiredMarker.required : requiredMarker.optional));
const exampleRow = () => columns.map((c) => c.example);

/** How to fill in the file, for the xlsx's 填写说明 sheet (a clerk's instructions, in Chinese). */
export const instructions: readonly string[] = [
  '1. 第1行为表头（列名不可修改）；第2行“必填/选填”是提示行，导入时自动跳过，可保留也可删除；第3行是示例，请删除或替换为实际数据。',
  '2. 每行填写一件专利；同一申请号在文件中只能出现一次。标为“必填”的列每行都要填写，“选填”的列可以留空，也可以整列删除。',
  '3. 一个单元格有多个值时（如多个发明人、多个IPC分类号），用分号（; 或 ；）、顿号（、）或换行分隔。',
  '4. 日期写成 2017-07-21（也可 2017/7/21、20170721）。申请号请保持“文本”格式，不要让 Excel 改成科学计数法。',
  '5. 战略性新兴产业、国民经济行业可填代码或名称；都不填时，系统根据IPC分类号自动归类。',
  '6. 组合专利：属于同一组合的几行填写相同的“组合专利名称”，“组合专利说明”只需在其中一行填写。',
  '7. 文件中任何一行有错误时，整个文件都不会导入；系统会列出每个错误所在的行号和列名，改正后重新导入即可。',
  '8. 重复导入同一文件不会产生重复数据。本单位已登记的申请号会按文件中的这一行整体更新（留空的单元格、删去的列会清除原有内容）；其他单位已登记的申请号不能再登记。',
  '9. 也可以导入 CSV 文件（UTF-8 或 GBK 编码，逗号分隔），列名与本表相同。',
  `10. 从专利数据库导出的“${ignoredHeaders.join('”“')}”列可以保留，导入时忽略。`,
];

/** Quotes a CSV cell when it holds a comma, quote or line break. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The CSV template: UTF-8 with a BOM (without it Excel on Chinese Windows opens the file as GBK and shows
 * garbage) and CRLF line ends, as Excel writes “CSV UTF-8”.
 */
export function buildCsvTemplate(): string {
  const lines = [columns.map((c) => c.header), markerRow(), exampleRow()].map((cells) =>
    cells.map(csvCell).join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Choices offered as a drop-down in the xlsx (the importer also accepts other spellings). */
const choices: Partial<Record<ColumnField, readonly string[]>> = {
  patentType: patentTypes.map((t) => t.label),
  legalStatus: legalStatuses.map((s) => s.label),
  institutionKind: Object.values(institutionKindLabels),
  validAtEnd2023: ['是', '否'],
  maturity: technologyMaturityLevels.map((l) => l.label),
};

const lastTemplateRow = 5000;

/**
 * exceljs keeps a worksheet's validations in `dataValidations`, keyed by address or range, but types only
 * the per-cell `cell.dataValidation`; one validation per range keeps the file small (per cell, the template
 * grew to 800 KB of empty cells).
 */
function rangeValidations(sheet: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (
    sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }
  ).dataValidations;
}
// Fixed, so regenerating the template yields the same document properties.
const templateDate = new Date(Date.UTC(2025, 0, 1));

/**
 * The XLSX template: sheet 专利登记 (header with a note per column, required headers highlighted, the
 * marker and example rows, every cell formatted as text so Excel keeps 申请号 and dates as typed, drop-downs
 * for the fixed choices) and sheet 填写说明 (general rules and one line per column).
 */
export async function buildXlsxTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '盘活行动';
  workbook.created = templateDate;
  workbook.modified = templateDate;

  const sheet = workbook.addWorksheet('专利登记', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({
    width: Math.max(12, c.header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  sheet.addRow(columns.map((c) => c.header));
  sheet.addRow(markerRow());
  sheet.addRow(exampleRow());
  columns.forEach((column, index) => {
    const header = sheet.getCell(1, index + 1);
    header.font = { bold: true };
    header.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column.required ? 'FFFCE4D6' : 'FFEDEDED' },
    };
    if (column.hint) header.note = column.hint;
    const marker = sheet.getCell(2, index + 1);
    marker.font = { italic: true, color: { argb: column.required ? 'FFC00000' : 'FF808080' } };
    const options = choices[column.field];
    if (options) {
      const letter = sheet.getColumn(index + 1).letter;
      rangeValidations(sheet).add(`${letter}3:${letter}${lastTemplateRow}`, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`"${options.join(',')}"`],
        showErrorMessage: true,
        errorTitle: column.header,
        error: `请选择：${options.join('、')}`,
      });
    }
  });

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 18 }, { width: 10 }, { width: 70 }, { width: 40 }];
  help.addRow(['填写说明']).font = { bold: true, size: 14 };
  for (const line of instructions) help.addRow([line]);
  help.addRow([]);
  help.addRow(['列名', '必填/选填', '填写要求', '示例']).font = { bold: true };
  for (const column of columns) {
    help.addRow([
      column.header,
      column.required ? requiredMarker.required : requiredMarker.optional,
      column.hint,
      column.example,
    ]);
  }
  help.addRow([]);
  help.addRow(['合作方式可选', '', cooperationModes.map((m) => m.label).join('、')]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
