import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { allHeaders, patentRow, toCsv, toCsvText, toXlsx } from './fixtures';
import { decodeText, parseImportFile } from './parse-file';

describe('parseImportFile: headers', () => {
  it('refuses a header row with missing required and unknown columns, listing each', async () => {
    const headers = allHeaders.filter((h) => h !== '申请号' && h !== '登记单位').concat(['备注']);
    const file = toCsv([patentRow('甲大学', 1)], headers);
    const error = await parseImportFile(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'import_invalid_rows' });
    expect((error as { fieldErrors: unknown }).fieldErrors).toEqual([
      { path: 'row 1 / 备注', message: '无法识别的列「备注」，请使用导入模板中的列名' },
      { path: 'row 1 / 申请号', message: '缺少必填列「申请号」' },
      { path: 'row 1 / 登记单位', message: '缺少必填列「登记单位」' },
    ]);
  });

  it('refuses a column given twice', async () => {
    const file = toCsv([patentRow('甲大学', 1)], [...allHeaders, '发明名称']);
    await expect(parseImportFile(file)).rejects.toMatchObject({
      code: 'import_invalid_rows',
      fieldErrors: [{ path: 'row 1 / 发明名称', message: '列「发明名称」重复出现（另见「发明名称」）' }],
    });
  });

  it('reads full-width brackets, required stars and bracketed notes in headers as the template names', async () => {
    const variants: Record<string, string> = {
      '公开(公告)号': '公开（公告）号',
      申请号: '申请号*',
      单位类型: '单位类型（高校/科研院所）',
      '申请(专利权)人': '申请（专利权）人',
    };
    const headers = allHeaders.map((h) => variants[h] ?? h);
    const row = patentRow('甲大学', 1, { '公开(公告)号': 'CN109000001A' });
    const renamed = Object.fromEntries(Object.entries(row).map(([h, v]) => [variants[h] ?? h, v]));
    const parsed = await parseImportFile(toCsv([renamed], headers));
    expect(parsed.rows[0]?.cells).toMatchObject({
      applicationNumber: row.申请号,
      publicationNumber: 'CN109000001A',
      institutionKind: '高校',
      applicants: '甲大学',
    });
  });

  it('accepts a file without the optional columns, and ignores database-export columns such as 同族专利', async () => {
    const required = [
      '申请号',
      '申请日',
      '专利类型',
      '发明名称',
      'IPC主分类号',
      '法律状态',
      '登记单位',
      '单位类型',
      '登记入库时间',
    ];
    const parsed = await parseImportFile(
      toCsv([{ ...patentRow('甲大学', 1), 同族专利: 'US2020000001A1' }], [...required, '同族专利']),
    );
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]?.cells.abstract).toBe('');
    expect(parsed.rows[0]?.cells.title).toBe(patentRow('甲大学', 1).发明名称);
  });
});

describe('parseImportFile: rows', () => {
  it('numbers rows as the spreadsheet does, skipping a title row, the 必填/选填 marker row and blank rows', async () => {
    const marker = allHeaders.map((h) => (['申请号', '申请日'].includes(h) ? '必填' : '选填'));
    const text = [
      '某某大学专利登记表,,,',
      toCsvText([]).trimEnd(),
      marker.join(','),
      toCsvText([patentRow('甲大学', 1)]).split('\r\n')[1],
      ',,,,',
      toCsvText([patentRow('甲大学', 2)]).split('\r\n')[1],
    ].join('\r\n');
    const parsed = await parseImportFile(Buffer.from(text, 'utf8'));
    expect(parsed.headerRow).toBe(2);
    expect(parsed.rows.map((r) => r.row)).toEqual([4, 6]);
  });

  it('keeps a quoted cell spanning several lines as one row', async () => {
    const parsed = await parseImportFile(toCsv([patentRow('甲大学', 1), patentRow('甲大学', 2)]));
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(parsed.rows[0]?.cells.abstract).toContain('\n包括以下步骤');
  });

  it('reads an XLSX and a CSV of the same content into the same rows', async () => {
    const rows = [
      patentRow('甲大学', 1),
      patentRow('甲大学', 2, {
        申请号: '201711084130',
        登记入库时间: '2024-01-21',
        授权公告日: '2020-05-01',
      }),
    ];
    const fromCsv = await parseImportFile(toCsv(rows));
    const fromXlsx = await parseImportFile(await toXlsx(rows));
    expect(fromCsv.format).toBe('csv');
    expect(fromXlsx.format).toBe('xlsx');
    expect(fromXlsx.rows).toEqual(fromCsv.rows);
  });

  it('reports non-empty cells right of the last header column', async () => {
    const text = `${toCsvText([patentRow('甲大学', 1)]).trimEnd()},多出来的\r\n`;
    const parsed = await parseImportFile(Buffer.from(text, 'utf8'));
    expect(parsed.rows[0]?.strayCells).toBe(1);
  });
});

describe('parseImportFile: encodings and formats', () => {
  it('accepts GBK-encoded CSV (Excel “CSV” on Chinese Windows) and reads it like UTF-8', async () => {
    const text = toCsvText([patentRow('甲大学', 1)]);
    const gbk = iconv.encode(text, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(await parseImportFile(gbk)).toEqual(await parseImportFile(Buffer.from(text, 'utf8')));
  });

  it('refuses garbage binary that is neither UTF-8 nor GB18030', async () => {
    const garbage = Buffer.from([0x00, 0xff, 0x80, 0x81, 0x00, 0x13, 0xfe, 0x7f, 0xc3, 0x28, 0x00, 0x01]);
    await expect(parseImportFile(garbage)).rejects.toMatchObject({
      status: 415,
      code: 'unsupported_file',
      message: '无法识别的文件：请上传 Excel（.xlsx）文件，或 UTF-8 / GBK 编码的 CSV 文件',
    });
  });

  it('refuses binary files that decode as text but hold control characters (a PNG)', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(() => decodeText(png)).toThrow(expect.objectContaining({ code: 'unsupported_file' }));
  });

  it('refuses UTF-16 text and legacy .xls with a hint to save as xlsx or CSV UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toCsvText([]), 'utf16le')]);
    await expect(parseImportFile(utf16)).rejects.toMatchObject({
      code: 'unsupported_file',
      message: expect.stringContaining('CSV UTF-8'),
    });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(parseImportFile(xls)).rejects.toMatchObject({
      code: 'unsupported_file',
      message: expect.stringContaining('.xls'),
    });
  });

  it('tells XLSX by its zip signature, not its name, and refuses a broken zip', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await expect(parseImportFile(broken)).rejects.toMatchObject({ status: 415, code: 'unsupported_file' });
  });

  it('refuses an empty file, a BOM-only file and a header-only file', async () => {
    await expect(parseImportFile(Buffer.alloc(0))).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_file',
      message: expect.stringContaining('文件是空的'),
    });
    await expect(parseImportFile(Buffer.from('\uFEFF\r\n', 'utf8'))).rejects.toMatchObject({
      code: 'unsupported_file',
    });
    await expect(parseImportFile(toCsv([]))).rejects.toMatchObject({
      code: 'import_invalid_rows',
      message: '文件中只有表头，没有可导入的数据行',
    });
  });
});
