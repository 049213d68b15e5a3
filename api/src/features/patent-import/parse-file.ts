import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../errors';
import type { FieldError } from '../../errors';
import { columns, ignoredHeaders, requiredMarker } from './schema';
import type { ColumnField, RowCells } from './schema';

/** One data row: its number as the clerk sees it in Excel (header = 1 when it is the first row) and its cells. */
export interface SheetRow {
  row: number;
  cells: RowCells;
  /** Non-empty cells right of the header's last column: usually a shifted row. */
  strayCells: number;
}

export interface ParsedFile {
  format: 'csv' | 'xlsx';
  /** Row number of the header row. */
  headerRow: number;
  rows: SheetRow[];
}

/** A raw grid row before the header is known. */
interface GridRow {
  row: number;
  values: string[];
}

const unsupported = (message: string) => new AppError(415, 'unsupported_file', message);

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls (and .doc)
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an import file into rows of strings keyed by record field. The format is told by its first bytes,
 * not its name (a renamed file still works): XLSX is a zip (PK\x03\x04); anything else must be CSV text.
 * Refuses undecodable or binary content with `unsupported_file` (415), and a header row with missing
 * required or unknown columns with `import_invalid_rows` (400) listing each.
 */
export async function parseImportFile(bytes: Uint8Array): Promise<ParsedFile> {
  if (bytes.byteLength === 0 || isBlank(bytes)) {
    throw new AppError(400, 'unsupported_file', '文件是空的，请使用导入模板填写后再导入');
  }
  if (startsWith(bytes, zipMagic)) {
    const grid = await readXlsx(bytes);
    return { format: 'xlsx', ...toRows(grid) };
  }
  if (startsWith(bytes, oleMagic)) {
    throw unsupported('不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或“CSV UTF-8”后再导入');
  }
  return { format: 'csv', ...toRows(readCsv(decodeText(bytes))) };
}

function isBlank(bytes: Uint8Array): boolean {
  if (bytes.byteLength > 64) return false;
  return (
    new TextDecoder('utf-8')
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .trim() === ''
  );
}

/**
 * CSV text must be UTF-8 (Excel's “CSV UTF-8” adds a BOM, which is dropped). Excel on Chinese Windows saves
 * plain “CSV” as GBK, so invalid UTF-8 that decodes cleanly as GB18030 (a superset of GBK) is accepted too.
 * Control characters other than tab and line breaks mean a binary file, whatever it decodes to.
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw unsupported('不支持 UTF-16 编码的文本文件，请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后再导入');
  }
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
  }
  // eslint-disable-next-line no-control-regex
  if (text === undefined || /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) {
    throw unsupported('无法识别的文件：请上传 Excel（.xlsx）文件，或 UTF-8 / GBK 编码的 CSV 文件');
  }
  return text;
}

function readCsv(text: string): GridRow[] {
  let records: string[][];
  try {
    records = parseCsv(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch (err) {
    const where =
      typeof err === 'object' && err !== null && 'lines' in err ? `（约第 ${String(err.lines)} 行）` : '';
    throw unsupported(`CSV 文件格式有误${where}，请检查引号是否成对，或用 Excel 另存为“CSV UTF-8”后再导入`);
  }
  // A record is one spreadsheet row even when a quoted cell spans several lines, so its index is the row number.
  return records.map((values, index) => ({ row: index + 1, values }));
}

async function readXlsx(bytes: Uint8Array): Promise<GridRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy of exactly the file's bytes is one.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw unsupported('无法读取该 Excel 文件：文件可能已损坏，或不是 .xlsx 格式');
  }
  const sheets = workbook.worksheets.map((sheet) => {
    const grid: GridRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        values[col - 1] = cellText(c.value);
      });
      grid.push({ row: rowNumber, values: Array.from(values, (v) => v ?? '') });
    });
    return grid;
  });
  // The data sheet is the first with a recognisable header (the template's second sheet is 填写说明).
  const first = sheets.find((grid) => findHeader(grid) !== undefined) ?? sheets[0];
  if (!first) throw unsupported('该 Excel 文件中没有工作表');
  return first;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The text of an Excel cell: dates as YYYY-MM-DD (plus the time when there is one), rich text joined. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    // exceljs gives a date cell's wall-clock value as a UTC instant; the time is written only when there is one.
    const [h, m, s] = [value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds()];
    if (h + m + s === 0) return day;
    return s === 0 ? `${day} ${pad(h)}:${pad(m)}` : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return 'result' in value ? cellText(value.result as ExcelJS.CellValue) : '';
  if ('text' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

/** Full-width brackets, spaces, a trailing * or (必填)/(选填) do not make a header different. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*+$/, '')
    .replace(/\((必填|选填)\)$/, '');
}

const byHeader = new Map(columns.map((c) => [normalizeHeader(c.header), c]));
const ignored = new Set(ignoredHeaders.map(normalizeHeader));

/** The column a header names; a trailing note in brackets is allowed ('单位类型(高校/科研院所)'). */
function columnFor(header: string) {
  const normalized = normalizeHeader(header);
  return byHeader.get(normalized) ?? byHeader.get(normalized.replace(/\([^()]*\)$/, ''));
}

const applicationNumberHeader = normalizeHeader('申请号');

/**
 * The header row is the first, among the first ten, that names 申请号 and at least two other columns
 * (title rows above it are skipped; the 填写说明 sheet's column table does not qualify).
 */
function findHeader(grid: GridRow[]): number | undefined {
  const index = grid.slice(0, 10).findIndex((r) => {
    const names = r.values.map(normalizeHeader);
    return (
      names.includes(applicationNumberHeader) &&
      r.values.filter((v) => v.trim() !== '' && columnFor(v)).length >= 3
    );
  });
  return index === -1 ? undefined : index;
}

function toRows(grid: GridRow[]): { headerRow: number; rows: SheetRow[] } {
  const nonEmpty = grid.filter((r) => r.values.some((v) => v.trim() !== ''));
  if (nonEmpty.length === 0)
    throw new AppError(400, 'unsupported_file', '文件是空的，请使用导入模板填写后再导入');
  const headerIndex = findHeader(nonEmpty) ?? 0;
  const header = nonEmpty[headerIndex];
  if (!header) throw new AppError(400, 'unsupported_file', '文件是空的，请使用导入模板填写后再导入');

  const fieldAt: (ColumnField | null)[] = [];
  const problems: FieldError[] = [];
  const seen = new Map<ColumnField, string>();
  header.values.forEach((raw, index) => {
    const name = raw.trim();
    const column = name === '' ? undefined : columnFor(name);
    fieldAt[index] = column?.field ?? null;
    if (name === '' || column === undefined) {
      if (name !== '' && !ignored.has(normalizeHeader(name))) {
        problems.push({
          path: `row ${header.row} / ${name}`,
          message: `无法识别的列「${name}」，请使用导入模板中的列名`,
        });
      }
      return;
    }
    const earlier = seen.get(column.field);
    if (earlier !== undefined) {
      problems.push({
        path: `row ${header.row} / ${name}`,
        message: `列「${column.header}」重复出现（另见「${earlier}」）`,
      });
    }
    seen.set(column.field, name);
  });
  for (const column of columns) {
    if (column.required && !seen.has(column.field)) {
      problems.push({
        path: `row ${header.row} / ${column.header}`,
        message: `缺少必填列「${column.header}」`,
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      400,
      'import_invalid_rows',
      '表头与导入模板不符：请检查缺少的必填列和无法识别的列',
      problems,
    );
  }

  const rows: SheetRow[] = [];
  for (const r of nonEmpty.slice(headerIndex + 1)) {
    if (rows.length === 0 && isMarkerRow(r.values)) continue;
    const cells = Object.fromEntries(columns.map((c) => [c.field, ''])) as RowCells;
    let strayCells = 0;
    r.values.forEach((value, index) => {
      const field = fieldAt[index];
      if (field) cells[field] = value.trim();
      else if (index >= header.values.length && value.trim() !== '') strayCells++;
    });
    rows.push({ row: r.row, cells, strayCells });
  }
  if (rows.length === 0) {
    throw new AppError(400, 'import_invalid_rows', '文件中只有表头，没有可导入的数据行', [
      { path: `row ${header.row + 1}`, message: '请从表头下一行起每行填写一件专利' },
    ]);
  }
  return { headerRow: header.row, rows };
}

/** The template's second row says 必填/选填 per column; it is guidance, not data. */
function isMarkerRow(values: string[]): boolean {
  const words = values.map((v) => v.trim()).filter((v) => v !== '');
  const markers: readonly string[] = [requiredMarker.required, requiredMarker.optional];
  return words.length > 0 && words.every((w) => markers.includes(w));
}
