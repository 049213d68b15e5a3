import { describe, expect, it } from 'vitest';
import { buildPager } from './pagination';

const numbers = (pager: ReturnType<typeof buildPager>) =>
  pager.items.map((item) =>
    item.kind === 'gap' ? '…' : item.current ? `[${item.page}]` : String(item.page),
  );

describe('buildPager', () => {
  it('shows every page of a short list', () => {
    expect(numbers(buildPager(1, 20, 41))).toEqual(['[1]', '2', '3']);
    expect(buildPager(1, 20, 41)).toMatchObject({ previous: null, totalPages: 3 });
    expect(numbers(buildPager(1, 20, 0))).toEqual(['[1]']);
  });

  it('shows the first page, a window around the current one and the last, with gaps', () => {
    expect(numbers(buildPager(10, 20, 1000))).toEqual(['1', '…', '8', '9', '[10]', '11', '12', '…', '50']);
    expect(buildPager(10, 20, 1000).previous).toBe(9);
  });

  it('stops numbering at 10,000 results and shows a deeper cursor page as current', () => {
    expect(numbers(buildPager(1, 100, 50_000)).at(-1)).toBe('100');
    const deep = buildPager(120, 100, 50_000);
    expect(numbers(deep).slice(-3)).toEqual(['100', '…', '[120]']);
    expect(deep.previous).toBeNull();
    expect(buildPager(101, 100, 50_000).previous).toBe(100);
  });

  it('tells the true page count past the numbered window, and nothing more when every page is numbered', () => {
    expect(buildPager(1, 20, 20_058)).toMatchObject({ totalPages: 1003, lastNumbered: 500 });
    expect(buildPager(1, 20, 10_000)).toMatchObject({ totalPages: 500, lastNumbered: null });
    expect(buildPager(1, 20, 41).lastNumbered).toBeNull();
  });
});
