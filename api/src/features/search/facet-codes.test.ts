import { describe, expect, it } from 'vitest';
import { facetCodesOf, splitFacetCode, splitInstitutionValue } from './facet-codes';
import { testPatents } from './search-test-patents';

describe('facetCodesOf', () => {
  it('lists every facet value of a patent under its facet key', () => {
    const patent = testPatents[0]!;
    const codes = facetCodesOf(patent);
    for (const code of patent.strategicIndustries) expect(codes).toContain(`strategicIndustries:${code}`);
    for (const code of patent.economicIndustries) expect(codes).toContain(`economicIndustries:${code}`);
    for (const code of patent.ipcSections) expect(codes).toContain(`ipcSection:${code}`);
    for (const code of patent.ipcSubclasses) expect(codes).toContain(`ipcSubclass:${code}`);
    for (const code of patent.cooperationModes) expect(codes).toContain(`cooperationModes:${code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        `patentType:${patent.patentType}`,
        `legalStatus:${patent.legalStatus}`,
        `institutionId:${patent.institutionId}:${patent.institutionName}`,
        `validAtEnd2023:${patent.validAtEnd2023}`,
        `registeredAt:${patent.registeredAt.slice(0, 4)}`,
      ]),
    );
  });
});

describe('splitting codes', () => {
  it('splits at the first colon only, so values and names may hold colons', () => {
    expect(splitFacetCode('institutionId:65a0:中国科学院:大连所')).toEqual({
      key: 'institutionId',
      value: '65a0:中国科学院:大连所',
    });
    expect(splitInstitutionValue('65a0:中国科学院:大连所')).toEqual({
      id: '65a0',
      name: '中国科学院:大连所',
    });
  });
});
