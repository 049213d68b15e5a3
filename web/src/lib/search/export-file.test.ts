import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition, parseExportLimit } from './export-file';

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name, then the plain one, then the fallback', () => {
    const name = encodeURIComponent('专利转化资源库-导出-20250101.xlsx');
    expect(fileNameFromDisposition(`attachment; filename="export.xlsx"; filename*=UTF-8''${name}`, 'x')).toBe(
      '专利转化资源库-导出-20250101.xlsx',
    );
    expect(fileNameFromDisposition('attachment; filename="export.xlsx"', 'x')).toBe('export.xlsx');
    expect(fileNameFromDisposition(null, 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'fallback.xlsx')).toBe(
      'fallback.xlsx',
    );
  });
});

describe('parseExportLimit', () => {
  it('accepts whole numbers from 1 to 1000, also full-width digits', () => {
    expect(parseExportLimit('1000')).toBe(1000);
    expect(parseExportLimit(' ５００ ')).toBe(500);
    for (const bad of ['0', '1001', '-5', '12.5', 'abc', '']) expect(parseExportLimit(bad), bad).toBeNull();
  });
});
