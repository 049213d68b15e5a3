import { describe, expect, it } from 'vitest';
import { intentSourceOf } from './intent-source';

describe('intentSourceOf', () => {
  it('names the library of the return path', () => {
    expect(intentSourceOf('/evaluation-library?q=%E7%94%B5%E6%B1%A0')).toBe('evaluation');
    expect(intentSourceOf('/attention-library')).toBe('attention');
    expect(intentSourceOf('/resource-library?page=2')).toBe('resource');
  });

  it('counts a direct visit or a portfolio as the 资源库', () => {
    expect(intentSourceOf(null)).toBe('resource');
    expect(intentSourceOf(undefined)).toBe('resource');
    expect(intentSourceOf('/portfolios/65a1b2c3d4e5f60718293a4b')).toBe('resource');
  });
});
