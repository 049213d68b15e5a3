import { describe, expect, it } from 'vitest';
import { InstitutionModel } from '../features/institutions/model';
import { PatentModel } from '../features/patents/model';
import type { PatentDoc } from '../features/patents/model';
import { PortfolioModel } from '../features/patents/portfolio-model';
import { generatePatentAt } from './generate-patents';
import { generatePortfolios } from './generate-portfolios';
import { seedInstitutions } from './institutions';
import { isStoreEmpty, seedPatents } from './seed-store';
import { useTestDatabase } from '../../test/test-database';

useTestDatabase('seed');
const count = 500;
const seed = 7;

describe('seedPatents against the MongoDB wire server', () => {
  it('writes institutions, patents and portfolios and reads them back', async () => {
    expect(await isStoreEmpty()).toBe(true);
    const progress: number[] = [];
    const result = await seedPatents({
      count,
      seed,
      batchSize: 120,
      onProgress: (done) => progress.push(done),
    });
    const expectedPortfolios = [...generatePortfolios({ seed, count })];

    expect(result).toMatchObject({
      institutions: seedInstitutions.length,
      patents: count,
      portfolios: expectedPortfolios.length,
      duplicates: 0,
    });
    expect(result.patentsPerSecond).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(count);
    expect(await isStoreEmpty()).toBe(false);
    expect(await InstitutionModel.countDocuments({})).toBe(seedInstitutions.length);
    expect(await PatentModel.countDocuments({})).toBe(count);
    expect(await PortfolioModel.countDocuments({})).toBe(expectedPortfolios.length);
    expect(await PatentModel.countDocuments({ 'portfolioIds.0': { $exists: true } })).toBe(
      expectedPortfolios.reduce((sum, p) => sum + p.patentIds.length, 0),
    );

    // A stored patent equals the generated one, and its institution and portfolio exist.
    const generated = generatePatentAt({ seed, count }, 123);
    const stored = await PatentModel.findById(generated._id).lean<PatentDoc>();
    expect(stored).toMatchObject({ ...generated, dossier: generated.dossier });
    expect(stored?.createdAt).toBeInstanceOf(Date);
    const institution = await InstitutionModel.findOne({ name: generated.institutionName }).lean();
    expect(institution?._id.equals(generated.institutionId)).toBe(true);
    const portfolio = await PortfolioModel.findById(expectedPortfolios[0]?._id).lean();
    expect(portfolio?.patentIds.length).toBe(expectedPortfolios[0]?.patentIds.length);
    const members = await PatentModel.find(
      { _id: { $in: portfolio?.patentIds ?? [] } },
      { institutionName: 1, portfolioIds: 1 },
    ).lean();
    expect(members.length).toBe(portfolio?.patentIds.length);
    expect(members.every((m) => m.institutionName === portfolio?.institutionName)).toBe(true);
  });

  it('skips what exists when the same seed runs again and keeps existing institution ids', async () => {
    const name = seedInstitutions[0]?.name ?? '';
    const before = await InstitutionModel.findOne({ name }).lean();
    const again = await seedPatents({ count: 50, seed });
    expect(again.patents).toBe(0);
    expect(again.duplicates).toBeGreaterThanOrEqual(50);
    expect(await PatentModel.countDocuments({})).toBe(count);
    const after = await InstitutionModel.findOne({ name }).lean();
    expect(after?._id.equals(before?._id)).toBe(true);
    expect(await InstitutionModel.countDocuments({})).toBe(seedInstitutions.length);
  });
});
