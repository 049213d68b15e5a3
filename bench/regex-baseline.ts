// The naive baseline the search replaces: the same words and filters as a `$regex` scan over title and
// abstract in MongoDB (FerretDB here), sorted by registration date, 20 rows. Compared with the API's
// answer time for the very same cases at one client.
import mongoose from 'mongoose';
import { PatentModel } from '@panhuo/api/features/patents/model';
import type { BenchApi } from './api-server';
import { LIST_PATH, caseLabel, industryCases, searchPath } from './queries';
import type { SearchCase } from './queries';
import { median, round } from './stats';

/** One baseline query. */
export interface RegexQueryResult {
  label: string;
  /** Median of the regex runs (one run when slow), ms; the timeout when it timed out. */
  regexMs: number;
  timedOut: boolean;
  rows: number;
  /** Median of the API's answer times for the same case, ms. */
  esMs: number;
}

/** What the baseline measured. */
export interface RegexBaselineResult {
  queries: RegexQueryResult[];
  timeoutMs: number;
  regexP50: number;
  esP50: number;
  /** regex p50 ÷ ES p50. */
  ratio: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The MongoDB filter: every typed word must occur in the title or the abstract (the AND the search applies),
 * plus the two filters. Exported so the printed report can show what was run.
 */
export function regexFilter(c: SearchCase): Record<string, unknown> {
  const words = c.q.split(/\s+/).filter(Boolean);
  const contains = (word: string) => ({
    $or: [{ title: { $regex: escapeRegex(word) } }, { abstract: { $regex: escapeRegex(word) } }],
  });
  return {
    ...(words.length === 1 ? contains(words[0] ?? '') : { $and: words.map(contains) }),
    strategicIndustries: c.filters.strategicIndustries,
    patentType: c.filters.patentType,
  };
}

/**
 * Runs up to `maxQueries` industry cases as regex scans through mongoose on a connection of its own (its
 * socket timeout above `timeoutMs`, so a slow scan is not cut by the API's 30 s), then the same cases
 * through the API, 5 times each.
 */
export async function runRegexBaseline(
  api: BenchApi,
  opts: { mongoUri: string; dbName: string; maxQueries: number; timeoutMs: number },
): Promise<RegexBaselineResult> {
  const conn = await mongoose
    .createConnection(opts.mongoUri, {
      dbName: opts.dbName,
      autoIndex: false,
      socketTimeoutMS: opts.timeoutMs + 30_000,
      serverSelectionTimeoutMS: 10_000,
    })
    .asPromise();
  const Patents = conn.model('Patent', PatentModel.schema);
  const queries: RegexQueryResult[] = [];
  try {
    for (const c of industryCases().slice(0, opts.maxQueries)) {
      const runs: number[] = [];
      let rows = 0;
      let timedOut = false;
      // Fast scans (a small store) are repeated for a stable median; slow ones run once.
      while (runs.length < 3 && !timedOut && (runs.length === 0 || (runs.at(-1) ?? 0) < 2000)) {
        const started = performance.now();
        try {
          const found = await Patents.find(regexFilter(c), { _id: 1 })
            .sort({ registeredAt: -1 })
            .limit(20)
            .maxTimeMS(opts.timeoutMs)
            .lean();
          rows = found.length;
          runs.push(performance.now() - started);
        } catch (err) {
          const ms = performance.now() - started;
          if (ms < opts.timeoutMs * 0.9) throw err;
          timedOut = true;
          runs.push(opts.timeoutMs);
        }
      }
      const es: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await api.get(searchPath(LIST_PATH, c));
        if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${caseLabel(c)}`);
        es.push(res.ms);
      }
      const result = {
        label: caseLabel(c),
        regexMs: round(median(runs)),
        timedOut,
        rows,
        esMs: round(median(es)),
      };
      console.log(
        `[bench] regex ${result.label}: ${result.regexMs} ms${timedOut ? ' (timed out)' : ''}, ${rows} rows; API ${result.esMs} ms`,
      );
      queries.push(result);
    }
  } finally {
    await conn.close();
  }
  const regexP50 = round(median(queries.map((q) => q.regexMs)));
  const esP50 = round(median(queries.map((q) => q.esMs)));
  return { queries, timeoutMs: opts.timeoutMs, regexP50, esP50, ratio: round(regexP50 / esP50) };
}
