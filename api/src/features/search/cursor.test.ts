import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, searchFingerprint } from './cursor';

describe('cursor', () => {
  const cursor = {
    pit: 'pit-id==',
    after: [1.25, 1719792000000, '201710601862.3'],
    page: 4,
    fp: '0123456789abcdef',
  };

  it('round-trips through an opaque base64url string', () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ ...cursor, pit: null }))).toEqual({ ...cursor, pit: null });
  });

  it('refuses anything it did not make', () => {
    expect(decodeCursor('not a cursor!')).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":1}').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2').toString('base64url'))).toBeNull();
    const pageOne = Buffer.from(JSON.stringify({ v: 1, ...cursor, page: 1 })).toString('base64url');
    expect(decodeCursor(pageOne)).toBeNull();
  });

  it('fingerprints a search independently of key order, and differently for other parameters', () => {
    const a = searchFingerprint({
      q: '锂电池',
      filters: { patentType: ['invention'], legalStatus: ['valid'] },
    });
    const b = searchFingerprint({
      filters: { legalStatus: ['valid'], patentType: ['invention'] },
      q: '锂电池',
    });
    const c = searchFingerprint({ q: '锂电池', filters: { patentType: ['design'], legalStatus: ['valid'] } });
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
