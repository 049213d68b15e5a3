import { parseApplicationNumber } from '@panhuo/domain/patents/application-number';
import { describe, expect, it } from 'vitest';
import {
  applicationNumber,
  asOfDay,
  isoDay,
  registrationTime,
  serialFor,
  simulateLifecycle,
} from './lifecycle';
import { Rng } from './random';

describe('application numbers', () => {
  it('carry the CNIPA check digit (201710601862 -> .3)', () => {
    expect(applicationNumber(2017, 'invention', 601862)).toBe('201710601862.3');
    expect(parseApplicationNumber(applicationNumber(2021, 'utility_model', 1234567))).toMatchObject({
      ok: true,
    });
  });

  it('get serials that never repeat within a run', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i++) seen.add(serialFor(i, 1_000_000, 12345));
    expect(seen.size).toBe(50_000);
    expect([...seen].every((s) => s >= 0 && s < 2_000_000)).toBe(true);
  });
});

describe('the simulated lifecycle', () => {
  it('orders dates, matches status to them and tags validity at the end of 2023 consistently', () => {
    const rng = new Rng(3);
    const statuses = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const type = (['invention', 'invention', 'utility_model', 'design'] as const)[i % 4] ?? 'invention';
      const year = 2010 + (i % 15);
      const life = simulateLifecycle(rng, type, year, i);
      statuses.add(life.legalStatus);
      expect(life.applicationDate.startsWith(String(year))).toBe(true);
      expect(life.publicationDate > life.applicationDate).toBe(true);
      expect(life.publicationDate <= isoDay(asOfDay)).toBe(true);
      const kind = life.publicationNumber.slice(-1);
      expect(life.publicationNumber).toMatch(/^CN\d{9}[ABUS]$/);
      if (type === 'invention') {
        expect(kind).toBe(life.grantDate ? 'B' : 'A');
        if (life.grantDate) expect(life.grantDate > life.publicationDate).toBe(true);
      } else {
        expect(kind).toBe(type === 'design' ? 'S' : 'U');
        expect(life.grantDate).toBe(life.publicationDate);
      }
      if (life.legalStatus === 'pending') expect(life.grantDate).toBeUndefined();
      if (life.validAtEnd2023) expect(life.grantDate && life.grantDate <= '2023-12-31').toBeTruthy();
      if (life.legalStatus === 'valid') expect(life.grantDate).toBeDefined();
      const registered = registrationTime(rng, life.lastEventDay);
      expect(registered.toISOString().slice(0, 10) >= (life.grantDate ?? life.publicationDate)).toBe(true);
      expect(registered.getTime()).toBeLessThanOrEqual((asOfDay + 1) * 86_400_000);
      expect(registered.toISOString() >= '2023-10-01').toBe(true);
    }
    expect([...statuses].sort()).toEqual(['invalid', 'pending', 'valid']);
  });
});
