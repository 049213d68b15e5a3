import { parentOf } from '@panhuo/domain/taxonomies/strategic-industries';
import { isEconomicDivisionCode, sectionOf } from '@panhuo/domain/taxonomies/economic-industries';
import type { FacetBucket, FacetKey, SearchPage } from '@panhuo/domain/patents/dto';
import { codeLabel, filterNames } from './labels';
import { selectedYear, toggleFilter, toggleRegistrationYear, toggleValidity } from './search-params';
import type { CodeFilterKey } from '@panhuo/domain/search/keys';
import type { SearchState } from './search-params';

/** One value of a facet list: a link that selects it, or deselects it when selected. */
export interface FacetOption {
  key: string;
  label: string;
  count: number;
  selected: boolean;
  /** 1 for a sub-category shown under its category. */
  depth: 0 | 1;
  /** The state after clicking it. */
  next: SearchState;
}

/** One facet list: the first options always shown, the rest behind 更多. */
export interface FacetGroup {
  key: FacetKey;
  title: string;
  top: FacetOption[];
  more: FacetOption[];
}

/** The order of the facet lists beside the results. */
export const facetOrder: readonly FacetKey[] = [
  'patentType',
  'legalStatus',
  'validAtEnd2023',
  'strategicIndustries',
  'economicIndustries',
  'ipcSection',
  'ipcSubclass',
  'cooperationModes',
  'institutionId',
  'registeredAt',
];

/** Options shown before 更多 (for the industry trees: top-level categories, each with its sub-categories). */
export const FACET_TOP = 6;
const TREE_TOP = 4;

/** The parent of a two-level code, for the two industry taxonomies; null for other facets. */
function treeParent(key: FacetKey): ((code: string) => string | null) | null {
  if (key === 'strategicIndustries') return parentOf;
  if (key === 'economicIndustries') return (code) => (isEconomicDivisionCode(code) ? sectionOf(code) : null);
  return null;
}

function isCodeKey(key: FacetKey): key is CodeFilterKey {
  return key !== 'validAtEnd2023' && key !== 'registeredAt';
}

/** Display label: IPC codes keep their symbol in front of the API's title. */
function optionLabel(key: FacetKey, bucket: FacetBucket): string {
  if ((key === 'ipcSection' || key === 'ipcSubclass') && bucket.label !== bucket.key)
    return `${bucket.key} ${bucket.label}`;
  return bucket.label;
}

function selectedKeys(key: FacetKey, state: SearchState): string[] {
  if (key === 'validAtEnd2023') return state.validAtEnd2023 ? [state.validAtEnd2023] : [];
  if (key === 'registeredAt') {
    const year = selectedYear(state);
    return year ? [year] : [];
  }
  return state.filters[key];
}

function nextState(key: FacetKey, state: SearchState, value: string): SearchState {
  if (key === 'validAtEnd2023') return toggleValidity(state, value);
  if (key === 'registeredAt') return toggleRegistrationYear(state, value);
  return toggleFilter(state, key, value);
}

/** Buckets plus selected values the counts no longer list (0 under the other selections), so they can be undone. */
function withSelected(key: FacetKey, buckets: readonly FacetBucket[], state: SearchState): FacetBucket[] {
  const missing = selectedKeys(key, state)
    .filter((code) => !buckets.some((b) => b.key === code))
    .map((code) => ({ key: code, count: 0, label: isCodeKey(key) ? codeLabel(key, code) : code }));
  const ordered =
    key === 'registeredAt'
      ? [...buckets].sort((a, b) => b.key.localeCompare(a.key))
      : key === 'validAtEnd2023'
        ? [...buckets].sort((a, b) => (a.key === 'true' ? -1 : b.key === 'true' ? 1 : 0))
        : [...buckets];
  return [...missing, ...ordered];
}

/**
 * Builds one facet list from the API's buckets. Industry facets become a two-level tree (a category followed
 * by its sub-categories, ordered by count); selected values always stay above 更多. Pure.
 */
export function facetGroup(key: FacetKey, buckets: readonly FacetBucket[], state: SearchState): FacetGroup {
  const selected = new Set(selectedKeys(key, state));
  const toOption = (bucket: FacetBucket, depth: 0 | 1): FacetOption => ({
    key: bucket.key,
    label: optionLabel(key, bucket),
    count: bucket.count,
    selected: selected.has(bucket.key),
    depth,
    next: nextState(key, state, bucket.key),
  });
  const all = withSelected(key, buckets, state);
  const parent = treeParent(key);
  let blocks: FacetOption[][];
  let limit = FACET_TOP;
  if (parent) {
    const roots = all.filter((b) => parent(b.key) === null || !all.some((p) => p.key === parent(b.key)));
    blocks = roots.map((root) => [
      toOption(root, 0),
      ...all.filter((b) => b !== root && parent(b.key) === root.key).map((b) => toOption(b, 1)),
    ]);
    limit = TREE_TOP;
  } else {
    blocks = all.map((b) => [toOption(b, 0)]);
  }
  const keep = blocks.map((block, i) => i < limit || block.some((o) => o.selected));
  return {
    key,
    title: filterNames[key],
    top: blocks.filter((_, i) => keep[i]).flat(),
    more: blocks.filter((_, i) => !keep[i]).flat(),
  };
}

/** Every non-empty facet list of a result page, in `facetOrder`. */
export function facetGroups(facets: SearchPage['facets'], state: SearchState): FacetGroup[] {
  if (!facets) return [];
  return facetOrder
    .map((key) => facetGroup(key, facets[key] ?? [], state))
    .filter((group) => group.top.length + group.more.length > 0);
}
