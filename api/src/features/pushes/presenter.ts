import { codeFilterKeys } from '@panhuo/domain/search/keys';
import type { PushDoc } from './model';
import type { SavedSearch } from './query';
import { savedSearchOf } from './runner';

/** A saved search as the 资源库's query string (the web opens it, or shows its chips). Pure. */
export function savedSearchQueryString(search: SavedSearch): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  for (const key of codeFilterKeys) for (const code of search.filters[key] ?? []) params.append(key, code);
  if (search.filters.validAtEnd2023 !== undefined)
    params.set('validAtEnd2023', String(search.filters.validAtEnd2023));
  if (search.filters.registeredAt?.from) params.set('registeredFrom', search.filters.registeredAt.from);
  if (search.filters.registeredAt?.to) params.set('registeredTo', search.filters.registeredAt.to);
  return params.toString();
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** A stored push as the operator's API shows it. */
export function presentPush(push: PushDoc) {
  const search = savedSearchOf(push);
  return {
    id: push._id.toHexString(),
    kind: push.kind as 'rule' | 'manual',
    name: push.name,
    status: push.status,
    targets: (push.targets ?? 'enterprises') as 'enterprises' | 'matching',
    search: {
      ...(search.q ? { q: search.q } : {}),
      filters: { ...search.filters },
      ...(search.patentIds ? { patentIds: [...search.patentIds] } : {}),
    },
    query: savedSearchQueryString(search),
    enterpriseIds: push.enterpriseIds.map((id) => id.toHexString()),
    progress: { processed: push.progress?.processed ?? 0, total: push.progress?.total ?? 0 },
    counts: { added: push.counts?.added ?? 0, patents: push.counts?.patents ?? 0 },
    error: push.error ?? null,
    createdAt: push.createdAt.toISOString(),
    confirmedAt: iso(push.confirmedAt),
    startedAt: iso(push.startedAt),
    finishedAt: iso(push.finishedAt),
  };
}
export type PushView = ReturnType<typeof presentPush>;
