import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('China-time formatting', () => {
  it('shows UTC instants in UTC+8', () => {
    expect(formatDateTime('2024-01-21T15:17:51.000Z')).toBe('2024-01-21 23:17:51');
    expect(formatDate('2024-01-21T16:30:00Z')).toBe('2024-01-22');
  });

  it('shows nothing for a missing or broken date', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });
});
