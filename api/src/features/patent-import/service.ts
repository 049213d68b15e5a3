import mongoose from 'mongoose';
import { AppError, conflict } from '../../errors';
import type { PatentDoc } from '../patents/model';
import { parseImportFile } from './parse-file';
import type { ParsedFile } from './parse-file';
import {
  countPortfolios,
  ensurePortfolios,
  planMembership,
  portfolioKey,
  unwrittenMembersOfRedescribed,
} from './portfolio-plan';
import type { Portfolios } from './portfolio-plan';
import {
  changePortfolioMembers,
  chunks,
  findInstitutions,
  findPatents,
  insertPatents,
  republishPatents,
  updatePatents,
  upsertInstitution,
} from './store';
import type { InstitutionRow, PatentUpdate, PortfolioRow } from './store';
import { validateRows } from './validate-rows';
import type { ImportRecord, PatentContent, RowError } from './validate-rows';

type ObjectId = mongoose.Types.ObjectId;
const { ObjectId } = mongoose.Types;

/** Larger files are refused before they are read. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** One import holds at most this many rows (a zip-compressed XLSX under 20 MB can expand a lot). */
export const MAX_ROWS = 50_000;

export interface ImportProgress {
  phase: 'validate' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Validate against the rules and the store, report what would change, write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** The clock for "not in the future" checks (tests). */
  now?: Date;
  /**
   * The caller's institution (a university user's upload, 专利登记): every row must name it as 登记单位,
   * and no institution is created. Without it (the command) institutions are upserted by name.
   */
  institution?: InstitutionRow;
  /** Called with the parsed rows before validation (the browser import's per-row preview). */
  onParsed?: (parsed: ParsedFile) => void;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Every row was valid; the counts say what was (or, for a dry run, would be) written. */
export interface ImportSucceeded {
  ok: true;
  dryRun: boolean;
  format: 'csv' | 'xlsx';
  rows: number;
  patents: ImportCounts;
  institutions: { created: number; existing: number };
  /** `inserted` = portfolios created; `updated` = description or members changed. */
  portfolios: ImportCounts;
}

/** At least one row was invalid; nothing was written. Rows are numbered as in the spreadsheet. */
export interface ImportRejected {
  ok: false;
  rows: number;
  errors: RowError[];
}

export type ImportResult = ImportSucceeded | ImportRejected;

/**
 * Imports patents and portfolios from a CSV or XLSX file (columns: schema.ts).
 *
 * All or nothing: the file is parsed, every row is validated against the domain rules and the store, and
 * any error returns `{ ok: false, errors }` before anything is written (an expected outcome, so a value
 * that the CLI prints and the route turns into a 422 with `toImportError`). Unreadable files throw
 * AppError: `payload_too_large` 413, `unsupported_file` 415 (400 when empty), a bad header row
 * `import_invalid_rows` 400.
 *
 * Idempotent: institutions are upserted by name, portfolios by (institution, name), patents found by
 * application number. A patent whose stored content equals its row is left alone (no `rev` bump, no
 * outbox entry); a changed one is updated on the condition that its `rev` is still the one read, with
 * `rev + 1`, and emitted; a new one is inserted with rev 1 and emitted. A row replaces the patent's
 * registration as a whole (empty cells clear stored values), including its portfolio membership: the
 * patent is in the portfolio its row names, or in none.
 *
 * No multi-document transactions (FerretDB has none), so a failure part-way (a crash, a lost connection,
 * a 409 on a patent changed concurrently) can leave some writes done and others not. Running the same
 * import again is the recovery: every step is an upsert or a compare-then-write derived from the file and
 * the current store, so finished writes are found identical and skipped and the rest are completed. The
 * one thing a re-run cannot see is a crash between a patent write and its outbox entry (the patent then
 * looks unchanged and is not emitted again); `npm run reindex` rebuilds Elasticsearch from MongoDB and
 * repairs that.
 */
export async function importPatents(file: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  if (file.byteLength > MAX_FILE_BYTES) {
    const mb = (file.byteLength / 1024 / 1024).toFixed(1);
    throw new AppError(413, 'payload_too_large', `文件大小 ${mb} MB，超过 20 MB 的上限，请分成几个文件导入`);
  }
  const parsed = await parseImportFile(file);
  options.onParsed?.(parsed);
  if (parsed.rows.length > MAX_ROWS) {
    throw new AppError(
      413,
      'payload_too_large',
      `文件有 ${parsed.rows.length} 行，单次最多导入 ${MAX_ROWS} 行，请分成几个文件导入`,
    );
  }
  const { records, errors } = validateRows(parsed.rows, options.now ? { now: options.now } : {});

  const scope = options.institution;
  if (scope) errors.push(...outsideInstitution(records, scope));
  const institutions = scope
    ? new Map([[scope.name, scope]])
    : await findInstitutions(records.map((r) => r.patent.institutionName));
  const existing = await findPatents(records.map((r) => r.patent.applicationNumber));
  errors.push(...checkAgainstStore(records, institutions, existing));
  options.onProgress?.({ phase: 'validate', done: parsed.rows.length, total: parsed.rows.length });
  if (errors.length > 0) {
    // Stable: within a row, the column order validateRows gave, then the store's findings.
    errors.sort((a, b) => a.row - b.row);
    return { ok: false, rows: parsed.rows.length, errors };
  }

  const dryRun = options.dryRun ?? false;
  const institutionsCreated = await ensureInstitutions(records, institutions, dryRun);
  const portfolios = await ensurePortfolios(records, institutions, existing, dryRun);
  const plan = planPatents(records, institutions, existing, portfolios);
  const membership = planMembership(plan.targets, portfolios.docs);
  const summary: ImportSucceeded = {
    ok: true,
    dryRun,
    format: parsed.format,
    rows: parsed.rows.length,
    patents: { inserted: plan.inserts.length, updated: plan.updates.length, unchanged: plan.unchanged },
    institutions: { created: institutionsCreated, existing: institutions.size - institutionsCreated },
    portfolios: countPortfolios(portfolios, membership),
  };
  if (dryRun) return summary;

  await writePatents(plan, options.onProgress);
  for (const m of membership) await changePortfolioMembers(m.portfolioId, m.add, m.remove);
  const written = [...plan.inserts.map((t) => t.id), ...plan.updates.map((u) => u.id)];
  await republishPatents(unwrittenMembersOfRedescribed(portfolios, written));
  return summary;
}

/** The service's rejection as the API's one error type, for the route: 422 with `row 12 / 申请号` paths. */
export function toImportError(result: ImportRejected): AppError {
  return new AppError(
    422,
    'import_invalid_rows',
    `导入文件中有 ${result.errors.length} 处错误，未导入任何数据，请修改后重新导入`,
    result.errors.map((e) => ({ path: `row ${e.row} / ${e.column}`, message: e.message })),
  );
}

/**
 * Rules that need the store. A stored patent with the row's application number is fine when the same
 * 登记单位 registered it: that is a re-import or a correction, and the row updates it. Registered by a
 * different institution it is an error: a patent is registered once, and one institution's file must
 * never overwrite another's registration (a co-owned patent is registered by one of its owners).
 * An existing institution keeps its 单位类型; a row saying otherwise is a typo to fix, not a change.
 */
function checkAgainstStore(
  records: readonly ImportRecord[],
  institutions: ReadonlyMap<string, InstitutionRow>,
  existing: ReadonlyMap<string, PatentDoc>,
): RowError[] {
  const errors: RowError[] = [];
  const kindReported = new Set<string>();
  for (const { row, patent } of records) {
    const institution = institutions.get(patent.institutionName);
    if (institution && institution.kind !== patent.institutionKind && !kindReported.has(institution.name)) {
      kindReported.add(institution.name);
      const stored = institution.kind === 'university' ? '高校' : '科研院所';
      errors.push({
        row,
        column: '单位类型',
        message: `登记单位「${institution.name}」已登记为${stored}，请核对单位类型`,
      });
    }
    const stored = existing.get(patent.applicationNumber);
    if (stored && !(institution && stored.institutionId.equals(institution._id))) {
      errors.push({
        row,
        column: '申请号',
        message: `申请号 ${patent.applicationNumber} 已由「${stored.institutionName}」登记，同一专利只能由一个单位登记`,
      });
    }
  }
  return errors;
}

/** Rows naming another 登记单位 than the caller's institution: a university registers only its own patents. */
function outsideInstitution(records: readonly ImportRecord[], institution: InstitutionRow): RowError[] {
  return records
    .filter((r) => r.patent.institutionName !== institution.name)
    .map((r) => ({
      row: r.row,
      column: '登记单位',
      message: `登记单位「${r.patent.institutionName}」不是本单位（${institution.name}），只能登记本单位的专利`,
    }));
}

/** Creates the institutions the file names that do not exist yet, adding them to `institutions`; returns how many. */
async function ensureInstitutions(
  records: readonly ImportRecord[],
  institutions: Map<string, InstitutionRow>,
  dryRun: boolean,
): Promise<number> {
  let created = 0;
  const kinds = new Map(records.map((r) => [r.patent.institutionName, r.patent.institutionKind]));
  for (const [name, kind] of kinds) {
    if (institutions.has(name)) continue;
    created++;
    institutions.set(
      name,
      dryRun ? { _id: new ObjectId(), name, kind } : await upsertInstitution(name, kind),
    );
  }
  return created;
}

/** What the store should hold for one patent after the import. */
type StoredContent = PatentContent & { institutionId: ObjectId; portfolioIds: ObjectId[] };

interface PatentTarget {
  id: ObjectId;
  content: StoredContent;
}

interface PatentPlan {
  targets: PatentTarget[];
  inserts: PatentTarget[];
  updates: PatentUpdate[];
  unchanged: number;
}

const optionalKeys = ['publicationNumber', 'publicationDate', 'grantDate', 'address', 'agency'] as const;

/** Decides per row: insert, update (with the rev read and the fields to clear) or leave unchanged. */
function planPatents(
  records: readonly ImportRecord[],
  institutions: ReadonlyMap<string, InstitutionRow>,
  existing: ReadonlyMap<string, PatentDoc>,
  portfolios: Pick<Portfolios, 'idOf' | 'docs'>,
): PatentPlan {
  const plan: PatentPlan = { targets: [], inserts: [], updates: [], unchanged: 0 };
  for (const { patent, portfolio } of records) {
    const institution = institutions.get(patent.institutionName);
    if (!institution) throw new Error(`institution ${patent.institutionName} was not ensured`);
    const portfolioId = portfolio
      ? portfolios.idOf.get(portfolioKey(institution._id, portfolio.name))
      : undefined;
    const stored = existing.get(patent.applicationNumber);
    const content: StoredContent = {
      ...patent,
      institutionId: institution._id,
      portfolioIds: portfolioIdsAfter(stored?.portfolioIds ?? [], portfolioId, portfolios.docs),
    };
    const target = { id: stored?._id ?? new ObjectId(), content };
    plan.targets.push(target);
    if (!stored) plan.inserts.push(target);
    else if (sameContent(stored, content)) plan.unchanged++;
    else {
      const unset = optionalKeys.filter((k) => content[k] === undefined && stored[k] != null);
      plan.updates.push({ id: target.id, rev: stored.rev, set: content, unset });
    }
  }
  return plan;
}

/**
 * A patent's portfolios after its row: the one the row names, plus every hand-built (workspace) portfolio
 * it is in already, in the stored order so that re-importing the same file compares equal. Import
 * portfolios the row does not name are left (the row moved the patent, or took it out).
 */
function portfolioIdsAfter(
  stored: readonly ObjectId[],
  named: ObjectId | undefined,
  docs: ReadonlyMap<string, PortfolioRow>,
): ObjectId[] {
  const kept = stored.filter(
    (id) => (named && id.equals(named)) || docs.get(id.toHexString())?.origin === 'workspace',
  );
  return named && !kept.some((id) => id.equals(named)) ? [...kept, named] : kept;
}

/** A comparable form: dates and ids as strings, empty values (also empty objects) as null, keys sorted. */
function canonical(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof mongoose.mongo.ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])] as const)
      .filter(([, v]) => v !== null);
    return entries.length > 0 ? Object.fromEntries(entries) : null;
  }
  return value;
}

/**
 * True when the stored patent already holds exactly `content`: every field an import writes, including
 * the optional ones the row leaves empty (a stored grant date the row clears is a change).
 */
function sameContent(stored: PatentDoc, content: StoredContent): boolean {
  const record = stored as unknown as Record<string, unknown>;
  const keys = new Set<keyof StoredContent>([
    ...(Object.keys(content) as (keyof StoredContent)[]),
    ...optionalKeys,
  ]);
  return [...keys].every(
    (k) => JSON.stringify(canonical(record[k])) === JSON.stringify(canonical(content[k])),
  );
}

async function writePatents(plan: PatentPlan, onProgress: ImportOptions['onProgress']): Promise<void> {
  const total = plan.inserts.length + plan.updates.length;
  let done = 0;
  onProgress?.({ phase: 'write', done, total });
  for (const part of chunks(plan.inserts)) {
    await insertPatents(part.map((t) => ({ _id: t.id, ...t.content })));
    done += part.length;
    onProgress?.({ phase: 'write', done, total });
  }
  let conflicts = 0;
  for (const part of chunks(plan.updates, 100)) {
    conflicts += await updatePatents(part);
    done += part.length;
    onProgress?.({ phase: 'write', done, total });
  }
  if (conflicts > 0) throw conflict(`${conflicts} 件专利在导入过程中被其他操作修改，请重新导入`);
}
