import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { mintTenantScope } from '../auth/scope';
import type { InstitutionScope } from '../auth/scope';
import { PatentModel } from '../patents/model';
import { PortfolioModel } from '../patents/portfolio-model';
import { createPortfolio } from '../university-portfolios/service';
import { patentRow, toCsv } from './fixtures';
import { importPatents } from './service';
import type { ImportResult, ImportSucceeded } from './service';
import { useTestDatabase } from '../../../test/test-database';

useTestDatabase('import_workspace_portfolios');

function succeeded(result: ImportResult): ImportSucceeded {
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.errors)}`);
  return result;
}

const members = async (name: string) =>
  ((await PortfolioModel.findOne({ name }).lean())?.patentIds ?? []).map(String).sort();

describe('importPatents and hand-built (workspace) portfolios', () => {
  it('a re-import keeps the patents in the portfolios built on the 组合专利 page, and only adds to them', async () => {
    const name = `工作台${randomBytes(3).toString('hex')}大学`;
    const rows = [1, 2, 3].map((s) => patentRow(name, s, { 组合专利名称: s === 3 ? '文件组合' : '' }));
    succeeded(await importPatents(toCsv(rows)));
    const stored = await PatentModel.find({ institutionName: name }).sort({ applicationNumber: 1 }).lean();
    expect(stored).toHaveLength(3);
    const [p1, p2, p3] = stored;
    const scope = mintTenantScope({
      id: new Types.ObjectId().toHexString(),
      role: 'university',
      enterpriseId: null,
      institutionId: p1!.institutionId.toHexString(),
    }) as InstitutionScope;
    const built = await createPortfolio(scope, {
      name: '手工组合',
      description: '',
      patentIds: [p1!._id.toHexString(), p3!._id.toHexString()],
    });
    expect(await members('手工组合')).toEqual([p1!._id, p3!._id].map(String).sort());

    // The same file again: nothing changes, and the hand-built membership stays.
    const again = succeeded(await importPatents(toCsv(rows)));
    expect(again.patents).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await members('手工组合')).toEqual([p1!._id, p3!._id].map(String).sort());

    // A file moving p3 out of its import portfolio and p1 into it: the import portfolio follows the file,
    // the hand-built one keeps both.
    const moved = [
      { ...rows[0], 组合专利名称: '文件组合' },
      rows[1] ?? {},
      { ...rows[2], 组合专利名称: '' },
    ];
    const second = succeeded(await importPatents(toCsv(moved)));
    expect(second.patents).toEqual({ inserted: 0, updated: 2, unchanged: 1 });
    expect(await members('文件组合')).toEqual([p1!._id.toHexString()]);
    expect(await members('手工组合')).toEqual([p1!._id, p3!._id].map(String).sort());
    const after = await PatentModel.find({ _id: { $in: [p1!._id, p2!._id, p3!._id] } })
      .sort({ applicationNumber: 1 })
      .lean();
    const ids = (i: number) => (after[i]?.portfolioIds ?? []).map(String).sort();
    const fileId = (await PortfolioModel.findOne({ name: '文件组合' }).lean())!._id.toHexString();
    expect(ids(0)).toEqual([built.id, fileId].sort());
    expect(ids(1)).toEqual([]);
    expect(ids(2)).toEqual([built.id]);
  });
});
