import { deriveIndustries } from '@panhuo/domain/taxonomies/ipc-concordance';
import { cooperationModeCodes } from '@panhuo/domain/taxonomies/cooperation-modes';
import type { CooperationModeCode } from '@panhuo/domain/taxonomies/cooperation-modes';
import { withEconomicSections } from '@panhuo/domain/taxonomies/economic-industries';
import type { LegalStatus } from '@panhuo/domain/taxonomies/legal-status';
import type { PatentType } from '@panhuo/domain/taxonomies/patent-types';
import { withStrategicParents } from '@panhuo/domain/taxonomies/strategic-industries';
import type { TechnologyMaturity } from '@panhuo/domain/taxonomies/technology-maturity';
import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import type mongoose from 'mongoose';
import { composeDesignText, composePatentText } from './compose-text';
import type { SeedInstitution } from './institutions';
import {
  applicationNumber,
  pickApplicationYear,
  registrationTime,
  serialFor,
  simulateLifecycle,
} from './lifecycle';
import { personName, surnameOf } from './person-names';
import {
  membershipOf,
  pickField,
  pickInstitution,
  planChunkSize,
  portfoliosInRun,
  teamStream,
} from './portfolio-plan';
import type { PlannedPortfolio } from './portfolio-plan';
import { hash32, Rng, streamFor } from './random';
import type { Weighted } from './random';
import { namedObjectId, seededObjectId } from './seed-ids';
import { TemplateFiller } from './template-filler';
import { brandSyllables, companyForms, termsByMode } from './vocabulary/common';
import type { FieldVocabulary } from './vocabulary/types';

type ObjectId = mongoose.Types.ObjectId;

/** A generated patent, shaped like a document of the `patents` collection (timestamps are the writer's). */
export interface SeedPatent {
  _id: ObjectId;
  applicationNumber: string;
  applicationDate: string;
  publicationNumber: string;
  publicationDate: string;
  grantDate?: string;
  patentType: PatentType;
  title: string;
  abstract: string;
  claims: string;
  ipcMain: string;
  ipcCodes: string[];
  legalStatus: LegalStatus;
  applicants: string[];
  currentAssignees: string[];
  inventors: string[];
  address: string;
  agency?: string;
  agents: string[];
  institutionId: ObjectId;
  institutionName: string;
  institutionKind: InstitutionKind;
  registeredAt: Date;
  strategicIndustries: string[];
  economicIndustries: string[];
  industriesDerived: boolean;
  cooperationModes: CooperationModeCode[];
  validAtEnd2023: boolean;
  dossier: { maturity: TechnologyMaturity; scenarios: string; contact: string; terms: string };
  portfolioIds: ObjectId[];
  rev: number;
}

/** What a run generates. */
export interface GenerateOptions {
  /** Same seed, same records. */
  seed: number;
  /** Number of patents in the run (portfolio members past it are dropped). */
  count: number;
  /** Ids of institutions already stored under other ids (by name); default: derived from the name. */
  institutionIds?: ReadonlyMap<string, ObjectId>;
}

/** The id an institution gets when the seed creates it. */
export function institutionIdFor(name: string): ObjectId {
  return namedObjectId('institution', name);
}

/** The id of record `index` of run `seed`. */
export function patentIdFor(seed: number, index: number): ObjectId {
  return seededObjectId(seed, 'patent', index);
}

/** The id of portfolio slot `slot` of run `seed`. */
export function portfolioIdFor(seed: number, slot: number): ObjectId {
  return seededObjectId(seed, 'portfolio', slot);
}

const cooperationWeights: Weighted<CooperationModeCode> = [
  ['transfer', 30],
  ['license_general', 20],
  ['license_exclusive', 8],
  ['license_sole', 8],
  ['open_license', 12],
  ['equity', 8],
  ['joint_development', 14],
];
const maturityPending: Weighted<TechnologyMaturity> = [
  ['lab', 35],
  ['bench', 35],
  ['pilot', 20],
  ['small_batch', 7],
  ['mass_production', 3],
];
const maturityGranted: Weighted<TechnologyMaturity> = [
  ['lab', 15],
  ['bench', 30],
  ['pilot', 28],
  ['small_batch', 17],
  ['mass_production', 10],
];

/** Run-wide values derived once from the options. */
interface RunContext {
  seed: number;
  count: number;
  serialOffset: number;
  institutionId: (institution: SeedInstitution) => ObjectId;
}

function runContext(options: GenerateOptions): RunContext {
  if (!Number.isInteger(options.count) || options.count < 0)
    throw new RangeError('count must be a non-negative integer');
  const ids = options.institutionIds;
  return {
    seed: options.seed,
    count: options.count,
    serialOffset: hash32(options.seed, 'serial') % 2_000_000,
    institutionId: (institution) => ids?.get(institution.name) ?? institutionIdFor(institution.name),
  };
}

// Derivation parses every symbol but only looks at subclasses, and subclass sequences recur: remember them.
const derivedCache = new Map<string, { strategic: string[]; economic: string[] }>();
function derivedIndustries(ipcCodes: readonly string[]): { strategic: string[]; economic: string[] } {
  const key = ipcCodes.map((code) => code.slice(0, 4)).join('|');
  let derived = derivedCache.get(key);
  if (!derived) {
    if (derivedCache.size >= 50_000) derivedCache.clear();
    derived = deriveIndustries(ipcCodes);
    derivedCache.set(key, derived);
  }
  return { strategic: [...derived.strategic], economic: [...derived.economic] };
}

function patentTypeFor(rng: Rng, field: FieldVocabulary): PatentType {
  const hasDevices = field.titles.some((p) => p.archetype === 'device') && field.devices.length > 0;
  const roll = rng.next();
  if (roll < 0.05 && field.designs.length > 0) return 'design';
  if (roll < 0.3 && hasDevices) return 'utility_model';
  return 'invention';
}

function pickModes(rng: Rng): CooperationModeCode[] {
  const chosen = new Set<CooperationModeCode>();
  const wanted = rng.weighted<number>([
    [1, 45],
    [2, 40],
    [3, 15],
  ]);
  while (chosen.size < wanted) chosen.add(rng.weighted(cooperationWeights.filter(([m]) => !chosen.has(m))));
  return cooperationModeCodes.filter((code) => chosen.has(code));
}

function phone(rng: Rng, areaCode: string): string {
  let digits = rng.pick(['8', '8', '6', '5']);
  for (let i = 0; i < 7; i++) digits += String(rng.int(0, 9));
  return `${areaCode}-${digits}`;
}

function company(rng: Rng, institution: SeedInstitution, field: FieldVocabulary): string {
  const [a = '华', b = '科'] = rng.sample(brandSyllables, 2);
  return `${institution.city}${a}${b}${rng.pick(field.partnerTrades)}${rng.pick(companyForms)}`;
}

/** Generates record `index` of a run, given the portfolio membership of its chunk. */
function generateOne(ctx: RunContext, index: number, portfolio: PlannedPortfolio | undefined): SeedPatent {
  const rng = streamFor(ctx.seed, 'patent', index);
  const institution = portfolio?.institution ?? pickInstitution(rng);
  const field = portfolio?.field ?? pickField(rng, institution);
  const patentType = patentTypeFor(rng, field);
  const utilityModel = patentType === 'utility_model';
  const patterns = utilityModel ? field.titles.filter((p) => p.archetype === 'device') : field.titles;
  const pattern = rng.pick(patterns);
  const text =
    patentType === 'design'
      ? composeDesignText(rng, field)
      : composePatentText(rng, field, pattern, utilityModel);

  const year = pickApplicationYear(rng, patentType, portfolio?.baseYear);
  const serial = serialFor(index, ctx.count, ctx.serialOffset);
  const life = simulateLifecycle(rng, patentType, year, serial);

  const ipcMain = rng.pick(patentType === 'design' ? field.ipcMain : (pattern.ipc ?? field.ipcMain));
  const others = [...new Set([...field.ipcSecondary, ...(pattern.ipc ?? []), ...field.ipcMain])].filter(
    (c) => c !== ipcMain,
  );
  const ipcCodes = [ipcMain, ...rng.sample(others, rng.int(1, 4))];
  const derived = rng.chance(0.7);
  const industries = derived
    ? derivedIndustries(ipcCodes)
    : {
        strategic: withStrategicParents(
          rng.sample(field.strategic, rng.int(1, Math.min(2, field.strategic.length))),
        ),
        economic: withEconomicSections(
          rng.sample(field.economic, rng.int(1, Math.min(2, field.economic.length))),
        ),
      };

  // Inventors: a lab's lead (shared by a portfolio's team, else one of a few per institution and field).
  const team = portfolio
    ? teamStream(portfolio, 'people')
    : new Rng(hash32(ctx.seed, 'lab', institution.name, field.key, rng.int(0, 24)));
  const lead = personName(team);
  const inventors = [lead];
  if (portfolio) inventors.push(personName(team));
  const wanted = rng.int(2, 6);
  while (inventors.length < wanted) {
    const name = personName(rng);
    if (!inventors.includes(name)) inventors.push(name);
  }
  const applicants = [institution.name];
  if (rng.chance(0.12)) applicants.push(company(rng, institution, field));

  const agency = rng.chance(0.9) ? rng.pick(institution.agencies) : undefined;
  const agents: string[] = [];
  if (agency) {
    for (let k = rng.int(1, 2); agents.length < k;) {
      const agent = personName(new Rng(hash32('agent', agency, rng.int(0, 11))));
      if (!agents.includes(agent)) agents.push(agent);
    }
  }

  const modes = pickModes(rng);
  const numbers = new TemplateFiller(rng, field);
  const contactPerson = team.chance(0.6)
    ? `${surnameOf(lead)}老师`
    : `${surnameOf(personName(team))}老师（技术转移中心）`;
  const scenarios = rng.sample(field.scenarios, rng.int(1, 3));
  const dossier = {
    maturity: rng.weighted(life.legalStatus === 'pending' ? maturityPending : maturityGranted),
    scenarios: `${rng.pick(['可应用于', '主要应用于', '适用于'])}${scenarios.join('、')}等领域。`,
    contact: `联系人：${contactPerson}，电话：${phone(team, institution.areaCode)}`,
    terms: modes.map((mode) => numbers.fill(rng.pick(termsByMode[mode] ?? ['面议']))).join('；'),
  };

  const patent: SeedPatent = {
    _id: patentIdFor(ctx.seed, index),
    applicationNumber: applicationNumber(year, patentType, serial),
    applicationDate: life.applicationDate,
    publicationNumber: life.publicationNumber,
    publicationDate: life.publicationDate,
    patentType,
    title: text.title,
    abstract: text.abstract,
    claims: text.claims,
    ipcMain,
    ipcCodes,
    legalStatus: life.legalStatus,
    applicants,
    currentAssignees: [...applicants],
    inventors,
    address: institution.address,
    agents,
    institutionId: ctx.institutionId(institution),
    institutionName: institution.name,
    institutionKind: institution.kind,
    registeredAt: registrationTime(rng, life.lastEventDay),
    strategicIndustries: industries.strategic,
    economicIndustries: industries.economic,
    industriesDerived: derived,
    cooperationModes: modes,
    validAtEnd2023: life.validAtEnd2023,
    dossier,
    portfolioIds: portfolio ? [portfolioIdFor(ctx.seed, portfolio.slot)] : [],
    rev: 1,
  };
  // Absent, not undefined: the driver would store undefined as null.
  if (life.grantDate) patent.grantDate = life.grantDate;
  if (agency) patent.agency = agency;
  return patent;
}

/**
 * Streams the patents of a run in index order. Deterministic: the same options give the same records,
 * record i depends only on (seed, i) and its chunk's portfolio plan, and nothing is kept between chunks,
 * so a million records never sit in memory.
 */
export function* generatePatents(options: GenerateOptions): Generator<SeedPatent> {
  const ctx = runContext(options);
  for (let chunk = 0; chunk * planChunkSize < ctx.count; chunk++) {
    const membership = membershipOf(portfoliosInRun(ctx.seed, chunk, ctx.count));
    const end = Math.min(ctx.count, (chunk + 1) * planChunkSize);
    for (let index = chunk * planChunkSize; index < end; index++)
      yield generateOne(ctx, index, membership.get(index));
  }
}

/** Record `index` of a run, generated alone (the same as the one `generatePatents` yields). */
export function generatePatentAt(options: GenerateOptions, index: number): SeedPatent {
  const ctx = runContext(options);
  if (index < 0 || index >= ctx.count) throw new RangeError(`index ${index} outside the run of ${ctx.count}`);
  const chunk = Math.floor(index / planChunkSize);
  return generateOne(ctx, index, membershipOf(portfoliosInRun(ctx.seed, chunk, ctx.count)).get(index));
}
