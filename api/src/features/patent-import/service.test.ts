import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InstitutionModel } from '../institutions/model';
import { OutboxModel } from '../outbox/model';
import { PatentModel } from '../patents/model';
import { PortfolioModel } from '../patents/portfolio-model';
import { allHeaders, applicationNumber, patentRow, toCsv, toXlsx } from './fixtures';
import type { Row } from './fixtures';
import { importPatents, MAX_FILE_BYTES, toImportError } from './service';
import type { ImportResult, ImportSucceeded } from './service';
import { useTestDatabase } from '../../../test/test-database';

useTestDatabase('import');

let lastSerial = 0;
/** Fresh application-number serials, so the tests of this file (one database) never share a patent. */
const serials = (n: number) => Array.from({ length: n }, () => ++lastSerial);
/** A fresh institution name per test. */
const institution = (label: string) => `${label}大学${randomBytes(3).toString('hex')}`;

/** Everything the import can write, in a stable order. */
async function storeSnapshot() {
  return {
    patents: await PatentModel.find().sort({ applicationNumber: 1 }).lean(),
    institutions: await InstitutionModel.find().sort({ name: 1 }).lean(),
    portfolios: await PortfolioModel.find().sort({ name: 1 }).lean(),
    outbox: await OutboxModel.find().sort({ _id: 1 }).lean(),
  };
}

function succeeded(result: ImportResult): ImportSucceeded {
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.errors)}`);
  return result;
}

/** The same number with another check digit. */
function wrongCheckDigit(number: string): string {
  const check = number.slice(-1);
  return number.slice(0, -1) + (check === '0' ? '1' : '0');
}

async function storedPatents(rows: readonly Row[]) {
  const numbers = rows.map((r) => r.申请号 ?? '');
  return PatentModel.find({ applicationNumber: { $in: numbers } })
    .sort({ applicationNumber: 1 })
    .lean();
}

describe('importPatents: writing', () => {
  it('stores a valid file: patents with rev 1, their institution, one outbox entry each', async () => {
    const name = institution('写入');
    const rows = serials(2).map((s) => patentRow(name, s));
    const result = succeeded(await importPatents(toCsv(rows)));
    expect(result).toMatchObject({
      dryRun: false,
      format: 'csv',
      rows: 2,
      patents: { inserted: 2, updated: 0, unchanged: 0 },
      institutions: { created: 1, existing: 0 },
    });
    const stored = await storedPatents(rows);
    const inst = await InstitutionModel.findOne({ name }).lean();
    expect(inst).toMatchObject({ name, kind: 'university' });
    expect(stored[0]).toMatchObject({
      applicationNumber: rows[0]?.申请号,
      patentType: 'invention',
      legalStatus: 'pending',
      ipcMain: 'H01M 4/36',
      ipcCodes: ['H01M 4/36', 'H01M 10/0525'],
      inventors: ['张三', '李四', '王五'],
      institutionId: inst?._id,
      institutionName: name,
      strategicIndustries: ['5', '5.2', '3', '3.6'],
      economicIndustries: ['C', '38'],
      industriesDerived: false,
      cooperationModes: ['transfer', 'license_general'],
      dossier: { maturity: 'bench', scenarios: '动力电池' },
      registeredAt: new Date('2024-01-21T07:17:00Z'),
      rev: 1,
    });
    const outbox = await OutboxModel.find({ entityId: { $in: stored.map((p) => p._id) } }).lean();
    expect(outbox.map((e) => ({ rev: e.rev, op: e.op, topic: e.topic }))).toEqual([
      { rev: 1, op: 'upsert', topic: 'patent' },
      { rev: 1, op: 'upsert', topic: 'patent' },
    ]);
  });

  it('accepts the real numbers CN201210247723.2, 201710870108.X and 201711084130', async () => {
    const name = institution('真实');
    const rows = [
      patentRow(name, 0, { 申请号: 'CN201210247723.2', 申请日: '2012-07-18', 公开日: '' }),
      patentRow(name, 0, { 申请号: '201710870108.X', 申请日: '2017-09-25', 公开日: '' }),
      patentRow(name, 0, { 申请号: '201711084130', 申请日: '2017-11-07', 公开日: '' }),
    ];
    succeeded(await importPatents(toCsv(rows)));
    const stored = await PatentModel.find({ institutionName: name }).sort({ applicationNumber: 1 }).lean();
    expect(stored.map((p) => p.applicationNumber)).toEqual([
      '201210247723.2',
      '201710870108.X',
      '201711084130.8',
    ]);
  });

  it('re-importing the same file changes nothing: same rev, same updatedAt, no new outbox entries', async () => {
    const name = institution('重复');
    const rows = serials(3).map((s, i) =>
      patentRow(
        name,
        s,
        i === 0
          ? { 组合专利名称: '电池组合', 组合专利说明: '正负极材料' }
          : { 组合专利名称: i === 1 ? '电池组合' : '' },
      ),
    );
    succeeded(await importPatents(toCsv(rows)));
    const before = await storeSnapshot();
    const again = succeeded(await importPatents(toCsv(rows)));
    expect(again.patents).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(again.institutions).toEqual({ created: 0, existing: 1 });
    expect(again.portfolios).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await storeSnapshot()).toEqual(before);
  });

  it('updates a changed row only: its rev + 1 and one outbox entry with the new rev', async () => {
    const name = institution('更新');
    const rows = serials(2).map((s) => patentRow(name, s));
    succeeded(await importPatents(toCsv(rows)));
    const changed = [
      rows[0] ?? {},
      { ...rows[1], 发明名称: '一种改进的正极材料', 代理人: '', 法律状态: '有效', 授权公告日: '2021-01-05' },
    ];
    const result = succeeded(await importPatents(toCsv(changed)));
    expect(result.patents).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const [first, second] = await storedPatents(rows);
    expect(first?.rev).toBe(1);
    expect(second).toMatchObject({
      rev: 2,
      title: '一种改进的正极材料',
      agents: [],
      legalStatus: 'valid',
      grantDate: '2021-01-05',
    });
    const entries = await OutboxModel.find({ entityId: second?._id }).sort({ rev: 1 }).lean();
    expect(entries.map((e) => e.rev)).toEqual([1, 2]);

    // Clearing an optional cell removes the stored value.
    succeeded(await importPatents(toCsv([{ ...changed[1], 授权公告日: '' }])));
    const [, cleared] = await storedPatents(rows);
    expect(cleared).toMatchObject({ rev: 3 });
    expect(cleared?.grantDate).toBeUndefined();
  });

  it('an XLSX and a CSV of the same content import the same', async () => {
    const name = institution('格式');
    const [a, b] = serials(2);
    const rows = [
      patentRow(name, a ?? 0, { 组合专利名称: '组合一', 组合专利说明: '说明' }),
      patentRow(name, b ?? 0, {
        申请号: applicationNumber(b ?? 0)
          .replace('.', '')
          .slice(0, 12),
        登记入库时间: '2024-02-01',
        组合专利名称: '组合一',
      }),
    ];
    const fromXlsx = succeeded(await importPatents(await toXlsx(rows)));
    expect(fromXlsx).toMatchObject({ format: 'xlsx', patents: { inserted: 2 } });
    const before = await storeSnapshot();
    const fromCsv = succeeded(await importPatents(toCsv(rows)));
    expect(fromCsv).toMatchObject({ format: 'csv', patents: { inserted: 0, updated: 0, unchanged: 2 } });
    expect(await storeSnapshot()).toEqual(before);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const name = institution('预检');
    const rows = serials(2).map((s) => patentRow(name, s, { 组合专利名称: '预检组合' }));
    const before = await storeSnapshot();
    const result = succeeded(await importPatents(toCsv(rows), { dryRun: true }));
    expect(result).toMatchObject({
      dryRun: true,
      patents: { inserted: 2, updated: 0, unchanged: 0 },
      institutions: { created: 1 },
      portfolios: { inserted: 1, updated: 0, unchanged: 0 },
    });
    expect(await storeSnapshot()).toEqual(before);
  });
});

describe('importPatents: portfolios', () => {
  it('creates a portfolio with its members, links the patents to it, and moves a patent out when its row says so', async () => {
    const name = institution('组合');
    const rows = serials(3).map((s, i) =>
      patentRow(name, s, {
        组合专利名称: i < 2 ? '储能组合' : '',
        组合专利说明: i === 0 ? '储能电池正极材料系列' : '',
      }),
    );
    const result = succeeded(await importPatents(toCsv(rows)));
    expect(result.portfolios).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const [p1, p2, p3] = await storedPatents(rows);
    const portfolio = await PortfolioModel.findOne({ name: '储能组合', institutionName: name }).lean();
    expect(portfolio).toMatchObject({
      description: '储能电池正极材料系列',
      institutionId: p1?.institutionId,
    });
    expect(portfolio?.patentIds.map(String).sort()).toEqual([p1?._id, p2?._id].map(String).sort());
    expect(p1?.portfolioIds).toEqual([portfolio?._id]);
    expect(p3?.portfolioIds).toEqual([]);

    const moved = [rows[0] ?? {}, { ...rows[1], 组合专利名称: '' }, { ...rows[2], 组合专利名称: '储能组合' }];
    const second = succeeded(await importPatents(toCsv(moved)));
    expect(second.patents).toEqual({ inserted: 0, updated: 2, unchanged: 1 });
    expect(second.portfolios).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const after = await PortfolioModel.findById(portfolio?._id).lean();
    expect(after?.patentIds.map(String).sort()).toEqual([p1?._id, p3?._id].map(String).sort());
    const [, q2, q3] = await storedPatents(rows);
    expect(q2).toMatchObject({ portfolioIds: [], rev: 2 });
    expect(q3).toMatchObject({ portfolioIds: [portfolio?._id], rev: 2 });

    // Only the description changes, in a file naming one member: every member is re-published (rev +1 and
    // an outbox entry), because each one's search document carries the description.
    const redescribed = [{ ...rows[0], 组合专利说明: '储能电池正极与电解液系列' }];
    const third = succeeded(await importPatents(toCsv(redescribed)));
    expect(third.patents).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(third.portfolios).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const [r1, , r3] = await storedPatents(rows);
    expect(r1?.rev).toBe(2);
    expect(r3?.rev).toBe(3);
    for (const patent of [r1, r3]) {
      expect(
        await OutboxModel.exists({ entityId: patent?._id, rev: patent?.rev, op: 'upsert' }),
      ).toBeTruthy();
    }
  });
});

describe('importPatents: refusals leave the store unchanged', () => {
  const bad: [string, (name: string, s: number[]) => Row[], { row: number; column: string }][] = [
    [
      'a bad check digit',
      (n, [a = 0, b = 0]) => [
        patentRow(n, a),
        patentRow(n, b, { 申请号: wrongCheckDigit(applicationNumber(b)) }),
      ],
      { row: 3, column: '申请号' },
    ],
    [
      'an unknown IPC code',
      (n, [a = 0, b = 0]) => [patentRow(n, a), patentRow(n, b, { IPC主分类号: 'X01Y 1/00' })],
      { row: 3, column: 'IPC主分类号' },
    ],
    [
      'an unknown industry code',
      (n, [a = 0, b = 0]) => [patentRow(n, a, { 国民经济行业: 'C99' }), patentRow(n, b)],
      { row: 2, column: '国民经济行业' },
    ],
    [
      'a bad date',
      (n, [a = 0, b = 0]) => [patentRow(n, a), patentRow(n, b, { 申请日: '2019-02-29' })],
      { row: 3, column: '申请日' },
    ],
    [
      'a duplicate within the file',
      (n, [a = 0]) => [patentRow(n, a), patentRow(n, a)],
      { row: 3, column: '申请号' },
    ],
  ];

  it.each(bad)(
    'one row with %s among good ones: nothing is imported, the row and column are named',
    async (_, build, where) => {
      const name = institution('拒绝');
      const rows = [...build(name, serials(2)), ...serials(2).map((s) => patentRow(name, s))];
      const before = await storeSnapshot();
      const result = await importPatents(toCsv(rows));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toEqual([expect.objectContaining(where)]);
      expect(await storeSnapshot()).toEqual(before);
    },
  );

  it('refuses wrong headers, garbage binary and an empty file with 4xx errors and writes nothing', async () => {
    const before = await storeSnapshot();
    const headers = allHeaders.filter((h) => h !== '申请日');
    await expect(
      importPatents(toCsv([patentRow(institution('表头'), 1)], [...headers, '专利名称'])),
    ).rejects.toMatchObject({
      status: 400,
      code: 'import_invalid_rows',
      fieldErrors: [
        { path: 'row 1 / 专利名称', message: expect.stringContaining('无法识别的列') },
        { path: 'row 1 / 申请日', message: '缺少必填列「申请日」' },
      ],
    });
    await expect(
      importPatents(Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x81, 0x30, 0x00, 0xff])),
    ).rejects.toMatchObject({ status: 415, code: 'unsupported_file' });
    await expect(importPatents(Buffer.alloc(0))).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_file',
    });
    expect(await storeSnapshot()).toEqual(before);
  });

  it('refuses a 50 MB file before parsing it', async () => {
    const name = institution('超大');
    const one = toCsv(serials(50).map((s) => patentRow(name, s)));
    const big = Buffer.alloc(50 * 1024 * 1024);
    for (let offset = 0; offset < big.length; offset += one.length) one.copy(big, offset);
    expect(big.length).toBeGreaterThan(MAX_FILE_BYTES);
    const before = await storeSnapshot();
    const started = performance.now();
    await expect(importPatents(big)).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    // Parsing 50 MB of CSV takes seconds; a refusal before reading it is immediate.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await storeSnapshot()).toEqual(before);
  });

  it('refuses a number registered by another institution, and updates one registered by the same', async () => {
    const owner = institution('原有');
    const other = institution('他校');
    const [s1 = 0, s2 = 0] = serials(2);
    succeeded(await importPatents(toCsv([patentRow(owner, s1)])));
    const before = await storeSnapshot();
    const result = await importPatents(toCsv([patentRow(other, s2), patentRow(other, s1)]));
    expect(result).toEqual({
      ok: false,
      rows: 2,
      errors: [
        {
          row: 3,
          column: '申请号',
          message: `申请号 ${applicationNumber(s1)} 已由「${owner}」登记，同一专利只能由一个单位登记`,
        },
      ],
    });
    expect(await storeSnapshot()).toEqual(before);
    const update = succeeded(await importPatents(toCsv([patentRow(owner, s1, { 交易条件: '100万元' })])));
    expect(update.patents).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });

  it('with the caller’s institution scope, refuses rows of another 登记单位 and creates no institution', async () => {
    const own = institution('本校');
    const [s1 = 0, s2 = 0, s3 = 0] = serials(3);
    succeeded(await importPatents(toCsv([patentRow(own, s1)])));
    const scope = await InstitutionModel.findOne({ name: own }, { name: 1, kind: 1 }).lean();
    const stranger = institution('外校');
    const before = await storeSnapshot();
    const result = await importPatents(toCsv([patentRow(own, s2), patentRow(stranger, s3)]), {
      institution: scope!,
    });
    expect(result).toEqual({
      ok: false,
      rows: 2,
      errors: [
        {
          row: 3,
          column: '登记单位',
          message: `登记单位「${stranger}」不是本单位（${own}），只能登记本单位的专利`,
        },
      ],
    });
    expect(await storeSnapshot()).toEqual(before);
    const ok = succeeded(await importPatents(toCsv([patentRow(own, s2)]), { institution: scope! }));
    expect(ok.patents).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(ok.institutions).toEqual({ created: 0, existing: 1 });
  });

  it('refuses a 单位类型 that contradicts the stored institution', async () => {
    const name = institution('类型');
    const [s1 = 0, s2 = 0] = serials(2);
    succeeded(await importPatents(toCsv([patentRow(name, s1)])));
    const result = await importPatents(toCsv([patentRow(name, s2, { 单位类型: '科研院所' })]));
    expect(result).toMatchObject({
      ok: false,
      errors: [{ row: 2, column: '单位类型', message: expect.stringContaining('已登记为高校') }],
    });
  });

  it('maps a rejection to a 422 AppError with `row N / column` paths for the route', async () => {
    const result = await importPatents(
      toCsv([patentRow(institution('映射'), 1, { 申请号: '201210247723.9' })]),
    );
    if (result.ok) throw new Error('expected a rejection');
    const error = toImportError(result);
    expect(error).toMatchObject({ status: 422, code: 'import_invalid_rows' });
    expect(error.fieldErrors).toEqual([
      { path: 'row 2 / 申请号', message: expect.stringContaining('校验位') },
    ]);
  });
});
