import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaTime } from '@panhuo/domain/china-time';
import { institutionKindLabels } from '@panhuo/domain/institutions/institution';
import { cooperationModeLabel } from '@panhuo/domain/taxonomies/cooperation-modes';
import { economicIndustryName } from '@panhuo/domain/taxonomies/economic-industries';
import { legalStatusLabels } from '@panhuo/domain/taxonomies/legal-status';
import { patentTypeLabels } from '@panhuo/domain/taxonomies/patent-types';
import { strategicIndustryName } from '@panhuo/domain/taxonomies/strategic-industries';
import { getTechnologyMaturity } from '@panhuo/domain/taxonomies/technology-maturity';
import type { PatentDto, PortfolioRef } from '@panhuo/domain/patents/dto';

/** One exported patent: its fields and its portfolios (as the search document carries them). */
export type ExportRow = PatentDto & { portfolios: Pick<PortfolioRef, 'name' | 'description'>[] };

/**
 * Columns a library adds after the patent's, as one more group (the 评价库: this enterprise's evaluation),
 * with each patent's values looked up by its id.
 */
export interface ExtraColumnGroup {
  title: string;
  columns: { header: string; width: number }[];
  /** One patent's values, in column order ('' for an empty cell). */
  valuesOf: (patentId: string) => (string | number)[];
}

interface Column {
  header: string;
  width: number;
  value: (patent: ExportRow) => string | number;
}

const join = (values: readonly (string | undefined)[]) => values.filter(Boolean).join('；');
const label = <K extends string>(labels: Readonly<Record<K, string>>, code: string) =>
  (labels as Record<string, string>)[code] ?? code;

/** The three groups the manual names: 基本信息, 组合专利信息 (if any), 建档信息. */
const groups: { title: string; columns: Column[] }[] = [
  {
    title: '基本信息',
    columns: [
      { header: '申请号', width: 18, value: (p) => p.applicationNumber },
      { header: '申请日', width: 12, value: (p) => p.applicationDate },
      { header: '公开(公告)号', width: 16, value: (p) => p.publicationNumber ?? '' },
      { header: '公开日', width: 12, value: (p) => p.publicationDate ?? '' },
      { header: '授权公告日', width: 12, value: (p) => p.grantDate ?? '' },
      { header: '专利类型', width: 10, value: (p) => label(patentTypeLabels, p.patentType) },
      { header: '发明名称', width: 40, value: (p) => p.title },
      { header: '摘要', width: 60, value: (p) => p.abstract },
      { header: '主权项', width: 60, value: (p) => p.claims },
      { header: 'IPC主分类号', width: 14, value: (p) => p.ipcMain },
      { header: 'IPC分类号', width: 24, value: (p) => join(p.ipcCodes) },
      { header: '申请(专利权)人', width: 28, value: (p) => join(p.applicants) },
      { header: '当前权利人', width: 28, value: (p) => join(p.currentAssignees) },
      { header: '发明人', width: 24, value: (p) => join(p.inventors) },
      { header: '地址', width: 28, value: (p) => p.address ?? '' },
      { header: '代理机构', width: 28, value: (p) => p.agency ?? '' },
      { header: '代理人', width: 14, value: (p) => join(p.agents) },
      { header: '法律状态', width: 10, value: (p) => label(legalStatusLabels, p.legalStatus) },
      { header: '截至2023年底有效', width: 10, value: (p) => (p.validAtEnd2023 ? '是' : '否') },
      { header: '登记单位', width: 28, value: (p) => p.institutionName },
      { header: '单位类型', width: 10, value: (p) => label(institutionKindLabels, p.institutionKind) },
      { header: '登记入库时间', width: 20, value: (p) => chinaTime(p.registeredAt) },
      {
        header: '战略性新兴产业',
        width: 36,
        value: (p) => join(p.strategicIndustries.map((c) => `${c} ${strategicIndustryName(c) ?? ''}`.trim())),
      },
      {
        header: '国民经济行业',
        width: 36,
        value: (p) => join(p.economicIndustries.map((c) => `${c} ${economicIndustryName(c) ?? ''}`.trim())),
      },
      {
        header: '合作方式',
        width: 24,
        value: (p) => join(p.cooperationModes.map((c) => cooperationModeLabel(c) ?? c)),
      },
    ],
  },
  {
    title: '组合专利信息',
    columns: [
      { header: '组合专利名称', width: 30, value: (p) => join(p.portfolios.map((f) => f.name)) },
      {
        header: '组合专利说明',
        width: 50,
        value: (p) => join(p.portfolios.map((f) => f.description)),
      },
    ],
  },
  {
    title: '建档信息',
    columns: [
      {
        header: '技术成熟度',
        width: 12,
        value: (p) =>
          p.dossier.maturity ? (getTechnologyMaturity(p.dossier.maturity)?.label ?? p.dossier.maturity) : '',
      },
      { header: '应用场景', width: 40, value: (p) => p.dossier.scenarios ?? '' },
      { header: '联系方式', width: 24, value: (p) => p.dossier.contact ?? '' },
      { header: '交易条件', width: 30, value: (p) => p.dossier.terms ?? '' },
    ],
  },
];

/** Every column header, in order (row 2 of the sheet). */
export const exportHeaders = ['序号', ...groups.flatMap((g) => g.columns.map((c) => c.header))];

/**
 * Writes the export workbook: a group row (基本信息 / 组合专利信息 / 建档信息, and a library's `extra` group
 * after them, each merged over its columns), a
 * header row, one row per patent, both header rows frozen, widths set per column, an auto filter on the
 * headers. Uses exceljs's streaming writer (rows are serialised as they are added, inline strings, fast
 * deflate): the in-memory workbook model took most of a 1000-row export's time.
 */
export async function writeExportWorkbook(
  patents: readonly ExportRow[],
  title: string,
  extra?: ExtraColumnGroup,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    // No styles: exceljs then writes no style per cell, a third of the time of 1000 rows; the header rows are
    // set apart by the frozen pane, the merged group cells and the auto filter instead of bold and a fill.
    useStyles: false,
    useSharedStrings: false,
    // Level 1: a third of the time of the default level for a file a few percent larger.
    zip: { zlib: { level: 1 } },
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  workbook.creator = '盘活行动';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
  });
  const columns = groups.flatMap((g) => g.columns);
  const extraColumns = extra?.columns ?? [];
  const headers = [...exportHeaders, ...extraColumns.map((c) => c.header)];
  sheet.columns = [{ width: 6 }, ...[...columns, ...extraColumns].map((c) => ({ width: c.width }))];
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: headers.length } };

  const groupRow = sheet.getRow(1);
  groupRow.getCell(1).value = '';
  let start = 2;
  for (const group of extra ? [...groups, extra] : groups) {
    const end = start + group.columns.length - 1;
    sheet.mergeCells(1, start, 1, end);
    groupRow.getCell(start).value = group.title;
    start = end + 1;
  }
  const headerRow = sheet.getRow(2);
  headerRow.values = headers;
  groupRow.commit();
  headerRow.commit();

  patents.forEach((patent, i) => {
    // An empty value is an empty cell (no cell at all), not a cell holding an empty string.
    const values = [...columns.map((c) => c.value(patent)), ...(extra?.valuesOf(patent.id) ?? [])];
    sheet.addRow([i + 1, ...values.map((v) => (v === '' ? null : v))]).commit();
  });
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
