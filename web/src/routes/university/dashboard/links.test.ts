import { describe, expect, it } from 'vitest';
import { catalogueHref, evaluationsHref, intentsHref, monthRange } from './links';

describe('the dashboard’s links', () => {
  it('spans a whole month, leap years included', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('leads each figure to its list, filtered as the figure counts', () => {
    const id = '65f000000000000000000001';
    expect(catalogueHref(id)).toBe(`/resource-library?institutionId=${id}`);
    expect(catalogueHref(id, { industry: '5' })).toBe(
      `/resource-library?strategicIndustries=5&institutionId=${id}`,
    );
    expect(catalogueHref(id, { month: '2026-03' })).toBe(
      `/resource-library?institutionId=${id}&registeredFrom=2026-03-01&registeredTo=2026-03-31`,
    );
    expect(evaluationsHref()).toBe('/university/evaluations');
    expect(evaluationsHref({ stars: 4 })).toBe('/university/evaluations?stars=4');
    expect(evaluationsHref({ month: '2026-11' })).toBe(
      '/university/evaluations?from=2026-11-01&to=2026-11-30',
    );
    expect(intentsHref({ state: 'negotiating' })).toBe('/university/intents?state=negotiating');
  });
});
