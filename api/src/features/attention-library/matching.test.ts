import { describe, expect, it } from 'vitest';
import { catalogueSortModes } from '@panhuo/domain/search/keys';
import { buildSearchParamsSchema } from '../search/schema';
import { buildSearchRequest } from '../search/query-builder';
import { attentionScope, matchReasons } from './matching';

const criteria = {
  strategicIndustries: ['3'],
  economicIndustries: [],
  cooperationModes: ['license_sole'],
  keywords: ['石墨烯'],
  institutionIds: [],
  regions: [],
  regionOf: {},
};
const dims = [
  { terms: { strategicIndustries: ['3'] } },
  { terms: { cooperationModes: ['license_sole'] } },
  {
    bool: {
      should: [{ multi_match: { query: '石墨烯', type: 'phrase', fields: ['title.std', 'abstract.std'] } }],
      minimum_should_match: 1,
    },
  },
];

describe('关注库 matching', () => {
  it('filters on any dimension and scores one per matched dimension, newest among equals', () => {
    const input = buildSearchParamsSchema({ sortModes: catalogueSortModes }).parse({});
    const request = buildSearchRequest(input, { scope: attentionScope(criteria), facets: false });
    expect(request.query).toEqual({
      bool: {
        should: dims.map((filter) => ({ constant_score: { filter, boost: 1 } })),
        filter: [{ bool: { should: dims, minimum_should_match: 1 } }],
      },
    });
    expect(request.sort).toEqual([
      { _score: { order: 'desc' } },
      { registeredAt: { order: 'desc' } },
      { applicationNumber: { order: 'asc' } },
    ]);
  });

  it('matches nothing without a picked dimension', () => {
    expect(
      attentionScope({ ...criteria, strategicIndustries: [], cooperationModes: [], keywords: [] }),
    ).toEqual({
      ids: [],
    });
  });

  it('says why in the settings’ order, with the picked level’s name', () => {
    const row = {
      strategicIndustries: ['3', '3.6'],
      economicIndustries: ['C'],
      cooperationModes: ['license_sole'],
      institutionId: 'x',
      institutionName: '清华大学',
    };
    expect(matchReasons(criteria, row, ['石墨烯'])).toEqual(['新材料产业', '独占许可', '关键词 石墨烯']);
    expect(
      matchReasons({ ...criteria, strategicIndustries: ['3.6'], institutionIds: ['x'] }, row, []),
    ).toEqual(['前沿新材料', '独占许可', '清华大学']);
  });

  it('matches a 地区 pick through the institutions of the province, and says so', () => {
    const regional = {
      ...criteria,
      strategicIndustries: [],
      cooperationModes: [],
      keywords: [],
      regions: ['浙江省', '西藏自治区'],
      regionOf: { b: '浙江省', a: '浙江省' },
    };
    expect(attentionScope(regional)).toEqual({
      filters: [{ bool: { should: [{ terms: { institutionId: ['a', 'b'] } }], minimum_should_match: 1 } }],
      ranking: [{ constant_score: { filter: { terms: { institutionId: ['a', 'b'] } }, boost: 1 } }],
    });
    const row = {
      strategicIndustries: [],
      economicIndustries: [],
      cooperationModes: [],
      institutionId: 'a',
      institutionName: '浙江大学',
    };
    expect(matchReasons(regional, row, [])).toEqual(['地区 浙江省']);
    expect(matchReasons(regional, { ...row, institutionId: 'z' }, [])).toEqual([]);
    // A province with no institution yet still counts as picked: it matches nothing rather than everything.
    expect(attentionScope({ ...regional, regionOf: {} })).toMatchObject({
      filters: [{ bool: { should: [{ terms: { institutionId: [] } }] } }],
    });
  });
});
