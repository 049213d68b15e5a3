import type { IntentSource } from '@panhuo/domain/intents/state';

/**
 * The library a detail page was opened from, read from its return path (`?from=`), for 我有合作意向: the
 * intent records where it came from, and each library has its own publish_intent ability. A page opened
 * directly (no return path) or from a 组合专利 counts as the 资源库, which every 企业管理员 may search.
 */
export function intentSourceOf(back: string | null | undefined): IntentSource {
  if (back?.startsWith('/evaluation-library')) return 'evaluation';
  if (back?.startsWith('/attention-library')) return 'attention';
  return 'resource';
}
