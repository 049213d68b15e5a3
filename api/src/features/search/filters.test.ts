import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { codeFilterKeys } from '@panhuo/domain/search/keys';
import {
  buildFacetAggs,
  buildPostFilter,
  codeFilters,
  registeredAtField,
  validAtEnd2023Field,
} from './filters';
import type { SearchFilters } from './filters';
import { LIST_SOURCE_FIELDS, PHRASE_FIELDS, TEXT_FIELDS } from './query-builder';

interface FieldMapping {
  type?: string;
  analyzer?: string;
  index?: boolean;
  fields?: Record<string, FieldMapping>;
}

type Query = estypes.QueryDslQueryContainer;

const require = createRequire(import.meta.url);
const mapping = JSON.parse(readFileSync(require.resolve('@panhuo/mappings/patents.json'), 'utf8')) as {
  settings: { index: Record<string, unknown> };
  mappings: { dynamic: string; properties: Record<string, FieldMapping> };
};

/** The mapping of a field or subfield path ('title.std'), ignoring a `^boost`. */
function fieldMapping(path: string): FieldMapping | undefined {
  const [name = '', sub] = path.replace(/\^.*$/, '').split('.');
  const top = mapping.mappings.properties[name];
  return sub === undefined ? top : top?.fields?.[sub];
}

describe('mappings/patents.json and the filter allowlist', () => {
  it('is a strict, one-shard index', () => {
    expect(mapping.mappings.dynamic).toBe('strict');
    expect(mapping.settings.index).toMatchObject({ number_of_shards: 1, number_of_replicas: 0 });
  });

  it.each(codeFilterKeys)('filter %s targets an indexed keyword field', (key) => {
    const field = fieldMapping(codeFilters[key].field);
    expect(field?.type).toBe('keyword');
    expect(field?.index).not.toBe(false);
  });

  it('the boolean and date filters target boolean and date fields', () => {
    expect(fieldMapping(validAtEnd2023Field)?.type).toBe('boolean');
    expect(fieldMapping(registeredAtField)?.type).toBe('date');
    expect(fieldMapping('applicationDate')?.type).toBe('date');
  });

  it('keyword search fields are smartcn text, phrase fields per-character text (or smartcn names)', () => {
    for (const path of TEXT_FIELDS)
      expect(fieldMapping(path)).toMatchObject({ type: 'text', analyzer: 'smartcn' });
    for (const path of PHRASE_FIELDS.filter((p) => p.includes('.std'))) {
      expect(fieldMapping(path)).toMatchObject({ type: 'text', analyzer: 'standard' });
    }
  });

  it('the sort tie-break and the exact number lookups are keywords', () => {
    for (const path of ['applicationNumber', 'publicationNumber', 'id', 'institutionName']) {
      expect(fieldMapping(path)?.type).toBe('keyword');
    }
  });

  it('the facet codes are an aggregatable keyword field, not indexed for search', () => {
    expect(fieldMapping('facetCodes')).toMatchObject({ type: 'keyword', index: false });
  });

  it('every list field exists in the mapping', () => {
    for (const path of LIST_SOURCE_FIELDS) expect(fieldMapping(path), path).toBeDefined();
  });
});

// The counting aggregation of each facet, written out as the specification of the facet allowlist.
const FACET_VALUES: Record<string, estypes.AggregationsAggregationContainer> = {
  strategicIndustries: { terms: { field: 'strategicIndustries', size: 60 } },
  economicIndustries: { terms: { field: 'economicIndustries', size: 120 } },
  ipcSection: { terms: { field: 'ipcSections', size: 8 } },
  ipcSubclass: { terms: { field: 'ipcSubclasses', size: 50 } },
  patentType: { terms: { field: 'patentType', size: 3 } },
  legalStatus: { terms: { field: 'legalStatus', size: 3 } },
  cooperationModes: { terms: { field: 'cooperationModes', size: 10 } },
  institutionId: {
    terms: { field: 'institutionId', size: 50 },
    aggs: { name: { terms: { field: 'institutionName', size: 1 } } },
  },
  validAtEnd2023: { terms: { field: 'validAtEnd2023', size: 2 } },
  registeredAt: {
    date_histogram: {
      field: 'registeredAt',
      calendar_interval: 'year',
      time_zone: '+08:00',
      format: 'yyyy',
      min_doc_count: 1,
    },
  },
};

/** Facet aggregations where each facet applies the selections of the OTHER facets (given in facet order). */
function facetAggs(selected: Record<string, Query> = {}) {
  const except = (key?: string) =>
    Object.entries(selected).flatMap(([k, clause]) => (k === key ? [] : [clause]));
  const shared = Object.entries(FACET_VALUES).filter(([key]) => !(key in selected));
  const own = Object.entries(FACET_VALUES).filter(([key]) => key in selected);
  return {
    ...Object.fromEntries(
      own.map(([key, values]) => [
        `${key}_own`,
        { filter: { bool: { filter: except(key) } }, aggs: { [key]: values } },
      ]),
    ),
    ...(shared.length > 0
      ? {
          facets: {
            filter: { bool: { filter: except() } },
            aggs: { codes: { terms: { field: 'facetCodes', size: 10_000 } } },
          },
        }
      : {}),
  };
}

const filterCases: [string, SearchFilters, string, Query][] = [
  [
    'strategic industry, either level',
    { strategicIndustries: ['3', '3.6'] },
    'strategicIndustries',
    { terms: { strategicIndustries: ['3', '3.6'] } },
  ],
  [
    'economic industry, section or division',
    { economicIndustries: ['C', '38'] },
    'economicIndustries',
    { terms: { economicIndustries: ['C', '38'] } },
  ],
  ['IPC section', { ipcSection: ['H'] }, 'ipcSection', { terms: { ipcSections: ['H'] } }],
  [
    'IPC subclass',
    { ipcSubclass: ['H01M', 'C01B'] },
    'ipcSubclass',
    { terms: { ipcSubclasses: ['H01M', 'C01B'] } },
  ],
  ['patent type', { patentType: ['invention'] }, 'patentType', { terms: { patentType: ['invention'] } }],
  ['legal status', { legalStatus: ['valid'] }, 'legalStatus', { terms: { legalStatus: ['valid'] } }],
  [
    'cooperation modes, the group expanded',
    { cooperationModes: ['license', 'transfer'] },
    'cooperationModes',
    { terms: { cooperationModes: ['license_general', 'license_exclusive', 'license_sole', 'transfer'] } },
  ],
  [
    'institution',
    { institutionId: ['65a000000000000000000001'] },
    'institutionId',
    { terms: { institutionId: ['65a000000000000000000001'] } },
  ],
  [
    'valid at the end of 2023',
    { validAtEnd2023: true },
    'validAtEnd2023',
    { term: { validAtEnd2023: true } },
  ],
  [
    'registration date range, whole China days',
    { registeredAt: { from: '2024-01-01', to: '2024-06-30' } },
    'registeredAt',
    {
      range: {
        registeredAt: {
          gte: '2024-01-01',
          lte: '2024-06-30||/d',
          format: 'strict_date',
          time_zone: '+08:00',
        },
      },
    },
  ],
  [
    'registration date from only',
    { registeredAt: { from: '2024-01-01' } },
    'registeredAt',
    { range: { registeredAt: { gte: '2024-01-01', format: 'strict_date', time_zone: '+08:00' } } },
  ],
];

describe('buildPostFilter and buildFacetAggs', () => {
  it('without selections: no post_filter, every facet unfiltered', () => {
    expect(buildPostFilter({})).toBeUndefined();
    expect(buildFacetAggs({})).toEqual(facetAggs());
  });

  it.each(filterCases)(
    'filter on %s: in post_filter, and excluded from its own facet only',
    (_name, filters, key, clause) => {
      expect(buildPostFilter(filters)).toEqual({ bool: { filter: [clause] } });
      expect(buildFacetAggs(filters)).toEqual(facetAggs({ [key]: clause }));
    },
  );

  it('disjunctive facets with two selections: each facet counts under the other selection only', () => {
    const filters = { patentType: ['invention', 'utility_model'], legalStatus: ['valid'] };
    const type = { terms: { patentType: ['invention', 'utility_model'] } };
    const status = { terms: { legalStatus: ['valid'] } };
    expect(buildPostFilter(filters)).toEqual({ bool: { filter: [type, status] } });
    const aggs = buildFacetAggs(filters);
    expect(aggs).toEqual(facetAggs({ patentType: type, legalStatus: status }));
    expect(aggs.patentType_own?.filter).toEqual({ bool: { filter: [status] } });
    expect(aggs.legalStatus_own?.filter).toEqual({ bool: { filter: [type] } });
    // Every facet without a selection shares one filter aggregation holding both selections, counted
    // by one terms aggregation over the facet codes.
    expect(aggs.facets?.filter).toEqual({ bool: { filter: [type, status] } });
    expect(Object.keys(aggs.facets?.aggs ?? {})).toEqual(['codes']);
  });

  it('with every facet selected, there is no shared aggregation', () => {
    const all: SearchFilters = {
      strategicIndustries: ['3'],
      economicIndustries: ['C'],
      ipcSection: ['H'],
      ipcSubclass: ['H01M'],
      patentType: ['invention'],
      legalStatus: ['valid'],
      cooperationModes: ['transfer'],
      institutionId: ['65a000000000000000000001'],
      validAtEnd2023: true,
      registeredAt: { from: '2024-01-01' },
    };
    const aggs = buildFacetAggs(all);
    expect(aggs.facets).toBeUndefined();
    expect(Object.keys(aggs)).toHaveLength(10);
  });

  it('an empty selection list selects nothing', () => {
    expect(buildPostFilter({ patentType: [], registeredAt: {} })).toBeUndefined();
  });
});
