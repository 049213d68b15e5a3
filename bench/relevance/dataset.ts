// The relevance evaluation set (bench/relevance/README.md): real CNIPA patents and the queries written for
// them, read from the JSONL files beside this one, with each query's kind checked against the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How the typed words relate to the patent's title and abstract. */
export const QUERY_KINDS = ['literal', 'partial', 'semantic'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** One real patent, copied verbatim from its source. */
export interface EvalPatent {
  publicationNumber: string;
  title: string;
  abstract: string;
  /** Classification codes as the source gives them (CPC, IPC-compatible at group level). */
  cpc: string[];
  source: { repository: string; path: string; commit: string };
}

/** One query as a searcher types it, and the patent it is meant to find. */
export interface EvalQuery {
  patent: string;
  q: string;
  kind: QueryKind;
}

const dir = import.meta.dirname;

function readJsonl<T>(file: string): T[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Case and width folded as the analyzers fold them, so 'LSTM' is found in 'lstm' and 'ＳＯＣ' in 'SOC'. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The kind a query has against a patent's text: `literal` when every typed word is a substring of the
 * title or abstract, `semantic` when none is, `partial` otherwise.
 */
export function kindOf(q: string, patent: Pick<EvalPatent, 'title' | 'abstract'>): QueryKind {
  const text = fold(`${patent.title}\n${patent.abstract}`);
  const found = q
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => text.includes(fold(w)));
  if (found.every(Boolean)) return 'literal';
  return found.some(Boolean) ? 'partial' : 'semantic';
}

/** The set as shipped. */
export interface EvalSet {
  patents: EvalPatent[];
  queries: EvalQuery[];
}

/**
 * Reads the set and refuses it when a query names an unknown patent, is not 2–3 words, or is labelled
 * with a kind its words do not have (the labels are checked, never trusted).
 */
export function loadEvalSet(): EvalSet {
  const patents = readJsonl<EvalPatent>('patents.jsonl');
  const queries = readJsonl<EvalQuery>('queries.jsonl');
  const byNumber = new Map(patents.map((p) => [p.publicationNumber, p]));
  if (byNumber.size !== patents.length) throw new Error('relevance set: duplicate publication numbers');
  const problems: string[] = [];
  for (const query of queries) {
    const patent = byNumber.get(query.patent);
    const words = query.q.split(/\s+/).filter((w) => w !== '').length;
    if (!patent) problems.push(`${query.patent}: no such patent`);
    else if (words < 2 || words > 3) problems.push(`${query.patent} 「${query.q}」: ${words} words`);
    else if (kindOf(query.q, patent) !== query.kind) {
      problems.push(`${query.patent} 「${query.q}」: labelled ${query.kind}, is ${kindOf(query.q, patent)}`);
    }
  }
  if (problems.length > 0) throw new Error(`relevance set: ${problems.join('; ')}`);
  return { patents, queries };
}
