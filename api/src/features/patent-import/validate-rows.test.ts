import { describe, expect, it } from 'vitest';
import { deriveIndustries } from '@panhuo/domain/taxonomies/ipc-concordance';
import { patentRow, toCsv } from './fixtures';
import type { Row } from './fixtures';
import { parseImportFile } from './parse-file';
import { validateRows } from './validate-rows';

const now = new Date('2025-06-01T00:00:00Z');

async function validate(rows: Row[]) {
  const parsed = await parseImportFile(toCsv(rows));
  return validateRows(parsed.rows, { now });
}

describe('validateRows: application numbers', () => {
  it('accepts real numbers with a CN prefix, an X check digit, or no check digit, and stores them normalized', async () => {
    const { records, errors } = await validate([
      patentRow('甲大学', 1, { 申请号: 'CN201210247723.2', 申请日: '2012-07-18' }),
      patentRow('甲大学', 2, { 申请号: '201710870108.X', 申请日: '2017-09-25' }),
      patentRow('甲大学', 3, { 申请号: '201711084130', 申请日: '2017-11-07' }),
    ]);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.patent.applicationNumber)).toEqual([
      '201210247723.2',
      '201710870108.X',
      '201711084130.8',
    ]);
  });

  it('refuses a wrong check digit, naming the row and the 申请号 column', async () => {
    const { records, errors } = await validate([
      patentRow('甲大学', 1),
      patentRow('甲大学', 2, { 申请号: 'CN201210247723.3' }),
    ]);
    expect(errors).toEqual([
      { row: 3, column: '申请号', message: '申请号校验位错误：201210247723 的校验位应为 2，请核对申请号' },
    ]);
    expect(records).toHaveLength(1);
  });

  it('explains a number Excel turned into scientific notation', async () => {
    const { errors } = await validate([patentRow('甲大学', 1, { 申请号: '2.01711E+11' })]);
    expect(errors[0]).toMatchObject({
      row: 2,
      column: '申请号',
      message: expect.stringContaining('科学计数法'),
    });
  });

  it('refuses a number written twice in the file, however it is written', async () => {
    const { errors } = await validate([
      patentRow('甲大学', 1, { 申请号: '201210247723.2', 申请日: '2012-07-18' }),
      patentRow('甲大学', 2),
      patentRow('甲大学', 3, { 申请号: 'ZL 2012102477232', 申请日: '2012-07-18' }),
    ]);
    expect(errors).toEqual([{ row: 4, column: '申请号', message: '申请号 201210247723.2 与第 2 行重复' }]);
  });

  it('refuses a patent type that contradicts the number’s type digit', async () => {
    const { errors } = await validate([patentRow('甲大学', 1, { 专利类型: '实用新型' })]);
    expect(errors).toEqual([
      { row: 2, column: '专利类型', message: expect.stringContaining('按申请号应为发明') },
    ]);
  });
});

describe('validateRows: classification', () => {
  it('refuses an unknown IPC code in either IPC column', async () => {
    const { errors } = await validate([
      patentRow('甲大学', 1, { IPC主分类号: 'Z99Z 1/00' }),
      patentRow('甲大学', 2, { IPC分类号: 'H01M 4/36;H01M4;G06F 16/00' }),
    ]);
    expect(errors).toEqual([
      {
        row: 2,
        column: 'IPC主分类号',
        message: 'IPC主分类号「Z99Z 1/00」不是有效的IPC分类号（例如 H01M 4/36）',
      },
      { row: 3, column: 'IPC分类号', message: 'IPC分类号「H01M4」不是有效的IPC分类号（例如 H01M 4/36）' },
    ]);
  });

  it('refuses unknown industry codes and names in both taxonomies', async () => {
    const { errors } = await validate([
      patentRow('甲大学', 1, { 战略性新兴产业: '1.2;10.1;量子产业' }),
      patentRow('甲大学', 2, { 国民经济行业: 'C38;Z99' }),
      patentRow('甲大学', 3, { 国民经济行业: 'A38' }),
    ]);
    expect(errors).toEqual([
      { row: 2, column: '战略性新兴产业', message: '未知的战略性新兴产业代码或名称「10.1、量子产业」' },
      { row: 3, column: '国民经济行业', message: '未知的国民经济行业代码或名称「Z99」' },
      { row: 4, column: '国民经济行业', message: '未知的国民经济行业代码或名称「A38」' },
    ]);
  });

  it('reads codes and names, including names that contain 、, and stores both levels', async () => {
    const { records, errors } = await validate([
      patentRow('甲大学', 1, {
        战略性新兴产业: '互联网与云计算、大数据服务、人工智能\n2.1',
        国民经济行业: '计算机、通信和其他电子设备制造业；C3841；I',
      }),
    ]);
    expect(errors).toEqual([]);
    expect(records[0]?.patent).toMatchObject({
      strategicIndustries: ['1', '1.4', '1.5', '2', '2.1'],
      economicIndustries: ['C', '39', '38', 'I'],
      industriesDerived: false,
    });
  });

  it('derives industry codes from IPC through the concordance when the row gives none', async () => {
    const { records } = await validate([patentRow('甲大学', 1, { 战略性新兴产业: '', 国民经济行业: '' })]);
    const expected = deriveIndustries(['H01M 4/36', 'H01M 10/0525']);
    expect(expected.strategic.length).toBeGreaterThan(0);
    expect(records[0]?.patent).toMatchObject({
      ipcMain: 'H01M 4/36',
      ipcCodes: ['H01M 4/36', 'H01M 10/0525'],
      strategicIndustries: expected.strategic,
      economicIndustries: expected.economic,
      industriesDerived: true,
    });
  });
});

describe('validateRows: dates', () => {
  it('refuses impossible dates, unknown formats and dates out of order', async () => {
    const { errors } = await validate([
      patentRow('甲大学', 1, { 申请日: '2019-02-30' }),
      patentRow('甲大学', 2, { 公开日: '2019/13/01' }),
      patentRow('甲大学', 3, { 登记入库时间: '上周' }),
      patentRow('甲大学', 4, { 公开日: '2019-01-02' }),
      patentRow('甲大学', 5, { 申请日: '2026-01-01', 公开日: '' }),
    ]);
    expect(errors).toEqual([
      { row: 2, column: '申请日', message: '日期「2019-02-30」无法识别，请写成 2012-07-18 这样的年-月-日' },
      { row: 3, column: '公开日', message: '日期「2019/13/01」无法识别，请写成 2012-07-18 这样的年-月-日' },
      {
        row: 4,
        column: '登记入库时间',
        message: '登记入库时间「上周」无法识别，请写成 2024-01-21 或 2024-01-21 15:17',
      },
      { row: 5, column: '公开日', message: '公开日 2019-01-02 早于申请日 2019-03-15' },
      { row: 6, column: '申请日', message: '申请日 2026-01-01 晚于今天' },
    ]);
  });

  it('reads the usual date spellings, and 登记入库时间 as Beijing time', async () => {
    const { records, errors } = await validate([
      patentRow('甲大学', 1, {
        申请日: '2019/3/15',
        公开日: '2019年7月2日',
        授权公告日: '20200501',
        登记入库时间: '2024-01-21 15:17',
      }),
      patentRow('甲大学', 2, { 申请日: '43539', 登记入库时间: '2024.01.21' }),
    ]);
    expect(errors).toEqual([]);
    expect(records[0]?.patent).toMatchObject({
      applicationDate: '2019-03-15',
      publicationDate: '2019-07-02',
      grantDate: '2020-05-01',
    });
    expect(records[0]?.patent.registeredAt.toISOString()).toBe('2024-01-21T07:17:00.000Z');
    expect(records[1]?.patent.applicationDate).toBe('2019-03-15');
    expect(records[1]?.patent.registeredAt.toISOString()).toBe('2024-01-20T16:00:00.000Z');
  });
});

describe('validateRows: labels, lists and rows as a whole', () => {
  it('maps the Chinese labels of patent type, legal status, cooperation mode, maturity and 是/否 to codes', async () => {
    const digits = '201920000001';
    const { records, errors } = await validate([
      patentRow('甲研究所', 1, {
        申请号: digits,
        专利类型: '实用新型',
        法律状态: '失效',
        单位类型: '科研院所',
        合作方式: '独占许可、作价入股、技术合作开发/共建联合实验室',
        技术成熟度: '中试',
        截至2023年底有效: '是',
      }),
    ]);
    expect(errors).toEqual([]);
    expect(records[0]?.patent).toMatchObject({
      patentType: 'utility_model',
      legalStatus: 'invalid',
      institutionKind: 'institute',
      cooperationModes: ['license_sole', 'equity', 'joint_development'],
      validAtEnd2023: true,
      dossier: {
        maturity: 'pilot',
        scenarios: '动力电池',
        contact: '技术转移中心 010-12345678',
        terms: '面议',
      },
    });
  });

  it('splits multi-value cells on ; ； , 、 and line breaks', async () => {
    const { records } = await validate([
      patentRow('甲大学', 1, { 发明人: '张三；李四、王五\n赵六,钱七;张三' }),
    ]);
    expect(records[0]?.patent.inventors).toEqual(['张三', '李四', '王五', '赵六', '钱七']);
  });

  it('refuses unknown labels with the allowed values', async () => {
    const { errors } = await validate([
      patentRow('甲大学', 1, {
        专利类型: '发明创造',
        法律状态: '未知',
        合作方式: '许可',
        截至2023年底有效: '可能',
      }),
    ]);
    expect(errors.map((e) => e.column)).toEqual(['专利类型', '法律状态', '合作方式', '截至2023年底有效']);
    expect(errors[2]?.message).toContain('请写明 普通许可、排他许可 或 独占许可');
  });

  it('reports every empty required cell', async () => {
    const { errors } = await validate([patentRow('甲大学', 1, { 发明名称: '', 登记入库时间: '' })]);
    expect(errors).toEqual([
      { row: 2, column: '发明名称', message: '此项为必填项，不能为空' },
      { row: 2, column: '登记入库时间', message: '此项为必填项，不能为空' },
    ]);
  });

  it('refuses two 单位类型 for one 登记单位 and two descriptions for one portfolio', async () => {
    const { errors } = await validate([
      patentRow('甲大学', 1, { 组合专利名称: '电池组合', 组合专利说明: '正极材料' }),
      patentRow('甲大学', 2, { 单位类型: '科研院所' }),
      patentRow('甲大学', 3, { 组合专利名称: '电池组合', 组合专利说明: '负极材料' }),
      patentRow('甲大学', 4, { 组合专利说明: '孤立的说明' }),
    ]);
    expect(errors).toEqual([
      { row: 3, column: '单位类型', message: expect.stringContaining('在第 2 行填写的单位类型不同') },
      { row: 4, column: '组合专利说明', message: expect.stringContaining('与第 2 行不一致') },
      { row: 5, column: '组合专利说明', message: '填写了组合专利说明，但没有填写组合专利名称' },
    ]);
  });
});

describe('validateRows: text hygiene and lengths', () => {
  it('refuses bidi overrides, line breaks in single-line fields, invisible-only and over-long cells', async () => {
    const { records, errors } = await validate([
      patentRow('甲大学', 1, { 发明名称: '一种电池\u202Efdp.exe' }),
      patentRow('甲大学', 2, { 发明名称: '一种电池\n的制备方法' }),
      patentRow('甲大学', 3, { 发明名称: '\u200B\u200D' }),
      patentRow('甲大学', 4, { 发明名称: '长'.repeat(201) }),
      patentRow('甲大学', 5, { 发明人: '张三;李\u2066四' }),
    ]);
    expect(errors).toEqual([
      { row: 2, column: '发明名称', message: '此项不能包含文字方向控制字符' },
      { row: 3, column: '发明名称', message: '此项不能换行' },
      { row: 4, column: '发明名称', message: '此项只有不可见的字符，请填写内容或留空' },
      { row: 5, column: '发明名称', message: '此项最多200个字' },
      { row: 6, column: '发明人', message: '「李\u2066四」：此项不能包含文字方向控制字符' },
    ]);
    expect(records).toEqual([]);
  });

  it('keeps line breaks of multi-line cells as \\n and trims zero-width characters', async () => {
    const { records, errors } = await validate([
      patentRow('甲大学', 1, { 发明名称: '\u200B一种电池\uFEFF', 摘要: '第一段\r\n第二段' }),
    ]);
    expect(errors).toEqual([]);
    expect(records[0]?.patent).toMatchObject({ title: '一种电池', abstract: '第一段\n第二段' });
  });
});
