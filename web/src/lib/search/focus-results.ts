import { afterNavigate } from '$app/navigation';

/** The id of a library page's results heading (a visually hidden h2 with tabindex -1). */
export const RESULTS_HEADING_ID = 'results-heading';

/**
 * After a search on the same list (the form, a facet, a sort, a page), moves focus to the results'
 * heading: otherwise a keyboard user starts again at the top, about 80 Tab presses from the first result
 * behind every facet. Not on arriving at the page, where the search box is the place to start. Call during
 * the page component's initialisation.
 */
export function focusResultsAfterSearch(): void {
  afterNavigate(({ from, to, type }) => {
    if (type === 'enter' || !from || !to || from.url.pathname !== to.url.pathname) return;
    document.getElementById(RESULTS_HEADING_ID)?.focus();
  });
}
