import { describe, expect, it } from 'vitest';
import { chinaTime, chinaYear } from './china-time';

describe('chinaTime', () => {
  it('writes a UTC timestamp as China wall-clock time, across the date line', () => {
    expect(chinaTime('2024-01-21T07:17:00.000Z')).toBe('2024-01-21 15:17:00');
    expect(chinaTime('2024-12-31T16:30:00Z')).toBe('2025-01-01 00:30:00');
  });
});

describe('chinaYear', () => {
  it('counts a registration by its year in China time', () => {
    expect(chinaYear('2024-12-31T15:59:59.000Z')).toBe('2024');
    expect(chinaYear('2024-12-31T16:00:00.000Z')).toBe('2025');
    expect(chinaYear('2025-01-01T00:00:00+08:00')).toBe('2025');
  });
});
