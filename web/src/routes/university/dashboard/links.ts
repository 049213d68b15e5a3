import type { IntentState } from '@panhuo/domain/intents/state';

/**
 * Where each figure of the 数据看板 leads: the list behind it, filtered to what the figure counts. Registered
 * (and pushed) patents are the institution's patents in the 专利转化资源库 (its institution facet, an
 * industry, a registration month); evaluations are 企业评价; intents are 收到的合作意向. Pure.
 */

/** The first and last day of a `YYYY-MM` month, `YYYY-MM-DD`. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const withQuery = (path: string, params: Record<string, string>) => {
  const query = new URLSearchParams(params).toString();
  return query ? `${path}?${query}` : path;
};

/** The institution's patents in the 资源库, optionally of one 战略性新兴产业 category or registration month. */
export function catalogueHref(institutionId: string, options: { industry?: string; month?: string } = {}) {
  const params: Record<string, string> = {};
  if (options.industry) params.strategicIndustries = options.industry;
  params.institutionId = institutionId;
  if (options.month) {
    const { from, to } = monthRange(options.month);
    Object.assign(params, { registeredFrom: from, registeredTo: to });
  }
  return withQuery('/resource-library', params);
}

/** 企业评价, optionally of one star rating or one month. */
export function evaluationsHref(options: { stars?: number; month?: string } = {}) {
  const params: Record<string, string> = {};
  if (options.stars) params.stars = String(options.stars);
  if (options.month) Object.assign(params, monthRange(options.month));
  return withQuery('/university/evaluations', params);
}

/** 收到的合作意向, optionally of one state or one month. */
export function intentsHref(options: { state?: IntentState; month?: string } = {}) {
  const params: Record<string, string> = {};
  if (options.state) params.state = options.state;
  if (options.month) Object.assign(params, monthRange(options.month));
  return withQuery('/university/intents', params);
}
