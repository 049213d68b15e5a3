import { describe, expect, it } from 'vitest';
import { pushPercent, searchBodyOf } from './push-types';

describe('push helpers', () => {
  it('turns a definition’s search into the API body: code filters as lists, scalars as text', () => {
    const params = new URLSearchParams(
      'q=电池&strategicIndustries=5.2&strategicIndustries=5&registeredFrom=2024-01-01',
    );
    expect(searchBodyOf(params)).toEqual({
      q: '电池',
      strategicIndustries: ['5.2', '5'],
      registeredFrom: '2024-01-01',
    });
    expect(searchBodyOf(new URLSearchParams('patentType=invention'))).toEqual({ patentType: ['invention'] });
  });

  it('shows progress in whole percent, 100 when done', () => {
    expect(pushPercent({ status: 'running', progress: { processed: 1, total: 3 } })).toBe(33);
    expect(pushPercent({ status: 'queued', progress: { processed: 0, total: 0 } })).toBe(0);
    expect(pushPercent({ status: 'done', progress: { processed: 0, total: 0 } })).toBe(100);
  });
});
