import { describe, expect, it } from 'vitest';
import { listPageHref, pageCount } from './list-href';

describe('listPageHref', () => {
  it('keeps the non-empty filters and the page', () => {
    expect(listPageHref({ q: '张', status: 'approved', size: 20 }, ['q', 'status'], 2)).toBe(
      '?q=%E5%BC%A0&status=approved&page=2',
    );
    expect(listPageHref({ q: '', status: undefined }, ['q', 'status'], 1)).toBe('?');
  });
});

describe('pageCount', () => {
  it('rounds up to whole pages and keeps one page for an empty list', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
    expect(pageCount(41, 20)).toBe(3);
  });

  it('treats a missing or zero page size as one page instead of Infinity or NaN', () => {
    expect(pageCount(5, 0)).toBe(1);
    expect(pageCount(5, Number.NaN)).toBe(1);
  });
});
