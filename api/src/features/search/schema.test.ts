import { describe, expect, it } from 'vitest';
import { encodeCursor } from './cursor';
import { searchParamsSchema } from './schema';

/** The issues of a failed parse as `path: message` lines. */
function issues(params: Record<string, unknown>): string[] {
  const parsed = searchParamsSchema.safeParse(params);
  if (parsed.success) throw new Error('expected the parameters to be refused');
  return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('searchParamsSchema', () => {
  it('defaults to page 1 of 20 with no filters', () => {
    expect(searchParamsSchema.parse({})).toEqual({ filters: {}, mode: 'hybrid', page: 1, size: 20 });
  });

  it('reads query-string values: repeated, comma-separated, numbers and booleans as text', () => {
    expect(
      searchParamsSchema.parse({
        q: '  锂电池 正极材料 ',
        strategicIndustries: ['3', '3.6'],
        economicIndustries: 'C,38',
        ipcSection: 'h',
        ipcSubclass: ['h01m', 'C01B', 'H01M'],
        patentType: 'invention',
        legalStatus: ['valid', 'pending'],
        cooperationModes: 'license,equity',
        institutionId: '65a000000000000000000001',
        validAtEnd2023: 'true',
        registeredFrom: '2024-01-01',
        registeredTo: '2024-06-30',
        sort: 'registeredAt:asc',
        page: '3',
        size: '50',
      }),
    ).toEqual({
      mode: 'hybrid',
      q: '锂电池 正极材料',
      filters: {
        strategicIndustries: ['3', '3.6'],
        economicIndustries: ['C', '38'],
        ipcSection: ['H'],
        ipcSubclass: ['H01M', 'C01B'],
        patentType: ['invention'],
        legalStatus: ['valid', 'pending'],
        cooperationModes: ['license', 'equity'],
        institutionId: ['65a000000000000000000001'],
        validAtEnd2023: true,
        registeredAt: { from: '2024-01-01', to: '2024-06-30' },
      },
      sort: 'registeredAt:asc',
      page: 3,
      size: 50,
    });
  });

  it('rejects unknown codes with one field-level message per code', () => {
    expect(
      issues({
        strategicIndustries: ['3.6', '3.9'],
        economicIndustries: 'Z',
        ipcSection: 'X',
        ipcSubclass: 'H01M 4/36',
        patentType: 'software',
        legalStatus: 'expired',
        cooperationModes: 'gift',
        institutionId: 'abc',
      }),
    ).toEqual([
      'strategicIndustries.1: 未知的战略性新兴产业代码：3.9',
      'economicIndustries.0: 未知的国民经济行业代码：Z',
      'ipcSection.0: 未知的IPC部：X',
      'ipcSubclass.0: IPC小类格式不正确，例如 H01M：H01M 4/36',
      'patentType.0: 未知的专利类型：software',
      'legalStatus.0: 未知的法律状态：expired',
      'cooperationModes.0: 未知的合作方式：gift',
      'institutionId.0: 无效的高校院所ID：abc',
    ]);
  });

  it('marks unknown codes so a route can answer unknown_filter_code', () => {
    const parsed = searchParamsSchema.safeParse({ patentType: 'software' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ params: { code: 'unknown_filter_code' } });
  });

  it('rejects bad paging, sort, dates and booleans', () => {
    expect(
      issues({
        page: '0',
        size: '101',
        sort: 'title',
        registeredFrom: '2024-13-01',
        validAtEnd2023: 'yes',
      }),
    ).toEqual([
      'validAtEnd2023: 应为 true 或 false',
      'registeredFrom: 日期格式应为 YYYY-MM-DD',
      'sort: 未知的排序方式',
      'page: 页码应为正整数',
      'size: 每页最多100条',
    ]);
  });

  it('rejects a reversed date range and numbered pages past 10,000 results', () => {
    expect(issues({ registeredFrom: '2024-07-01', registeredTo: '2024-06-30', page: '501' })).toEqual([
      'registeredTo: 结束日期不能早于开始日期',
      'page: 页码超出范围：每页20条时最多跳转到第500页，之后请逐页向后翻',
    ]);
  });

  it('rejects too long text and application numbers with a wrong check digit', () => {
    expect(issues({ q: '锂'.repeat(101) })).toEqual(['q: 检索词过长，最多100个字符']);
    expect(issues({ q: 'CN201710601862.4' })).toEqual([
      'q: 申请号校验位错误：201710601862 的校验位应为 3，请核对申请号',
    ]);
  });

  it('refuses control characters, lone surrogates and bidi overrides in the text', () => {
    expect(issues({ q: '锂\u0000电池' })).toEqual(['q: 检索词不能包含控制字符']);
    expect(issues({ q: '锂\uD800' })).toEqual(['q: 检索词包含无法识别的字符']);
    expect(issues({ q: '\u202E池电锂' })).toEqual(['q: 检索词不能包含文字方向控制字符']);
    expect(searchParamsSchema.safeParse({ q: '锂电池\n正极\t' }).success).toBe(true);
  });

  it('decodes a cursor, whose page wins over page, and refuses a forged one', () => {
    const cursor = {
      pit: 'pit-1',
      after: [1719792000000, '201710601862.3'],
      page: 7,
      fp: '0123456789abcdef',
    };
    expect(searchParamsSchema.parse({ cursor: encodeCursor(cursor), page: '2' })).toEqual({
      mode: 'hybrid',
      filters: {},
      page: 7,
      size: 20,
      cursor,
    });
    expect(issues({ cursor: 'eyJ2IjoxfQ' })).toEqual(['cursor: 翻页参数无效，请重新检索']);
  });

  it('reads 精确检索 and refuses an unknown mode', () => {
    expect(searchParamsSchema.parse({ q: '锂电池', mode: 'exact' }).mode).toBe('exact');
    expect(searchParamsSchema.parse({ q: '锂电池', mode: '' }).mode).toBe('hybrid');
    expect(issues({ mode: 'fuzzy' })).toEqual(['mode: 未知的检索方式（应为 hybrid 或 exact）']);
  });

  it('drops empty parameters as sent by an empty form', () => {
    expect(
      searchParamsSchema.parse({ q: ' ', patentType: '', sort: '', page: '', registeredFrom: '' }),
    ).toEqual({
      mode: 'hybrid',
      filters: {},
      page: 1,
      size: 20,
    });
  });
});
