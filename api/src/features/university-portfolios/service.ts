import mongoose from 'mongoose';
import { AppError, badRequest, notFound } from '../../errors';
import type { FieldError } from '../../errors';
import { isDuplicateKey } from '../../infra/mongo';
import type { InstitutionScope } from '../auth/scope';
import { InstitutionModel } from '../institutions/model';
import { changePortfolioMembers, republishPatents } from '../patent-import/store';
import { PortfolioModel } from '../patents/portfolio-model';
import type { PortfolioDoc } from '../patents/portfolio-model';
import { RegistrationModel } from '../registrations/model';
import { presentPortfolio, presentPortfolioRow } from './presenter';
import type { PortfolioBody, PortfolioRowDto, UniversityPortfolioDto } from './schema';
import { patentsById, setMembership } from './store';

type ObjectId = mongoose.Types.ObjectId;
const { ObjectId } = mongoose.Types;

/** Portfolios listed at most (an institution keeps a few dozen). */
const MAX_LISTED = 1000;

/** The caller's own portfolio (404 for another institution's, exactly as for a missing one). */
async function ownPortfolio(scope: InstitutionScope, id: string): Promise<PortfolioDoc> {
  const doc = await PortfolioModel.findById(id).lean<PortfolioDoc>();
  if (!doc || !doc.institutionId.equals(scope.institutionId)) throw notFound('组合专利不存在');
  return { ...doc, patentIds: doc.patentIds ?? [] };
}

const unique = (ids: readonly string[]) => [...new Set(ids)].map((id) => new ObjectId(id));

/**
 * Every member must be a registered patent of the caller's institution: an unknown id and another
 * institution's patent get the same message (no probing across institutions), a draft (专利登记 not yet
 * submitted) and a withdrawn patent their own. A withdrawn patent already in the portfolio may stay.
 * One field error per bad entry, `body.patentIds.<index>`; 400 `portfolio_member_invalid`.
 */
async function checkMembers(scope: InstitutionScope, ids: readonly string[], kept: readonly ObjectId[]) {
  const patents = await patentsById(unique(ids));
  const errors: FieldError[] = [];
  const error = (index: number, message: string) =>
    errors.push({ path: `body.patentIds.${index}`, message, code: 'portfolio_member_invalid' });
  for (const [index, id] of ids.entries()) {
    const patent = patents.get(id);
    if (patent && patent.institutionId.equals(scope.institutionId)) {
      if (patent.withdrawnAt && !kept.some((k) => k.equals(patent._id)))
        error(index, `专利 ${patent.applicationNumber} 已撤回，不能加入组合`);
      continue;
    }
    const draft = await RegistrationModel.findById(id, { institutionId: 1, state: 1 }).lean<{
      institutionId: ObjectId;
      state: string;
    }>();
    if (draft && draft.state === 'draft' && draft.institutionId.equals(scope.institutionId))
      error(index, '该专利还是草稿，提交登记后才能加入组合');
    else error(index, '专利不存在或不是本单位登记的专利');
  }
  if (errors.length > 0)
    throw badRequest('组合中有不能加入的专利，请按提示修改', errors, 'portfolio_member_invalid');
}

function duplicateName(name: string): AppError {
  const message = `本单位已有名为「${name}」的组合专利`;
  return new AppError(409, 'duplicate_portfolio_name', message, [
    { path: 'body.name', message, code: 'duplicate_portfolio_name' },
  ]);
}

/** 组合专利 of the institution, most recently changed first. */
export async function listPortfolios(scope: InstitutionScope): Promise<{ rows: PortfolioRowDto[] }> {
  const docs = await PortfolioModel.find({ institutionId: scope.institutionId })
    .limit(MAX_LISTED)
    .lean<PortfolioDoc[]>();
  docs.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return { rows: docs.map(presentPortfolioRow) };
}

/** One of the institution's portfolios with its members. */
export async function getPortfolio(scope: InstitutionScope, id: string): Promise<UniversityPortfolioDto> {
  const doc = await ownPortfolio(scope, id);
  return presentPortfolio(doc, await patentsById(doc.patentIds));
}

/**
 * 新建组合专利: the portfolio is inserted first (the unique (institution, name) index refuses a second of
 * the same name, 409), then each member's `portfolioIds` gains it (rev + 1, outbox), so within seconds
 * the members' search documents carry it, as an imported portfolio's do. Should the request stop part-way,
 * the portfolio lists every member and saving it again completes the members.
 */
export async function createPortfolio(
  scope: InstitutionScope,
  body: PortfolioBody,
): Promise<UniversityPortfolioDto> {
  await checkMembers(scope, body.patentIds, []);
  const institution = await InstitutionModel.findById(scope.institutionId, { name: 1 }).lean<{
    name: string;
  }>();
  if (!institution) throw notFound('登记单位不存在');
  const id = new ObjectId();
  const members = unique(body.patentIds);
  try {
    await PortfolioModel.create({
      _id: id,
      name: body.name,
      description: body.description,
      institutionId: scope.institutionId,
      institutionName: institution.name,
      patentIds: members,
      origin: 'workspace',
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw duplicateName(body.name);
    throw err;
  }
  await setMembership(members, id, true);
  return getPortfolio(scope, id.toHexString());
}

/**
 * 保存: new name, description and members. Members leaving are pulled from the portfolio and then lose it
 * from their `portfolioIds`; members joining the reverse; when the name or description changed, the
 * members neither joining nor leaving are re-published (as an import re-publishes the members of a
 * re-described portfolio), since their search documents carry the old text.
 */
export async function updatePortfolio(
  scope: InstitutionScope,
  id: string,
  body: PortfolioBody,
): Promise<UniversityPortfolioDto> {
  const doc = await ownPortfolio(scope, id);
  await checkMembers(scope, body.patentIds, doc.patentIds);
  const wanted = unique(body.patentIds);
  const has = (list: readonly ObjectId[], x: ObjectId) => list.some((y) => y.equals(x));
  const add = wanted.filter((x) => !has(doc.patentIds, x));
  const remove = doc.patentIds.filter((x) => !has(wanted, x));
  const described = doc.name !== body.name || doc.description !== body.description;
  try {
    if (described)
      await PortfolioModel.updateOne(
        { _id: doc._id },
        { $set: { name: body.name, description: body.description } },
      );
  } catch (err) {
    if (isDuplicateKey(err)) throw duplicateName(body.name);
    throw err;
  }
  await changePortfolioMembers(doc._id, add, remove);
  if (!described && add.length + remove.length > 0)
    await PortfolioModel.updateOne({ _id: doc._id }, { $set: { updatedAt: new Date() } });
  await setMembership(remove, doc._id, false);
  const joined = await setMembership(add, doc._id, true);
  if (described) {
    const written = new Set(joined.map(String));
    await republishPatents(wanted.filter((x) => !has(add, x) && !written.has(String(x))));
  }
  return getPortfolio(scope, id);
}

/**
 * 删除: the portfolio goes first (from then on the indexer leaves it out of every member's document, a
 * missing portfolio being skipped), then each member's `portfolioIds` loses it (rev + 1, outbox).
 * Answers the deleted portfolio.
 */
export async function deletePortfolio(scope: InstitutionScope, id: string): Promise<UniversityPortfolioDto> {
  const doc = await ownPortfolio(scope, id);
  const shown = presentPortfolio(doc, await patentsById(doc.patentIds));
  await PortfolioModel.deleteOne({ _id: doc._id });
  await setMembership(doc.patentIds, doc._id, false);
  return shown;
}
