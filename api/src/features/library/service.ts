import type { Client } from '@elastic/elasticsearch';
import type { PatentDto, PatentSearchDoc } from '@panhuo/domain/patents/dto';
import type { LibraryRow } from '@panhuo/domain/search/library-row';
import { notFound } from '../../errors';
import { buildScopeFilters } from '../search/query-builder';
import type { SearchScope } from '../search/query-builder';
import { toResults } from '../search/results';
import type { LibraryEntrySource, PatentListSource } from '../search/results';

/** The search document as stored: the detail DTO plus what only the index needs. */
type StoredDoc = PatentSearchDoc & { library?: LibraryEntrySource[] };

/**
 * One patent within a library's scope, read from Elasticsearch (the scope is an Elasticsearch filter, so
 * the same clause that limits the list decides the detail): its DTO and its row (with the scope
 * enterprise's own entry). Outside the scope, or absent, it is a 404 `not_found`, one answer for both, so
 * another enterprise's 评价库 cannot be probed.
 */
export async function findInLibrary(
  es: Client,
  index: string,
  id: string,
  scope: SearchScope,
): Promise<{ patent: PatentDto; row: LibraryRow }> {
  const res = await es.search<StoredDoc>({
    index,
    size: 1,
    query: { bool: { filter: [{ term: { id } }, ...buildScopeFilters(scope)] } },
  });
  const hit = res.hits.hits[0];
  if (!hit?._source) throw notFound('专利不存在');
  const row = toResults(
    { ...res, hits: { ...res.hits, hits: [hit as { _source: PatentListSource; _index: string }] } },
    [],
    scope.library?.enterpriseId,
  ).hits[0];
  if (!row) throw notFound('专利不存在');
  // Everything of the index's own (every enterprise's entries, facet codes, the version) stays here.
  const {
    rev: _rev,
    portfolios: _portfolios,
    facetCodes: _codes,
    library: _library,
    ...patent
  } = hit._source;
  return { patent, row };
}
