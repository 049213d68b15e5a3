import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { evaluationCount, libraryOf, searchVersion, VERSION_STRIDE } from './to-es-doc';

const oid = (hex: string) => new mongoose.Types.ObjectId(hex.padStart(24, '0'));

describe('the 评价库 part of the search document', () => {
  it('lists every push with only that enterprise’s own verdict (stars and date) and expert count', () => {
    const patent = {
      pushes: [
        { enterpriseId: oid('a1'), pushId: oid('b1'), pushedAt: new Date('2026-11-01T00:00:00Z') },
        { enterpriseId: oid('a2'), pushId: null, pushedAt: new Date('2026-11-02T00:00:00Z') },
      ],
    } as unknown as PatentDoc;
    const evaluations = {
      verdicts: new Map([
        [oid('a2').toHexString(), { stars: 3, submittedAt: new Date('2026-11-03T00:00:00Z') }],
      ]),
      experts: new Map([[oid('a1').toHexString(), 2]]),
    };
    expect(evaluationCount(evaluations)).toBe(3);
    expect(libraryOf(patent, evaluations)).toEqual([
      {
        enterpriseId: oid('a1').toHexString(),
        pushedAt: '2026-11-01T00:00:00.000Z',
        pushId: oid('b1').toHexString(),
        expertCount: 2,
      },
      {
        enterpriseId: oid('a2').toHexString(),
        pushedAt: '2026-11-02T00:00:00.000Z',
        pushId: null,
        expertCount: 0,
        evaluatedAt: '2026-11-03T00:00:00.000Z',
        enterpriseStars: 3,
      },
    ]);
  });

  it('versions a document by rev first, then by its enterprise evaluations; a tombstone outranks both', () => {
    expect(searchVersion(3, 0)).toBeLessThan(searchVersion(3, 1));
    expect(searchVersion(3, VERSION_STRIDE + 5)).toBeLessThan(searchVersion(4, 0));
    expect(searchVersion(3, 200)).toBeLessThan(4 * VERSION_STRIDE);
  });
});
