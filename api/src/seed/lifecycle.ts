import { computeCheckDigit } from '@panhuo/domain/patents/application-number';
import type { LegalStatus } from '@panhuo/domain/taxonomies/legal-status';
import type { PatentType } from '@panhuo/domain/taxonomies/patent-types';
import { WeightedTable } from './random';
import type { Rng, Weighted } from './random';

/**
 * Dates, numbers and legal status of a seeded patent, as CNIPA would have them on a fixed "today" so that
 * the same seed gives the same data whenever it runs.
 */

const dayMs = 86_400_000;

/** Day number (days since 1970-01-01 UTC) of a date. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / dayMs;
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** The generator's "today": nothing happens after it. */
export const asOfDay = dayOf(2026, 9, 30);
const end2023 = dayOf(2023, 12, 31);
/** Registration (登记入库) on the platform started in autumn 2023. */
const registrationStart = dayOf(2023, 10, 9);

/** Filing years, rising like Chinese universities' filings did. */
export const applicationYears: Weighted<number> = [
  [2010, 3],
  [2011, 4],
  [2012, 5],
  [2013, 6],
  [2014, 6],
  [2015, 7],
  [2016, 8],
  [2017, 9],
  [2018, 10],
  [2019, 10],
  [2020, 11],
  [2021, 11],
  [2022, 11],
  [2023, 10],
  [2024, 8],
];
// Utility models and designs last 10 years: the registered stock is mostly recent.
const inventionYearTable = new WeightedTable(applicationYears);
const shortTermYearTable = new WeightedTable<number>(
  applicationYears.map(([year, w]) => [year, year < 2016 ? w / 3 : w]),
);

const typeDigit: Readonly<Record<PatentType, string>> = { invention: '1', utility_model: '2', design: '3' };

/**
 * The normalized application number: YYYY + type digit + 7-digit serial + '.' + check digit (weights
 * 2,3,4,5,6,7,8,9,2,3,4,5, mod 11, 10 = X).
 */
export function applicationNumber(year: number, type: PatentType, serial: number): string {
  const digits = `${year}${typeDigit[type]}${String(serial).padStart(7, '0')}`;
  return `${digits}.${computeCheckDigit(digits)}`;
}

/**
 * The 7-digit serial of record `index`: an affine bijection of the index, so serials never repeat within
 * a run (and application numbers neither), yet look scattered like real ones. Within two million records
 * the serials stay below 2000000, as in real years.
 */
export function serialFor(index: number, count: number, offset: number): number {
  const modulus = count <= 2_000_000 ? 2_000_000 : 10_000_000;
  if (index >= modulus) throw new RangeError(`at most ${modulus} records per run`);
  // 1234567 is coprime to 2·10^6 and 10^7, so the map is a bijection on [0, modulus).
  return ((((index % modulus) * 1_234_567 + offset) % modulus) + modulus) % modulus;
}

// First publication number of each year, by kind (approximately CNIPA's ranges).
const numberBase: Readonly<Record<'A' | 'U' | 'S', readonly number[]>> = {
  A: [
    101_650_000, 101_950_000, 102_350_000, 102_850_000, 103_500_000, 104_300_000, 105_200_000, 106_300_000,
    107_500_000, 109_100_000, 110_700_000, 112_300_000, 113_900_000, 115_500_000, 117_300_000, 119_200_000,
    121_100_000, 123_000_000,
  ],
  U: [
    201_400_000, 201_750_000, 202_300_000, 202_900_000, 203_500_000, 204_300_000, 205_100_000, 206_000_000,
    207_300_000, 208_700_000, 210_500_000, 212_700_000, 215_300_000, 217_900_000, 220_100_000, 222_300_000,
    224_000_000, 225_600_000,
  ],
  S: [
    301_100_000, 301_500_000, 301_900_000, 302_300_000, 302_800_000, 303_200_000, 303_600_000, 304_000_000,
    304_500_000, 305_000_000, 305_500_000, 306_300_000, 307_100_000, 307_900_000, 308_700_000, 309_500_000,
    310_300_000, 311_000_000,
  ],
};

/** 'CN' + 9 digits in the range CNIPA used on that day; the serial spreads numbers within the day. */
function publicationDigits(kind: 'A' | 'U' | 'S', day: number, serial: number): string {
  const date = new Date(day * dayMs);
  const row = numberBase[kind];
  const i = Math.min(Math.max(date.getUTCFullYear() - 2010, 0), row.length - 2);
  const start = row[i] ?? 0;
  const span = (row[i + 1] ?? start) - start;
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1) / dayMs;
  const withinYear = (day - yearStart) / 366;
  return `CN${start + Math.floor(withinYear * span) + (serial % 2000)}`;
}

/** What happened to a patent up to `asOfDay`. */
export interface Lifecycle {
  applicationYear: number;
  applicationDate: string;
  publicationNumber: string;
  publicationDate: string;
  grantDate?: string;
  legalStatus: LegalStatus;
  validAtEnd2023: boolean;
  /** Latest public event (publication or grant), as a day number. */
  lastEventDay: number;
}

/** Picks a filing year; portfolios pass their base year so members are filed close together. */
export function pickApplicationYear(rng: Rng, type: PatentType, baseYear?: number): number {
  if (baseYear !== undefined) return Math.min(2024, Math.max(2010, baseYear + rng.int(-1, 1)));
  return (type === 'invention' ? inventionYearTable : shortTermYearTable).pick(rng);
}

/**
 * Simulates examination and maintenance. Inventions publish 3–18 months after filing; most are granted
 * 8–36 months after publication, some are refused or withdrawn, the rest are still pending today. Utility
 * models and designs are granted (and published) 4–10 months after filing and expire after 10 years (15
 * for designs filed from June 2021). Some granted patents lapse for unpaid fees.
 */
export function simulateLifecycle(rng: Rng, type: PatentType, year: number, serial: number): Lifecycle {
  const filed = dayOf(year, 1, 1) + rng.int(0, 364);
  const base = { applicationYear: year, applicationDate: isoDay(filed) };
  if (type === 'invention') {
    const published = filed + rng.int(90, 540);
    const publicationDigitsA = publicationDigits('A', published, serial);
    const refused = rng.chance(0.08) ? published + rng.int(180, 900) : null;
    const granted = published + rng.int(240, 1100);
    if (refused !== null && refused < granted) {
      return {
        ...base,
        publicationNumber: `${publicationDigitsA}A`,
        publicationDate: isoDay(published),
        legalStatus: refused <= asOfDay ? 'invalid' : 'pending',
        validAtEnd2023: false,
        lastEventDay: published,
      };
    }
    if (granted > asOfDay) {
      return {
        ...base,
        publicationNumber: `${publicationDigitsA}A`,
        publicationDate: isoDay(published),
        legalStatus: 'pending',
        validAtEnd2023: false,
        lastEventDay: published,
      };
    }
    const lapsed = rng.chance(0.08) ? granted + rng.int(365, 365 * 8) : null;
    return {
      ...base,
      publicationNumber: `${publicationDigitsA}B`,
      publicationDate: isoDay(published),
      grantDate: isoDay(granted),
      legalStatus: lapsed !== null && lapsed <= asOfDay ? 'invalid' : 'valid',
      validAtEnd2023: granted <= end2023 && (lapsed === null || lapsed > end2023),
      lastEventDay: granted,
    };
  }
  const granted = filed + rng.int(type === 'design' ? 120 : 150, 300);
  const termYears = type === 'design' && filed >= dayOf(2021, 6, 1) ? 15 : 10;
  const expires = dayOf(year + termYears, 1, 1) + (filed - dayOf(year, 1, 1));
  const lapsed = rng.chance(type === 'design' ? 0.15 : 0.12) ? granted + rng.int(365, 365 * 7) : null;
  const ends = Math.min(expires, lapsed ?? Infinity);
  return {
    ...base,
    publicationNumber: `${publicationDigits(type === 'design' ? 'S' : 'U', granted, serial)}${type === 'design' ? 'S' : 'U'}`,
    publicationDate: isoDay(granted),
    grantDate: isoDay(granted),
    legalStatus: ends <= asOfDay ? 'invalid' : 'valid',
    validAtEnd2023: granted <= end2023 && ends > end2023,
    lastEventDay: granted,
  };
}

/**
 * 登记入库时间: after the registration start and after the patent's last public event (an institution
 * registers what it can show), spread up to `asOfDay`, in Chinese office hours.
 */
export function registrationTime(rng: Rng, lastEventDay: number): Date {
  const earliest = Math.min(asOfDay, Math.max(registrationStart, lastEventDay + rng.int(7, 60)));
  const day = earliest + Math.floor(rng.next() * (asOfDay - earliest + 1));
  // 09:00–18:00 in UTC+8 is 01:00–10:00 UTC.
  const seconds = 3600 + rng.int(0, 9 * 3600 - 1);
  return new Date(day * dayMs + seconds * 1000);
}
