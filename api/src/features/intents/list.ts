import type { IntentPageDto, IntentSummaryDto } from '@panhuo/domain/intents/dto';
import type { IntentListQuery } from '@panhuo/domain/intents/forms';
import type { IntentDoc } from './model';

/** China's offset: the date filters are calendar days as users in China read them. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const chinaDate = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** True when the intent matches every filter of the query (the search word in title, names or text). */
export function matchesQuery(intent: IntentDoc, query: IntentListQuery): boolean {
  if (query.state && intent.state !== query.state) return false;
  if (query.source && intent.source !== query.source) return false;
  if (query.institutionId && intent.institutionId.toHexString() !== query.institutionId) return false;
  const day = chinaDate(intent.createdAt);
  if (query.from && day < query.from) return false;
  if (query.to && day > query.to) return false;
  if (query.q) {
    const word = query.q.toLowerCase();
    const haystack = [intent.targetTitle, intent.enterpriseName, intent.institutionName, intent.description];
    if (!haystack.some((text) => text.toLowerCase().includes(word))) return false;
  }
  return true;
}

/**
 * One page of a side's intents (newest first, as given) after the filters, with the institutions among
 * all of them for the filter's options. Pure.
 */
export function listIntentPage(
  intents: readonly IntentDoc[],
  query: IntentListQuery,
  present: (intent: IntentDoc) => IntentSummaryDto,
): IntentPageDto {
  const matching = intents.filter((intent) => matchesQuery(intent, query));
  const start = (query.page - 1) * query.size;
  const institutions = new Map<string, string>();
  for (const intent of intents) institutions.set(intent.institutionId.toHexString(), intent.institutionName);
  return {
    total: matching.length,
    page: query.page,
    size: query.size,
    items: matching.slice(start, start + query.size).map(present),
    institutions: [...institutions].map(([id, name]) => ({ id, name })),
  };
}
