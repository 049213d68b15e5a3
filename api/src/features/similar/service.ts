import type { Client } from '@elastic/elasticsearch';
import { notFound } from '../../errors';
import { sharedWith, similarByTextRequest, similarByVectorRequest } from './query';
import type { Shared, SharedSource } from './query';

/** One similar patent: its id, what the detail page links and shows, and what it shares. */
export interface SimilarPatent {
  id: string;
  title: string;
  applicationNumber: string;
  institutionName: string;
  ipcMain: string;
  shared: Shared;
}

/** The answer: whose neighbours, how they were found, and them. */
export interface SimilarAnswer {
  id: string;
  method: 'knn' | 'more_like_this';
  patents: SimilarPatent[];
}

type OwnSource = SharedSource & { embedding?: number[] };
type RowSource = SharedSource & {
  id: string;
  title: string;
  applicationNumber: string;
  institutionName: string;
};

/**
 * The 10 patents most like `id` in the 资源库: kNN on its own vector, or more_like_this on its words while
 * it has none yet (the embed-patents job has not reached it). The patent is read from the index, so a
 * withdrawn (deleted from the index) or unknown patent is 404, as on GET /api/patents/:id.
 */
export async function similarPatents(es: Client, index: string, id: string): Promise<SimilarAnswer> {
  const own = await es.get<OwnSource>(
    {
      index,
      id,
      _source_includes: ['embedding', 'ipcMain', 'strategicIndustries', 'economicIndustries'],
    },
    { ignore: [404] },
  );
  if (!own.found || !own._source) throw notFound('专利不存在');
  const source = own._source;
  const vector = source.embedding;
  const method = vector && vector.length > 0 ? 'knn' : 'more_like_this';
  const request = method === 'knn' ? similarByVectorRequest(id, vector!) : similarByTextRequest(id, index);
  const found = await es.search<RowSource>({ index, ...request });
  return {
    id,
    method,
    patents: found.hits.hits.flatMap((hit) =>
      hit._source
        ? [
            {
              id: hit._source.id,
              title: hit._source.title,
              applicationNumber: hit._source.applicationNumber,
              institutionName: hit._source.institutionName,
              ipcMain: hit._source.ipcMain ?? '',
              shared: sharedWith(source, hit._source),
            },
          ]
        : [],
    ),
  };
}
