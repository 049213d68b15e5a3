import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { compileTerms } from './highlight';
import { toResults } from './results';
import type { PatentListSource } from './results';

const source: PatentListSource = {
  id: '65b000000000000000000001',
  applicationNumber: '201710601862.3',
  title: '一种石墨烯导热膜及其制备方法',
  abstract: '本发明公开了一种石墨烯导热膜。',
  applicants: ['清华大学'],
  institutionId: '65a000000000000000000001',
  institutionName: '清华大学',
  patentType: 'invention',
  legalStatus: 'valid',
  ipcMain: 'C01B 32/184',
  applicationDate: '2017-07-20',
  registeredAt: '2024-03-01T02:00:00.000Z',
  strategicIndustries: ['3', '3.6'],
  economicIndustries: ['C', '26'],
  cooperationModes: ['transfer'],
  validAtEnd2023: true,
  portfolioIds: [],
};

function response(
  hits: estypes.SearchHit<PatentListSource>[],
  aggregations?: Record<string, unknown>,
): estypes.SearchResponse<PatentListSource> {
  return {
    took: 3,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: { total: { value: 42, relation: 'eq' }, max_score: null, hits },
    ...(aggregations ? { aggregations: aggregations as Record<string, estypes.AggregationsAggregate> } : {}),
  };
}

const { title: _title, abstract: _abstract, ...listed } = source;

describe('toResults', () => {
  it('maps hits to list rows with the terms marked in title and snippet', () => {
    const results = toResults(
      response([{ _index: 'x', _id: source.id, _score: 3.2, _source: source }]),
      compileTerms(['石墨', '烯']),
    );
    expect(results).toEqual({
      total: { value: 42, relation: 'eq' },
      facets: null,
      hits: [
        {
          ...listed,
          title: '一种石墨烯导热膜及其制备方法',
          titleSegments: [
            { text: '一种', hit: false },
            { text: '石墨烯', hit: true },
            { text: '导热膜及其制备方法', hit: false },
          ],
          snippet: [
            { text: '本发明公开了一种', hit: false },
            { text: '石墨烯', hit: true },
            { text: '导热膜。', hit: false },
          ],
        },
      ],
    });
  });

  it('without highlights: the plain title and the start of the abstract', () => {
    const long = `${'锂'.repeat(130)}𠮷`;
    const [hit] = toResults(
      response([{ _index: 'x', _id: 'a', _source: { ...source, abstract: long } }]),
    ).hits;
    expect(hit?.titleSegments).toEqual([{ text: '一种石墨烯导热膜及其制备方法', hit: false }]);
    expect(hit?.snippet).toEqual([{ text: `${'锂'.repeat(120)}…`, hit: false }]);
  });

  it('maps facets with Chinese labels from the taxonomies', () => {
    const wrap = (buckets: unknown[]) => ({ buckets });
    const results = toResults(
      response([], {
        // patentType has a selection of its own; every other facet is counted by the shared facet-codes
        // aggregation (ES order: count descending). The patentType codes there are ignored.
        patentType_own: { doc_count: 4, patentType: wrap([{ key: 'utility_model', doc_count: 2 }]) },
        facets: {
          doc_count: 9,
          codes: wrap([
            { key: 'validAtEnd2023:true', doc_count: 7 },
            { key: 'registeredAt:2025', doc_count: 6 },
            { key: 'institutionId:65a000000000000000000001:清华大学', doc_count: 6 },
            { key: 'strategicIndustries:3', doc_count: 5 },
            { key: 'patentType:invention', doc_count: 5 },
            { key: 'strategicIndustries:3.6', doc_count: 4 },
            { key: 'ipcSection:H', doc_count: 3 },
            { key: 'ipcSubclass:H01M', doc_count: 3 },
            { key: 'economicIndustries:38', doc_count: 2 },
            { key: 'registeredAt:2024', doc_count: 2 },
            { key: 'validAtEnd2023:false', doc_count: 2 },
            { key: 'cooperationModes:license_sole', doc_count: 1 },
            { key: 'institutionId:65a000000000000000000002:中国科学院:大连化学物理研究所', doc_count: 1 },
            { key: 'ipcSubclass:A99Z', doc_count: 1 },
            { key: 'legalStatus:pending', doc_count: 1 },
          ]),
        },
      }),
    );
    expect(results.facets).toEqual({
      strategicIndustries: [
        { key: '3', label: '新材料产业', count: 5 },
        { key: '3.6', label: '前沿新材料', count: 4 },
      ],
      economicIndustries: [{ key: '38', label: '电气机械和器材制造业', count: 2 }],
      ipcSection: [{ key: 'H', label: '电学', count: 3 }],
      ipcSubclass: [
        { key: 'H01M', label: '用于直接转变化学能为电能的方法或装置，例如电池组', count: 3 },
        { key: 'A99Z', label: 'A99Z', count: 1 },
      ],
      patentType: [{ key: 'utility_model', label: '实用新型', count: 2 }],
      legalStatus: [{ key: 'pending', label: '审中', count: 1 }],
      cooperationModes: [{ key: 'license_sole', label: '独占许可', count: 1 }],
      institutionId: [
        { key: '65a000000000000000000001', label: '清华大学', count: 6 },
        { key: '65a000000000000000000002', label: '中国科学院:大连化学物理研究所', count: 1 },
      ],
      validAtEnd2023: [
        { key: 'true', label: '截至2023年底有效', count: 7 },
        { key: 'false', label: '非截至2023年底有效', count: 2 },
      ],
      // Years oldest first.
      registeredAt: [
        { key: '2024', label: '2024年', count: 2 },
        { key: '2025', label: '2025年', count: 6 },
      ],
    });
  });

  it('shows at most the facet size of each facet from the shared aggregation, the most frequent first', () => {
    const codes = Array.from({ length: 60 }, (_, i) => ({
      key: `ipcSubclass:H${String(i).padStart(2, '0')}M`,
      doc_count: 100 - i,
    }));
    const results = toResults(response([], { facets: { doc_count: 100, codes: { buckets: codes } } }));
    expect(results.facets?.ipcSubclass).toHaveLength(50);
    expect(results.facets?.ipcSubclass[0]).toMatchObject({ key: 'H00M', count: 100 });
    expect(results.facets?.ipcSubclass[49]).toMatchObject({ key: 'H49M', count: 51 });
    expect(results.facets?.patentType).toEqual([]);
  });
});
