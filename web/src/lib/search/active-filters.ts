import type { FacetBucket } from '@panhuo/domain/patents/dto';
import { codeLabel, filterNames } from './labels';
import { codeFilterKeys } from '@panhuo/domain/search/keys';
import { toggleFilter, withoutQuery, withoutScalar } from './search-params';
import type { SearchState } from './search-params';

/** One chip of the "current conditions" bar: what is applied, and the state without it. */
export interface ActiveFilter {
  /** Stable key for keyed each blocks. */
  id: string;
  /** '专利类型' */
  name: string;
  /** '发明' */
  label: string;
  /** The state after removing this condition (back on page 1). */
  without: SearchState;
}

/**
 * Every applied condition as a removable chip, in the page's filter order: the search text first, then
 * each selected code, validity, and the registration range. Institution ids are named from the facet
 * buckets (the API names them) or, failing that, from `institutionNames`. Pure.
 */
export function activeFilters(
  state: SearchState,
  institutionBuckets: readonly FacetBucket[] = [],
  institutionNames: ReadonlyMap<string, string> = new Map(),
): ActiveFilter[] {
  const chips: ActiveFilter[] = [];
  if (state.q) chips.push({ id: 'q', name: '检索词', label: state.q, without: withoutQuery(state) });
  for (const key of codeFilterKeys) {
    for (const code of state.filters[key]) {
      const label =
        key === 'institutionId'
          ? (institutionBuckets.find((b) => b.key === code)?.label ?? institutionNames.get(code) ?? code)
          : codeLabel(key, code);
      chips.push({
        id: `${key}:${code}`,
        name: filterNames[key],
        label,
        without: toggleFilter(state, key, code),
      });
    }
  }
  if (state.validAtEnd2023) {
    const label =
      state.validAtEnd2023 === 'true' ? '是' : state.validAtEnd2023 === 'false' ? '否' : state.validAtEnd2023;
    chips.push({
      id: 'validAtEnd2023',
      name: filterNames.validAtEnd2023,
      label,
      without: withoutScalar(state, 'validAtEnd2023'),
    });
  }
  if (state.registeredFrom || state.registeredTo) {
    const label = state.registeredFrom
      ? state.registeredTo
        ? `${state.registeredFrom} 至 ${state.registeredTo}`
        : `${state.registeredFrom} 起`
      : `截至 ${state.registeredTo}`;
    chips.push({
      id: 'registeredAt',
      name: filterNames.registeredAt,
      label,
      without: withoutScalar(state, 'registeredAt'),
    });
  }
  return chips;
}
