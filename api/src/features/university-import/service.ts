import type { Logger } from 'pino';
import mongoose from 'mongoose';
import { AppError, notFound } from '../../errors';
import { isDuplicateKey } from '../../infra/mongo';
import type { InstitutionScope } from '../auth/scope';
import { InstitutionModel } from '../institutions/model';
import type { ParsedFile } from '../patent-import/parse-file';
import { importPatents, toImportError } from '../patent-import/service';
import type { ImportProgress, ImportSucceeded } from '../patent-import/service';
import type { InstitutionRow } from '../patent-import/store';
import { ImportChunkModel, ImportRunModel, ImportUploadModel } from './model';
import type { ImportRunDoc, ImportUploadDoc } from './model';
import type { ImportPreviewDto, ImportRunDto, ImportStateDto } from './schema';

const { ObjectId } = mongoose.Types;

/** How long a checked upload may be confirmed. */
export const UPLOAD_TTL_MS = 30 * 60_000;
/** Bytes per stored slice of an upload. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** The run's progress is written at most this often (each write is one small update). */
const PROGRESS_EVERY_MS = 300;

async function institutionOf(scope: InstitutionScope): Promise<InstitutionRow> {
  const doc = await InstitutionModel.findById(scope.institutionId, {
    name: 1,
    kind: 1,
  }).lean<InstitutionRow>();
  if (!doc) throw notFound('登记单位不存在');
  return doc;
}

const summaryOf = (r: ImportSucceeded) => ({ patents: r.patents, portfolios: r.portfolios });

/**
 * 上传并预检: the file is checked by the same service and rules as `npm run import`, as a dry run limited
 * to the caller's institution (a row naming another 登记单位 is an error on that row; nothing stored
 * changes). Unreadable content: 413 / 415 / 400 from the service (told by content, not by name). Any bad
 * row: 422 `import_invalid_rows`, one field error per row and column (`row 12 / 申请号`). Every row valid:
 * the file is kept server-side under a new token for UPLOAD_TTL_MS, and the preview lists its rows.
 */
export async function previewImport(scope: InstitutionScope, bytes: Buffer): Promise<ImportPreviewDto> {
  const institution = await institutionOf(scope);
  let parsed: ParsedFile | undefined;
  const result = await importPatents(bytes, {
    dryRun: true,
    institution,
    onParsed: (p) => {
      parsed = p;
    },
  });
  if (!result.ok) throw toImportError(result);
  await dropExpired(scope);
  const id = new ObjectId();
  const chunks = [];
  for (let offset = 0, seq = 0; offset < bytes.byteLength; offset += CHUNK_BYTES, seq++)
    chunks.push({ uploadId: id, seq, data: bytes.subarray(offset, offset + CHUNK_BYTES) });
  // The chunks first: an upload document is only ever there with its whole file.
  await ImportChunkModel.insertMany(chunks);
  const upload = await ImportUploadModel.create({
    _id: id,
    institutionId: institution._id,
    userId: scope.actorId,
    format: result.format,
    size: bytes.byteLength,
    rows: result.rows,
    summary: summaryOf(result),
    expiresAt: new Date(Date.now() + UPLOAD_TTL_MS),
  });
  const preview = (parsed?.rows ?? []).map((r) => ({
    row: r.row,
    applicationNumber: r.cells.applicationNumber,
    title: r.cells.title,
    portfolioName: r.cells.portfolioName,
  }));
  return { ...presentState(upload.toObject() as ImportUploadDoc, null), preview };
}

/** Removes the institution's expired uploads and their files (read by institution equality: a handful). */
async function dropExpired(scope: InstitutionScope): Promise<void> {
  const uploads = await ImportUploadModel.find({ institutionId: scope.institutionId }, { expiresAt: 1 }).lean<
    Pick<ImportUploadDoc, '_id' | 'expiresAt'>[]
  >();
  for (const u of uploads.filter((u) => u.expiresAt.getTime() < Date.now())) {
    await ImportChunkModel.deleteMany({ uploadId: u._id });
    await ImportUploadModel.deleteOne({ _id: u._id });
  }
}

function presentRun(run: ImportRunDoc | null): ImportRunDto | null {
  if (!run) return null;
  return {
    state: run.state as ImportRunDto['state'],
    phase: run.phase as ImportRunDto['phase'],
    done: run.done,
    total: run.total,
    result: (run.result as ImportRunDto['result']) ?? null,
    error: (run.error as ImportRunDto['error']) ?? null,
  };
}

function presentState(upload: ImportUploadDoc, run: ImportRunDoc | null): ImportStateDto {
  return {
    id: upload._id.toHexString(),
    format: upload.format as ImportStateDto['format'],
    rows: upload.rows,
    expiresAt: upload.expiresAt.toISOString(),
    summary: upload.summary as ImportStateDto['summary'],
    run: presentRun(run),
  };
}

/** The caller's own upload (404 for another institution's, exactly as for a missing one). */
async function ownUpload(scope: InstitutionScope, id: string): Promise<ImportUploadDoc> {
  const upload = await ImportUploadModel.findById(id).lean<ImportUploadDoc>();
  if (!upload || !upload.institutionId.equals(scope.institutionId)) throw notFound('导入记录不存在');
  return upload;
}

/** An upload's state and its run's progress (the page polls this). */
export async function getImportState(scope: InstitutionScope, id: string): Promise<ImportStateDto> {
  const upload = await ownUpload(scope, id);
  return presentState(upload, await ImportRunModel.findById(upload._id).lean<ImportRunDoc>());
}

/**
 * 确认导入: claims the upload by inserting its run (a second confirmation finds it and changes nothing),
 * then imports the stored file in the background, exactly as `npm run import` would with the caller's
 * institution as scope: checked again against the store as it is now, all or nothing, idempotent. The
 * answer is the state with the run just begun; the page polls getImportState. An expired token: 410.
 */
export async function confirmImport(
  scope: InstitutionScope,
  id: string,
  logger: Logger,
): Promise<ImportStateDto> {
  const upload = await ownUpload(scope, id);
  const existing = await ImportRunModel.findById(upload._id).lean<ImportRunDoc>();
  if (existing) return presentState(upload, existing);
  if (upload.expiresAt.getTime() < Date.now())
    throw new AppError(410, 'import_expired', '导入预览已过期，请重新上传文件');
  try {
    await ImportRunModel.create({
      _id: upload._id,
      institutionId: upload.institutionId,
      state: 'running',
      phase: 'validate',
      done: 0,
      total: upload.rows,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return getImportState(scope, id);
  }
  const institution = await institutionOf(scope);
  void runImport(upload, institution).catch((err: unknown) => {
    logger.error({ err, uploadId: id }, 'browser import failed');
    return finish(upload._id, {
      state: 'failed',
      error: { error: 'internal_error', message: '导入失败，请重新导入' },
    });
  });
  return getImportState(scope, id);
}

async function finish(id: mongoose.Types.ObjectId, set: Record<string, unknown>): Promise<void> {
  await ImportRunModel.updateOne({ _id: id }, { $set: { ...set, finishedAt: new Date() } });
  await ImportChunkModel.deleteMany({ uploadId: id });
}

async function runImport(upload: ImportUploadDoc, institution: InstitutionRow): Promise<void> {
  const chunks = await ImportChunkModel.find({ uploadId: upload._id }).lean<
    { seq: number; data: Buffer | mongoose.mongo.Binary }[]
  >();
  chunks.sort((a, b) => a.seq - b.seq);
  // A lean read gives the driver's Binary, not a Buffer.
  const bytes = Buffer.concat(
    chunks.map((c) => (Buffer.isBuffer(c.data) ? c.data : Buffer.from(c.data.buffer))),
  );
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const onProgress = ({ phase, done, total }: ImportProgress) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && done < total) return;
    last = now;
    // Chained, so an older progress never overwrites a newer one.
    pending = pending.then(() =>
      ImportRunModel.updateOne({ _id: upload._id, state: 'running' }, { $set: { phase, done, total } }),
    );
  };
  try {
    const result = await importPatents(bytes, { institution, onProgress });
    await pending;
    if (result.ok) await finish(upload._id, { state: 'done', result: summaryOf(result) });
    else await finish(upload._id, { state: 'failed', error: errorBodyOf(toImportError(result)) });
  } catch (err) {
    await pending;
    if (!(err instanceof AppError)) throw err;
    await finish(upload._id, { state: 'failed', error: errorBodyOf(err) });
  }
}

const errorBodyOf = (err: AppError) => ({
  error: err.code,
  message: err.message,
  ...(err.fieldErrors
    ? { fieldErrors: err.fieldErrors.map(({ path, message }) => ({ path, message })) }
    : {}),
});
