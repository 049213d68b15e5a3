import type { Client } from '@elastic/elasticsearch';
import mongoose from 'mongoose';
import { normalizeApplicationNumber } from '@panhuo/domain/patents/application-number';
import { derivePatentClassification } from '@panhuo/domain/patents/derived-fields';
import { economicIndustryName } from '@panhuo/domain/taxonomies/economic-industries';
import { splitIpcCodes } from '@panhuo/domain/taxonomies/ipc';
import { strategicIndustryName } from '@panhuo/domain/taxonomies/strategic-industries';
import { AppError, badRequest, conflict, notFound } from '../../errors';
import type { FieldError } from '../../errors';
import type { InstitutionScope } from '../auth/scope';
import { InstitutionModel } from '../institutions/model';
import { emitPatentChanges } from '../outbox/model';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';
import { findPatents, insertPatents, updatePatents } from '../patent-import/store';
import type { InstitutionRow } from '../patent-import/store';
import type { PatentContent } from '../patent-import/validate-rows';
import { buildSearchRequest } from '../search/query-builder';
import { checkFields } from './cells';
import { RegistrationModel } from './model';
import type { RegistrationDoc } from './model';
import { presentDraft, presentPatentRegistration, presentRegistrationRow, rowOfSearchDoc } from './presenter';
import type { PatentListDoc } from './presenter';
import type {
  RegistrationDto,
  RegistrationFields,
  RegistrationPage,
  RegistrationState,
  Suggestion,
} from './schema';

type ObjectId = mongoose.Types.ObjectId;

/** A university user's request: its institution scope, and the Elasticsearch the lists read. */
export interface RegistrationCaller {
  scope: InstitutionScope;
  es: Client;
  index: string;
}

/** Rows per page of 我的专利. */
export const PAGE_SIZE = 20;
/** Drafts and withdrawn patents listed at most (an institution keeps a handful). */
const MAX_UNLISTED = 1000;
const optionalKeys = ['publicationNumber', 'publicationDate', 'grantDate', 'address', 'agency'] as const;

async function institutionOf(scope: InstitutionScope): Promise<InstitutionRow> {
  const doc = await InstitutionModel.findById(scope.institutionId, {
    name: 1,
    kind: 1,
  }).lean<InstitutionRow>();
  if (!doc) throw notFound('登记单位不存在');
  return doc;
}

/** The first specific code among the field errors wins, as for the request validation. */
function invalid(errors: FieldError[]): AppError {
  const code = errors.find((e) => e.code)?.code ?? 'validation_failed';
  return badRequest('登记信息有误，请按提示修改', errors, code);
}

/** 409 when another patent (of any institution) already holds the number: a patent is registered once. */
async function assertNumberFree(applicationNumber: string | undefined, self: ObjectId): Promise<void> {
  if (!applicationNumber) return;
  const stored = (await findPatents([applicationNumber])).get(applicationNumber);
  if (stored && !stored._id.equals(self)) throw duplicateNumber(applicationNumber, stored.institutionName);
}

function duplicateNumber(applicationNumber: string, by?: string): AppError {
  const message = `申请号 ${applicationNumber} 已${by ? `由「${by}」` : ''}登记，同一专利只能登记一次`;
  return new AppError(409, 'duplicate_application_number', message, [
    { path: 'body.applicationNumber', message, code: 'duplicate_application_number' },
  ]);
}

/** The caller's own patent by `_id` (404 for another institution's, exactly as for a missing one). */
async function ownPatent(scope: InstitutionScope, id: string): Promise<PatentDoc | null> {
  const patent = await PatentModel.findById(id).lean<PatentDoc>();
  return patent && patent.institutionId.equals(scope.institutionId) ? patent : null;
}

async function ownDraft(scope: InstitutionScope, id: string): Promise<RegistrationDoc | null> {
  const doc = await RegistrationModel.findById(id).lean<RegistrationDoc>();
  return doc && doc.state === 'draft' && doc.institutionId.equals(scope.institutionId) ? doc : null;
}

/** 保存草稿 (new): filled fields are checked as the import checks them; nothing is indexed. */
export async function createDraft(
  caller: RegistrationCaller,
  fields: RegistrationFields,
): Promise<RegistrationDto> {
  const institution = await institutionOf(caller.scope);
  const id = new mongoose.Types.ObjectId();
  checkDraft(fields, institution);
  const applicationNumber = normalizeApplicationNumber(fields.applicationNumber) ?? '';
  await assertNumberFree(applicationNumber, id);
  const doc = await RegistrationModel.create({
    _id: id,
    institutionId: institution._id,
    state: 'draft',
    fields,
    title: fields.title.trim(),
    applicationNumber,
    createdBy: caller.scope.actorId,
  });
  return presentDraft(doc.toObject() as RegistrationDoc, institution.name);
}

function checkDraft(fields: RegistrationFields, institution: InstitutionRow): void {
  const result = checkFields(fields, institution, { draft: true, registeredAt: new Date() });
  if (!result.ok) throw invalid(result.errors);
}

function checkFull(
  fields: RegistrationFields,
  institution: InstitutionRow,
  registeredAt: Date,
): PatentContent {
  const result = checkFields(fields, institution, { draft: false, registeredAt });
  if (!result.ok) throw invalid(result.errors);
  return result.content;
}

/** One of the institution's patents in any state, with the form's values. */
export async function getRegistration(caller: RegistrationCaller, id: string): Promise<RegistrationDto> {
  const patent = await ownPatent(caller.scope, id);
  if (patent) return presentPatentRegistration(patent);
  const draft = await ownDraft(caller.scope, id);
  if (!draft) throw notFound();
  return presentDraft(draft, (await institutionOf(caller.scope)).name);
}

/**
 * 保存: a draft takes the new values (checked as a draft); a registered patent is updated as a whole
 * (checked in full, conditional on the rev read, then the outbox: the change shows in search within
 * seconds); a withdrawn one is refused.
 */
export async function updateRegistration(
  caller: RegistrationCaller,
  id: string,
  fields: RegistrationFields,
): Promise<RegistrationDto> {
  const patent = await ownPatent(caller.scope, id);
  if (patent) return updateRegistered(caller, patent, fields);
  const draft = await ownDraft(caller.scope, id);
  if (!draft) throw notFound();
  const institution = await institutionOf(caller.scope);
  checkDraft(fields, institution);
  const applicationNumber = normalizeApplicationNumber(fields.applicationNumber) ?? '';
  await assertNumberFree(applicationNumber, draft._id);
  await RegistrationModel.updateOne(
    { _id: draft._id },
    { $set: { fields, title: fields.title.trim(), applicationNumber } },
  );
  return getRegistration(caller, id);
}

async function updateRegistered(
  caller: RegistrationCaller,
  patent: PatentDoc,
  fields: RegistrationFields,
): Promise<RegistrationDto> {
  if (patent.withdrawnAt) throw new AppError(409, 'patent_withdrawn', '该专利已撤回，不能再修改');
  const institution = await institutionOf(caller.scope);
  const content = checkFull(fields, institution, patent.registeredAt);
  await assertNumberFree(content.applicationNumber, patent._id);
  const unset = optionalKeys.filter((k) => content[k] === undefined && patent[k] != null);
  let missed: number;
  try {
    missed = await updatePatents([
      { id: patent._id, rev: patent.rev, set: { ...content, institutionId: institution._id }, unset },
    ]);
  } catch (err) {
    if (isDuplicate(err)) throw duplicateNumber(content.applicationNumber);
    throw err;
  }
  if (missed > 0) throw conflict('该专利刚被其他操作修改，请刷新后重试');
  return getRegistration(caller, patent._id.toHexString());
}

const isDuplicate = (err: unknown) =>
  (err instanceof AppError && err.status === 409) ||
  (typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000);

/**
 * 提交登记: the draft, checked in full, becomes a registered patent (its id kept) stamped with 登记入库时间
 * now, through the import's write path (insert + outbox): within seconds it is in every enterprise's
 * 资源库. Submitting again after a success answers the registered patent.
 */
export async function submitDraft(caller: RegistrationCaller, id: string): Promise<RegistrationDto> {
  const draft = await ownDraft(caller.scope, id);
  if (!draft) {
    const patent = await ownPatent(caller.scope, id);
    if (patent) return presentPatentRegistration(patent);
    throw notFound();
  }
  const institution = await institutionOf(caller.scope);
  const fields = draft.fields as RegistrationFields;
  const content = checkFull(fields, institution, new Date());
  await assertNumberFree(content.applicationNumber, draft._id);
  try {
    await insertPatents([{ _id: draft._id, ...content, institutionId: institution._id, portfolioIds: [] }]);
  } catch (err) {
    if (isDuplicate(err)) throw duplicateNumber(content.applicationNumber);
    throw err;
  }
  await RegistrationModel.deleteOne({ _id: draft._id });
  return getRegistration(caller, id);
}

/**
 * 撤回: the patent is marked withdrawn (conditional on the rev read, bumping it) and the outbox entry makes
 * the indexer delete its search document, so it leaves every library, feed and export; the record stays
 * for the evaluations and intents made on it. Withdrawing again changes nothing.
 */
export async function withdrawRegistration(caller: RegistrationCaller, id: string): Promise<RegistrationDto> {
  const patent = await ownPatent(caller.scope, id);
  if (!patent) {
    if (await ownDraft(caller.scope, id)) throw conflict('草稿尚未登记，无需撤回');
    throw notFound();
  }
  if (!patent.withdrawnAt) {
    const withdrawnAt = new Date();
    const res = await PatentModel.updateOne(
      { _id: patent._id, rev: patent.rev },
      { $set: { withdrawnAt }, $inc: { rev: 1 } },
    );
    if (res.matchedCount !== 1) throw conflict('该专利刚被其他操作修改，请刷新后重试');
    await emitPatentChanges([{ entityId: patent._id, rev: patent.rev + 1, op: 'upsert' }]);
    await RegistrationModel.updateOne(
      { _id: patent._id },
      {
        $set: {
          institutionId: patent.institutionId,
          state: 'withdrawn',
          title: patent.title,
          applicationNumber: patent.applicationNumber,
          withdrawnAt,
          createdBy: caller.scope.actorId,
        },
      },
      { upsert: true },
    );
  }
  return getRegistration(caller, id);
}

/**
 * 我的专利: the registered ones from Elasticsearch (the institution's scope, newest registrations first,
 * optionally by keyword); drafts and withdrawn ones from their own small list by institution.
 */
export async function listRegistrations(
  caller: RegistrationCaller,
  query: { state: RegistrationState; q?: string | undefined; page: number },
): Promise<RegistrationPage> {
  const base = { state: query.state, page: query.page, size: PAGE_SIZE };
  if (query.state === 'registered') {
    const request = buildSearchRequest(
      { ...(query.q ? { q: query.q } : {}), filters: {}, page: query.page, size: PAGE_SIZE },
      {
        scope: { institutionIds: [caller.scope.institutionId.toHexString()] },
        facets: false,
        sourceFields: ['id', 'applicationNumber', 'title', 'patentType', 'legalStatus', 'registeredAt'],
      },
    );
    const res = await caller.es.search<PatentListDoc>({ ...request, index: caller.index });
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    const rows = res.hits.hits.flatMap((hit) => (hit._source ? [rowOfSearchDoc(hit._source)] : []));
    return { ...base, total, rows };
  }
  const docs = await RegistrationModel.find({ institutionId: caller.scope.institutionId, state: query.state })
    .limit(MAX_UNLISTED)
    .lean<RegistrationDoc[]>();
  const q = query.q?.toLowerCase();
  const matching = docs
    .filter((d) => !q || d.title.toLowerCase().includes(q) || d.applicationNumber.includes(q))
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const start = (query.page - 1) * PAGE_SIZE;
  return {
    ...base,
    total: matching.length,
    rows: matching.slice(start, start + PAGE_SIZE).map(presentRegistrationRow),
  };
}

/**
 * 行业代码建议: the industry codes the IPC concordance gives (the import's derivation), both levels, for
 * the form to propose; the user may keep or change them. 400 naming the field for a malformed IPC code.
 */
export function suggestIndustries(ipcMain: string, ipcCodes: string): Suggestion {
  const others = splitIpcCodes(ipcCodes);
  if (others.invalid.length > 0) {
    throw badRequest('IPC分类号有误', [
      { path: 'query.ipcCodes', message: `IPC分类号「${others.invalid.join('、')}」无效` },
    ]);
  }
  const derived = derivePatentClassification({ ipcMain, ipcCodes: others.codes });
  if (!derived) {
    throw badRequest('IPC主分类号有误', [
      { path: 'query.ipcMain', message: `IPC主分类号「${ipcMain}」不是有效的IPC分类号（例如 H01M 4/36）` },
    ]);
  }
  return {
    strategicIndustries: derived.strategicIndustries.map((code) => ({
      code,
      name: strategicIndustryName(code) ?? code,
    })),
    economicIndustries: derived.economicIndustries.map((code) => ({
      code,
      name: economicIndustryName(code) ?? code,
    })),
  };
}
