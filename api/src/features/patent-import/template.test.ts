import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { allHeaders } from './fixtures';
import { importPatents } from './service';
import { buildCsvTemplate, buildXlsxTemplate } from './template';
import { useTestDatabase } from '../../../test/test-database';

// The templates in docs/ are generated from the column list and import as they are (a dry run against the
// real store, which reads institutions and patents).
useTestDatabase('import_tpl');
const docs = join(import.meta.dirname, '../../../../docs');

describe('the import templates in docs/', () => {
  it('are the ones the column list generates', async () => {
    expect(await readFile(join(docs, 'import-template.csv'), 'utf8')).toBe(buildCsvTemplate());
    const committed = new ExcelJS.Workbook();
    await committed.xlsx.load(new Uint8Array(await readFile(join(docs, 'import-template.xlsx'))).buffer);
    const generated = new ExcelJS.Workbook();
    await generated.xlsx.load(new Uint8Array(await buildXlsxTemplate()).buffer);
    const values = (wb: ExcelJS.Workbook) =>
      wb.worksheets.map((sheet) => ({
        name: sheet.name,
        rows: sheet.getSheetValues().map((r) => (Array.isArray(r) ? [...r] : r)),
      }));
    expect(values(committed)).toEqual(values(generated));
    expect(committed.worksheets.map((s) => s.name)).toEqual(['专利登记', '填写说明']);
  });

  it('list every column with 必填/选填 and import as-is (the marker row is skipped)', async () => {
    const [header, marker] = buildCsvTemplate()
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header?.split(',')).toEqual(allHeaders);
    expect(marker?.split(',').filter((m) => m === '必填')).toHaveLength(9);
    for (const file of ['import-template.csv', 'import-template.xlsx']) {
      const result = await importPatents(await readFile(join(docs, file)), { dryRun: true });
      expect(result, file).toMatchObject({ ok: true, rows: 1, patents: { inserted: 1 } });
    }
  });
});
