// Where a search request's time goes, straight against Elasticsearch: the bench cases through
// buildSearchRequest, one client, with parts of the request left out in turn (facets; the 20 rows). Prints ES
// `took` means. Highlighting is not in it: the API marks the words (search/highlight.ts).
// `npx tsx bench/profile-search.ts [index]` against the dev stack (default index alias bench-patents).
import { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import { buildSearchRequest } from '@panhuo/api/features/search/query-builder';
import { searchParamsSchema } from '@panhuo/api/features/search/schema';
import { searchCases } from './queries';

const index = process.argv[2] ?? 'bench-patents';
const es = new Client({ node: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200' });
const cases = searchCases().map((c) =>
  searchParamsSchema.parse({ q: c.q, ...c.filters, sort: 'registeredAt:desc', size: '20' }),
);

type Variant = (r: estypes.SearchRequest) => estypes.SearchRequest;
const variants: Record<string, Variant> = {
  full: (r) => r,
  'no aggs': ({ aggs: _a, ...r }) => r,
  'query only': ({ aggs: _a, ...r }) => ({ ...r, size: 0 }),
  'query only, no total': ({ aggs: _a, ...r }) => ({ ...r, size: 0, track_total_hits: false }),
};

for (const [name, variant] of Object.entries(variants)) {
  const took: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const input of cases) {
      const request = variant(buildSearchRequest(input));
      const t = performance.now();
      const res = await es.search({ ...request, index, request_cache: false });
      if (round > 0) {
        took.push(res.took);
        wall.push(performance.now() - t);
      }
    }
  }
  const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);
  const sorted = [...took].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(24)} took mean ${mean(took)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]} ms; wall mean ${mean(wall)} ms`,
  );
}
await es.close();
