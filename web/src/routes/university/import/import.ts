/** 批量导入 as the API answers it (api/src/features/university-import/schema.ts). */

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  patents: ImportCounts;
  portfolios: ImportCounts;
}

export interface ImportRun {
  state: 'running' | 'done' | 'failed';
  phase: 'validate' | 'write';
  done: number;
  total: number;
  result: ImportSummary | null;
  error: { error: string; message: string; fieldErrors?: { path: string; message: string }[] } | null;
}

export interface ImportState {
  id: string;
  format: 'csv' | 'xlsx';
  rows: number;
  expiresAt: string;
  summary: ImportSummary;
  run: ImportRun | null;
}

export interface PreviewRow {
  row: number;
  applicationNumber: string;
  title: string;
  portfolioName: string;
}

export type ImportPreview = ImportState & { preview: PreviewRow[] };

/** One problem of the file, where the clerk finds it: row number and column header. */
export interface RowProblem {
  id: string;
  row: number | null;
  column: string;
  message: string;
}

/** The API's `row 12 / 申请号` paths as row and column (a header problem has a row and no data). */
export function rowProblems(fieldErrors: readonly { path: string; message: string }[] = []): RowProblem[] {
  return fieldErrors.map((e, index) => {
    const m = /^row (\d+)(?: \/ (.+))?$/.exec(e.path);
    return {
      id: String(index),
      row: m ? Number(m[1]) : null,
      column: m?.[2] ?? '',
      message: e.message,
    };
  });
}

/** 新增 N 件，更新 N 件，无变化 N 件. */
export function describeCounts(counts: ImportCounts, unit: string): string {
  return `新增 ${counts.inserted} ${unit}，更新 ${counts.updated} ${unit}，无变化 ${counts.unchanged} ${unit}`;
}
