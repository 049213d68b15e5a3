import { describe, expect, it } from 'vitest';
import { LIST_SOURCE_FIELDS } from '../search/query-builder';
import { ipcSubclass, sharedWith, similarByTextRequest, similarByVectorRequest } from './query';

const id = '6b11a1e0b2f8c92c2418acf3';

describe('相似专利 requests', () => {
  it('kNN on the own vector, itself excluded inside the filter, in the scope', () => {
    expect(similarByVectorRequest(id, [0.1, 0.2], { institutionIds: ['inst'] })).toEqual({
      size: 10,
      _source: LIST_SOURCE_FIELDS,
      knn: {
        field: 'embedding',
        query_vector: [0.1, 0.2],
        k: 10,
        num_candidates: 100,
        filter: {
          bool: { filter: [{ terms: { institutionId: ['inst'] } }], must_not: [{ ids: { values: [id] } }] },
        },
      },
    });
  });

  it('more_like_this on title, abstract and claims without a vector', () => {
    expect(similarByTextRequest(id, 'p-patents')).toEqual({
      size: 10,
      _source: LIST_SOURCE_FIELDS,
      query: {
        bool: {
          must: [
            {
              more_like_this: {
                fields: ['title', 'abstract', 'claims'],
                like: [{ _index: 'p-patents', _id: id }],
                min_term_freq: 1,
                min_doc_freq: 2,
                max_query_terms: 25,
              },
            },
          ],
          filter: [{ bool: { filter: [], must_not: [{ ids: { values: [id] } }] } }],
        },
      },
    });
  });
});

describe('what a similar patent shares', () => {
  it('the IPC subclass and the industries in common', () => {
    expect(ipcSubclass('h01m 4/36')).toBe('H01M');
    expect(ipcSubclass('')).toBeNull();
    expect(
      sharedWith(
        { ipcMain: 'H01M 4/36', strategicIndustries: ['s1', 's2'], economicIndustries: ['e1'] },
        { ipcMain: 'H01M 10/0525', strategicIndustries: ['s2'], economicIndustries: ['e1', 'e9'] },
      ),
    ).toEqual({ ipcSubclass: 'H01M', industries: ['s2', 'e1'] });
    expect(sharedWith({ ipcMain: 'H01M 4/36' }, { ipcMain: 'C02F 1/44' })).toEqual({
      ipcSubclass: null,
      industries: [],
    });
  });
});
