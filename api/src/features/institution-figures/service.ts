import type { Client, estypes } from '@elastic/elasticsearch';
import { consolePageSize } from '@panhuo/domain/operator/console';
import type { InstitutionListQuery } from '@panhuo/domain/operator/console';
import type { Dashboard, InstitutionFiguresPage } from '@panhuo/domain/university/figures';
import type { Types } from 'mongoose';
import type { PlatformScope } from '../auth/scope';
import { listInstitutions } from '../operator/store';
import { institutionFigures, toDashboard } from './presenter';
import { buildDashboardRequest, buildInstitutionsRequest } from './query';
import type { DashboardAggs, InstitutionsAggs } from './query';
import { institutionNameOf, intentFactsOf } from './store';

const totalOf = (total: estypes.SearchTotalHits | number | undefined) =>
  typeof total === 'number' ? total : (total?.value ?? 0);

/**
 * One institution's dashboard: one Elasticsearch request (every patent figure, by industry and month)
 * beside one equality read of its intents and its name. Never a read of its patents in MongoDB.
 */
export async function institutionDashboard(
  es: Client,
  index: string,
  institutionId: Types.ObjectId,
): Promise<Dashboard> {
  const id = institutionId.toHexString();
  const [res, facts, name] = await Promise.all([
    es.search<unknown, DashboardAggs>({ ...buildDashboardRequest(id), index }),
    intentFactsOf(institutionId),
    institutionNameOf(institutionId),
  ]);
  return toDashboard({ id, name }, totalOf(res.hits.total), res.aggregations!, facts);
}

/**
 * The operator's 高校院所 figures: the page of institutions the 高校院所 list shows (same query, same order),
 * each with its figures, from one aggregation by institutionId and one intent read per institution.
 */
export async function institutionFiguresPage(
  es: Client,
  index: string,
  scope: PlatformScope,
  query: InstitutionListQuery,
): Promise<InstitutionFiguresPage> {
  const { rows, total } = await listInstitutions(scope, {
    offset: (query.page - 1) * consolePageSize,
    limit: consolePageSize,
    ...(query.q ? { q: query.q } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  });
  const ids = rows.map((row) => row._id.toHexString());
  const [res, facts] = await Promise.all([
    ids.length
      ? es.search<unknown, InstitutionsAggs>({ ...buildInstitutionsRequest(ids), index })
      : Promise.resolve(null),
    Promise.all(rows.map((row) => intentFactsOf(row._id))),
  ]);
  const buckets = new Map((res?.aggregations?.institutions.buckets ?? []).map((b) => [b.key, b]));
  return {
    items: rows.map((row, i) => {
      const bucket = buckets.get(row._id.toHexString());
      return {
        id: row._id.toHexString(),
        name: row.name,
        figures: institutionFigures(bucket?.doc_count ?? 0, bucket?.library, facts[i]!),
      };
    }),
    total,
    page: query.page,
    size: consolePageSize,
  };
}
