import { parseApplicationNumber } from '@panhuo/domain/patents/application-number';
import { cooperationModeCodes } from '@panhuo/domain/taxonomies/cooperation-modes';
import { isEconomicIndustryCode } from '@panhuo/domain/taxonomies/economic-industries';
import { deriveIndustries } from '@panhuo/domain/taxonomies/ipc-concordance';
import { ipcSubclassTitle, normalizeIpc } from '@panhuo/domain/taxonomies/ipc';
import { isStrategicIndustryCode } from '@panhuo/domain/taxonomies/strategic-industries';
import { isTechnologyMaturity } from '@panhuo/domain/taxonomies/technology-maturity';
import { describe, expect, it } from 'vitest';
import { textLengths } from './compose-text';
import { generatePatentAt, generatePatents } from './generate-patents';
import type { SeedPatent } from './generate-patents';
import { generatePortfolios } from './generate-portfolios';
import { seedInstitutions } from './institutions';

const take = (seed: number, count: number, n = count) => {
  const out: SeedPatent[] = [];
  for (const patent of generatePatents({ seed, count })) {
    out.push(patent);
    if (out.length >= n) break;
  }
  return out;
};

// One run of 20 000 shared by the checks below (about two seconds to generate).
const run = take(42, 20_000);

describe('generatePatents', () => {
  it('is deterministic: the same seed gives the same records, another seed others', () => {
    expect(take(42, 20_000, 100)).toEqual(run.slice(0, 100));
    const other = take(43, 20_000, 100);
    expect(other.map((p) => p.title)).not.toEqual(run.slice(0, 100).map((p) => p.title));
    expect(other.map((p) => p._id.toHexString())).not.toEqual(
      run.slice(0, 100).map((p) => p._id.toHexString()),
    );
  });

  it('streams: a shorter run is a prefix of a longer one, and any record can be generated alone', () => {
    expect(take(42, 400)).toEqual(run.slice(0, 400));
    expect(generatePatentAt({ seed: 42, count: 20_000 }, 12_345)).toEqual(run[12_345]);
    const iterator = generatePatents({ seed: 1, count: 1_000_000 });
    expect(iterator.next().value?.title).toBeTruthy();
  });

  it('writes valid application numbers, unique over the run, matching type and filing year', () => {
    const bad = run.filter((patent) => {
      const parsed = parseApplicationNumber(patent.applicationNumber);
      return (
        !parsed.ok ||
        parsed.value.normalized !== patent.applicationNumber ||
        parsed.value.kind !== patent.patentType ||
        String(parsed.value.year) !== patent.applicationDate.slice(0, 4) ||
        !/^CN\d{9}[ABUS]$/.test(patent.publicationNumber)
      );
    });
    expect(bad.map((p) => p.applicationNumber)).toEqual([]);
    expect(new Set(run.map((p) => p.applicationNumber)).size).toBe(run.length);
    expect(new Set(run.map((p) => p._id.toHexString())).size).toBe(run.length);
  });

  it('uses IPC symbols and industry codes that exist in the domain taxonomies', () => {
    const badIpc = run.flatMap((p) =>
      p.ipcCodes[0] === p.ipcMain
        ? p.ipcCodes.filter((c) => normalizeIpc(c) !== c || !ipcSubclassTitle(c.slice(0, 4)))
        : [p.ipcMain],
    );
    expect(badIpc).toEqual([]);
    const badIndustries = run.filter(
      (p) =>
        !p.strategicIndustries.every(isStrategicIndustryCode) ||
        p.economicIndustries.length === 0 ||
        !p.economicIndustries.every(isEconomicIndustryCode),
    );
    expect(badIndustries.map((p) => [p.strategicIndustries, p.economicIndustries])).toEqual([]);
    const derived = run.filter((p) => p.industriesDerived);
    for (const patent of derived.slice(0, 2000)) {
      expect({ strategic: patent.strategicIndustries, economic: patent.economicIndustries }).toEqual(
        deriveIndustries(patent.ipcCodes),
      );
    }
    expect(derived.length / run.length).toBeGreaterThan(0.65);
    expect(derived.length / run.length).toBeLessThan(0.75);
  });

  it("orders dates: application < publication <= grant <= registration, all by the generator's today", () => {
    const bad = run.filter((p) => {
      const registered = p.registeredAt.toISOString().slice(0, 10);
      return (
        p.applicationDate < '2010-01-01' ||
        p.applicationDate > '2024-12-31' ||
        p.publicationDate <= p.applicationDate ||
        (p.grantDate !== undefined && p.grantDate < p.publicationDate) ||
        registered < (p.grantDate ?? p.publicationDate) ||
        registered < '2023-01-01' ||
        registered > '2026-12-31' ||
        (p.validAtEnd2023 && !(p.grantDate && p.grantDate <= '2023-12-31')) ||
        (p.legalStatus === 'pending' && (p.patentType !== 'invention' || p.grantDate !== undefined))
      );
    });
    expect(
      bad.map((p) => [p.applicationDate, p.publicationDate, p.grantDate, p.registeredAt, p.legalStatus]),
    ).toEqual([]);
  });

  it('mixes patent types and legal statuses like a university stock', () => {
    const share = (pred: (p: SeedPatent) => boolean) => run.filter(pred).length / run.length;
    expect(share((p) => p.patentType === 'invention')).toBeGreaterThan(0.65);
    expect(share((p) => p.patentType === 'invention')).toBeLessThan(0.8);
    expect(share((p) => p.patentType === 'utility_model')).toBeGreaterThan(0.12);
    expect(share((p) => p.patentType === 'design')).toBeGreaterThan(0.02);
    expect(share((p) => p.legalStatus === 'valid')).toBeGreaterThan(0.6);
    expect(share((p) => p.legalStatus === 'pending')).toBeGreaterThan(0.03);
    expect(share((p) => p.legalStatus === 'invalid')).toBeGreaterThan(0.03);
    expect(share((p) => p.validAtEnd2023)).toBeGreaterThan(0.4);
  });

  it('keeps texts within CNIPA-like lengths', () => {
    const within = (text: string, range: { min: number; max: number }) =>
      text.length >= range.min && text.length <= range.max;
    const bad = run.filter((p) =>
      p.patentType === 'design'
        ? !within(p.abstract, textLengths.designAbstract) || p.claims !== ''
        : p.title.length <= 4 ||
          !within(p.abstract, textLengths.abstract) ||
          !within(p.claims, textLengths.claims),
    );
    expect(bad.map((p) => [p.title, p.abstract.length, p.claims.length])).toEqual([]);
  });

  it('fills people, institution and the 建档信息 consistently', () => {
    const institutions = new Map(seedInstitutions.map((i) => [i.name, i]));
    for (const patent of run.slice(0, 3000)) {
      const institution = institutions.get(patent.institutionName);
      expect(institution).toBeDefined();
      expect(patent.institutionKind).toBe(institution?.kind);
      expect(patent.address).toBe(institution?.address);
      expect(patent.applicants[0]).toBe(patent.institutionName);
      expect(patent.currentAssignees).toEqual(patent.applicants);
      expect(patent.inventors.length).toBeGreaterThanOrEqual(2);
      expect(patent.inventors.length).toBeLessThanOrEqual(6);
      expect(new Set(patent.inventors).size).toBe(patent.inventors.length);
      if (patent.agency) expect(institution?.agencies).toContain(patent.agency);
      else expect(patent.agents).toEqual([]);
      expect(patent.cooperationModes.length).toBeGreaterThanOrEqual(1);
      expect(patent.cooperationModes.length).toBeLessThanOrEqual(3);
      expect(
        patent.cooperationModes.every((m) => (cooperationModeCodes as readonly string[]).includes(m)),
      ).toBe(true);
      expect(isTechnologyMaturity(patent.dossier.maturity)).toBe(true);
      expect(patent.dossier.contact).toMatch(new RegExp(`老师.*${institution?.areaCode}-\\d{8}$`));
      expect(patent.dossier.terms.split('；').length).toBe(patent.cooperationModes.length);
      expect(patent.rev).toBe(1);
    }
    expect(run.some((p) => p.applicants.length === 2)).toBe(true);
  });
});

describe('generatePortfolios', () => {
  const portfolios = [...generatePortfolios({ seed: 42, count: 20_000 })];
  const byId = new Map(run.map((p) => [p._id.toHexString(), p]));

  it('bundles about 5 % of the patents, each portfolio of one institution and field', () => {
    const members = portfolios.flatMap((p) => p.patentIds);
    expect(members.length / run.length).toBeGreaterThan(0.03);
    expect(members.length / run.length).toBeLessThan(0.07);
    for (const portfolio of portfolios) {
      expect(portfolio.patentIds.length).toBeGreaterThanOrEqual(2);
      const patents = portfolio.patentIds.map((id) => byId.get(id.toHexString()));
      for (const patent of patents) {
        expect(patent?.institutionName).toBe(portfolio.institutionName);
        expect(patent?.institutionId.equals(portfolio.institutionId)).toBe(true);
        expect(patent?.portfolioIds.map((id) => id.toHexString())).toEqual([portfolio._id.toHexString()]);
      }
      expect(portfolio.name).toMatch(/专利组合/);
      expect(portfolio.description).toContain(portfolio.institutionName);
    }
  });

  it('is referenced back by exactly its members, with names unique per institution', () => {
    const referenced = run.filter((p) => p.portfolioIds.length > 0).length;
    expect(referenced).toBe(portfolios.reduce((sum, p) => sum + p.patentIds.length, 0));
    const names = portfolios.map((p) => `${p.institutionName}/${p.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect([...generatePortfolios({ seed: 42, count: 20_000 })].slice(0, 5)).toEqual(portfolios.slice(0, 5));
  });
});
