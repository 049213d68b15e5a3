import { intentStates } from '@panhuo/domain/intents/state';
import { strategicIndustryName } from '@panhuo/domain/taxonomies/strategic-industries';
import type {
  Dashboard,
  IndustryFigures,
  InstitutionFigures,
  MonthFigures,
} from '@panhuo/domain/university/figures';
import { libraryFigures, monthCounts } from './query';
import type { DashboardAggs, LibraryAgg } from './query';
import type { IntentFact } from './store';

/** China's offset: an intent's month is the month in China. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const monthOf = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);

/**
 * The intents the institution's inbox shows (an intent withdrawn before it was read is not there), by
 * state in the states' order, with their total.
 */
export function intentFigures(facts: readonly IntentFact[]): InstitutionFigures['intents'] {
  const received = facts.filter((fact) => fact.state !== 'withdrawn');
  const byState = intentStates
    .filter((state) => state !== 'withdrawn')
    .map((state) => ({ state, count: received.filter((fact) => fact.state === state).length }));
  return { total: received.length, byState };
}

/** The headline figures: registered (the documents' total), pushed and evaluated, intents. */
export function institutionFigures(
  registered: number,
  library: LibraryAgg | undefined,
  facts: readonly IntentFact[],
): InstitutionFigures {
  return { registered, ...libraryFigures(library), intents: intentFigures(facts) };
}

/** The month after `YYYY-MM`. */
function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
}

/**
 * One row per month from the first month with anything to the last (empty months included, so the time
 * axis is even), each series' count or 0. Pure.
 */
export function monthSeries(
  series: Record<Exclude<keyof MonthFigures, 'month'>, Map<string, number>>,
): MonthFigures[] {
  const months = Object.values(series)
    .flatMap((counts) => [...counts.keys()])
    .filter((month) => /^\d{4}-\d{2}$/.test(month))
    .sort();
  if (months.length === 0) return [];
  const rows: MonthFigures[] = [];
  const last = months[months.length - 1]!;
  for (let month = months[0]!; month <= last; month = nextMonth(month)) {
    rows.push({
      month,
      registered: series.registered.get(month) ?? 0,
      pushed: series.pushed.get(month) ?? 0,
      evaluated: series.evaluated.get(month) ?? 0,
      intents: series.intents.get(month) ?? 0,
    });
  }
  return rows;
}

/** The 战略性新兴产业 categories, most registered first. */
function industries(aggs: DashboardAggs): IndustryFigures[] {
  return aggs.industries.buckets.map((bucket) => ({
    code: bucket.key,
    name: strategicIndustryName(bucket.key) ?? bucket.key,
    registered: bucket.doc_count,
    pushed: bucket.library.patents.doc_count,
    evaluated: bucket.library.evaluated.patents.doc_count,
  }));
}

/** The dashboard from the one search's aggregations and the institution's intents. */
export function toDashboard(
  institution: { id: string; name: string },
  registered: number,
  aggs: DashboardAggs,
  facts: readonly IntentFact[],
): Dashboard {
  const intentMonths = new Map<string, number>();
  for (const fact of facts) {
    if (fact.state === 'withdrawn') continue;
    const month = monthOf(fact.createdAt);
    intentMonths.set(month, (intentMonths.get(month) ?? 0) + 1);
  }
  return {
    institutionId: institution.id,
    institutionName: institution.name,
    figures: institutionFigures(registered, aggs.library, facts),
    byIndustry: industries(aggs),
    byMonth: monthSeries({
      registered: monthCounts(aggs.registeredByMonth.buckets),
      pushed: monthCounts(aggs.libraryByMonth.pushed.buckets),
      evaluated: monthCounts(aggs.libraryByMonth.evaluated.months.buckets),
      intents: intentMonths,
    }),
  };
}
