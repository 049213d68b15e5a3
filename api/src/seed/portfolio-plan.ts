import { seedInstitutions } from './institutions';
import type { SeedInstitution } from './institutions';
import { hash32, Rng, streamFor, WeightedTable } from './random';
import type { Weighted } from './random';
import { getField } from './vocabulary/fields';
import type { FieldVocabulary } from './vocabulary/types';

/**
 * Which records belong to portfolios (组合专利), decided before any record is generated so that patents can
 * carry their portfolio ids while streaming. Records are planned in chunks of `planChunkSize`: each chunk
 * holds 0–3 portfolios of 3–8 members (about 5 % of records), all of one institution and field, filed
 * within a few years by one team. The plan of a chunk depends only on (seed, chunk), so a shorter run is a
 * prefix of a longer one; members past the end of a run are dropped, and so are portfolios left with
 * fewer than two.
 */
export const planChunkSize = 200;
/** Portfolio slots per chunk (ids are numbered chunk * slots + k). */
export const portfolioSlotsPerChunk = 4;

/** One planned portfolio. */
export interface PlannedPortfolio {
  /** Global slot number: the portfolio's id is derived from it. */
  slot: number;
  institution: SeedInstitution;
  field: FieldVocabulary;
  topic: string;
  /** Record indexes, ascending. */
  members: number[];
  /** Seeds the team: shared lead inventors and contact. */
  teamSeed: number;
  /** Members are filed within a year of this. */
  baseYear: number;
}

const institutionTable = new WeightedTable<SeedInstitution>(
  seedInstitutions.map((inst) => [inst, inst.weight]),
);
const strengthTables = new Map(
  seedInstitutions.map((inst) => [inst.name, new WeightedTable(inst.strengths)]),
);
const portfolioCounts: Weighted<number> = [
  [0, 1],
  [1, 4],
  [2, 4],
  [3, 1],
];
const baseYears: Weighted<number> = [
  [2014, 1],
  [2015, 2],
  [2016, 3],
  [2017, 4],
  [2018, 5],
  [2019, 5],
  [2020, 5],
  [2021, 4],
  [2022, 3],
  [2023, 2],
];

/** An institution by patent volume. */
export function pickInstitution(rng: Rng): SeedInstitution {
  return institutionTable.pick(rng);
}

/** One of the institution's fields, by strength. */
export function pickField(rng: Rng, institution: SeedInstitution): FieldVocabulary {
  const table = strengthTables.get(institution.name) ?? new WeightedTable(institution.strengths);
  return getField(table.pick(rng));
}

/** The full plan of a chunk, independent of the run length. */
export function planChunk(seed: number, chunk: number): PlannedPortfolio[] {
  const rng = streamFor(seed, 'portfolio-plan', chunk);
  const n = rng.weighted(portfolioCounts);
  const start = chunk * planChunkSize;
  const free = Array.from({ length: planChunkSize }, (_, i) => start + i);
  const plans: PlannedPortfolio[] = [];
  for (let k = 0; k < n; k++) {
    const size = rng.int(3, 8);
    const members = rng.sample(free, size).sort((a, b) => a - b);
    const taken = new Set(members);
    free.splice(0, free.length, ...free.filter((i) => !taken.has(i)));
    const institution = pickInstitution(rng);
    const field = pickField(rng, institution);
    plans.push({
      slot: chunk * portfolioSlotsPerChunk + k,
      institution,
      field,
      topic: rng.pick(field.portfolioTopics),
      members,
      teamSeed: hash32(seed, 'team', chunk, k),
      baseYear: rng.weighted(baseYears),
    });
  }
  return plans;
}

/** The chunk's portfolios within a run of `count` records (members below `count`, at least two). */
export function portfoliosInRun(seed: number, chunk: number, count: number): PlannedPortfolio[] {
  return planChunk(seed, chunk)
    .map((plan) => ({ ...plan, members: plan.members.filter((i) => i < count) }))
    .filter((plan) => plan.members.length >= 2);
}

/** Record index -> its portfolio, for one chunk of a run. */
export function membershipOf(plans: readonly PlannedPortfolio[]): Map<number, PlannedPortfolio> {
  const byIndex = new Map<number, PlannedPortfolio>();
  for (const plan of plans) for (const index of plan.members) byIndex.set(index, plan);
  return byIndex;
}

/** A fresh stream for a team (portfolio members share its draws). */
export function teamStream(plan: PlannedPortfolio, purpose: string): Rng {
  return new Rng(hash32(plan.teamSeed, purpose));
}
