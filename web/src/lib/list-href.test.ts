import { describe, expect, it } from 'vitest';
import { listPageHref } from './list-href';

describe('listPageHref', () => {
  it('keeps the non-empty filters and the page', () => {
    expect(listPageHref({ q: '张', status: 'approved', size: 20 }, ['q', 'status'], 2)).toBe(
      '?q=%E5%BC%A0&status=approved&page=2',
    );
    expect(listPageHref({ q: '', status: undefined }, ['q', 'status'], 1)).toBe('?');
  });
});
