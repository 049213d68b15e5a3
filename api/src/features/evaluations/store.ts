import type { ExpertEvaluationState, ReviewOutcome } from '@panhuo/domain/evaluations/state';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../infra/mongo';
import type { EnterpriseScope, InstitutionScope } from '../auth/scope';
import { PatentModel } from '../patents/model';
import { loadLibrariesOf } from '../pushes/entries';
import type { PatentDoc, PatentPush } from '../patents/model';
import { EnterpriseEvaluationModel } from './enterprise-evaluation-model';
import type { EnterpriseEvaluationDoc } from './enterprise-evaluation-model';
import {
  EvaluationAssignmentModel,
  EvaluationReviewModel,
  EvaluationSlotModel,
  ExpertEvaluationModel,
} from './model';
import type {
  EvaluationAssignmentDoc,
  EvaluationReviewDoc,
  EvaluationSlotDoc,
  ExpertEvaluationDoc,
} from './model';

/** What the evaluation features read of a patent. */
export type LibraryPatent = Pick<
  PatentDoc,
  | '_id'
  | 'title'
  | 'applicationNumber'
  | 'institutionId'
  | 'strategicIndustries'
  | 'economicIndustries'
  | 'ipcMain'
  | 'ipcCodes'
> & { pushes: PatentPush[] };

/**
 * A patent of the scope's enterprise's 评价库, read by `_id`: null when there is no such patent or it was
 * never pushed to this enterprise (callers answer the same 404 for both).
 */
export async function findLibraryPatent(scope: EnterpriseScope, id: string): Promise<LibraryPatent | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  const patent = await PatentModel.findById(id, {
    title: 1,
    applicationNumber: 1,
    institutionId: 1,
    strategicIndustries: 1,
    economicIndustries: 1,
    ipcMain: 1,
    ipcCodes: 1,
    pushes: 1,
  }).lean<LibraryPatent>();
  if (!patent) return null;
  // Its library: its own pushes and its push entries (pushes/entry-model.ts).
  const library = (await loadLibrariesOf([patent])).get(patent._id.toHexString());
  const pushes = library?.pushes ?? [];
  const pushed = pushes.some((push) => push.enterpriseId.equals(scope.enterpriseId));
  return pushed ? { ...patent, pushes } : null;
}

// ---- The order of a patent's evaluation writes (see model.ts) ----

/** Every slot of one patent in the scope's enterprise, in order. */
export async function readSlots(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
): Promise<EvaluationSlotDoc[]> {
  const slots = await EvaluationSlotModel.find({
    enterpriseId: scope.enterpriseId,
    patentId,
  }).lean<EvaluationSlotDoc[]>();
  return slots.sort((a, b) => a.seq - b.seq);
}

/** What a slot holds besides its place. */
export interface SlotContent {
  kind: 'expert' | 'lock';
  actorId: Types.ObjectId;
  actorName: string;
  stars?: number;
  advice?: string;
  at: Date;
}

/** Takes slot `seq` of the patent; null when another writer holds it (the unique index refused). */
export async function takeSlot(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
  seq: number,
  content: SlotContent,
): Promise<EvaluationSlotDoc | null> {
  try {
    const created = await EvaluationSlotModel.create({
      ...content,
      enterpriseId: scope.enterpriseId,
      patentId,
      seq,
    });
    return created.toObject() as EvaluationSlotDoc;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

// ---- Expert evaluations (the projection lists read) ----

/** The projection of one expert's evaluation, as computed from the slots and reviews. */
export interface EvaluationProjection {
  patentId: Types.ObjectId;
  expertId: Types.ObjectId;
  expertName: string;
  patentTitle: string;
  applicationNumber: string;
  stars: number;
  advice: string;
  revision: number;
  state: ExpertEvaluationState;
  submittedAt: Date;
  updatedAt: Date;
}

/**
 * Writes the projection of one expert's evaluation: inserted the first time (unique per expert and
 * patent), else replaced unless the stored one is of a newer revision already.
 */
export async function saveProjection(
  scope: EnterpriseScope,
  projection: EvaluationProjection,
): Promise<ExpertEvaluationDoc> {
  const key = {
    enterpriseId: scope.enterpriseId,
    patentId: projection.patentId,
    expertId: projection.expertId,
  };
  const existing = await ExpertEvaluationModel.findOne(key).lean<ExpertEvaluationDoc>();
  if (!existing) {
    try {
      return (
        await ExpertEvaluationModel.create({ ...projection, ...key })
      ).toObject() as ExpertEvaluationDoc;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  await ExpertEvaluationModel.updateOne(
    { ...key, revision: { $lte: projection.revision } },
    { $set: projection },
  );
  return (await ExpertEvaluationModel.findOne(key).lean<ExpertEvaluationDoc>()) as ExpertEvaluationDoc;
}

/** The projections of one patent's expert evaluations in the scope's enterprise. */
export async function listPatentEvaluations(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
): Promise<ExpertEvaluationDoc[]> {
  return ExpertEvaluationModel.find({ enterpriseId: scope.enterpriseId, patentId }).lean<
    ExpertEvaluationDoc[]
  >();
}

/** Every expert evaluation of the scope's enterprise (专利评价管理 filters and pages them). */
export async function listEnterpriseEvaluations(scope: EnterpriseScope): Promise<ExpertEvaluationDoc[]> {
  return ExpertEvaluationModel.find({ enterpriseId: scope.enterpriseId }).lean<ExpertEvaluationDoc[]>();
}

/** One expert evaluation of the scope's enterprise by id, or null (another enterprise's too: 404). */
export async function findEvaluation(
  scope: EnterpriseScope,
  id: string,
): Promise<ExpertEvaluationDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return ExpertEvaluationModel.findOne({
    _id: new Types.ObjectId(id),
    enterpriseId: scope.enterpriseId,
  }).lean<ExpertEvaluationDoc>();
}

// ---- Reviews ----

/** A review to record. */
export interface NewReview {
  patentId: Types.ObjectId;
  expertId: Types.ObjectId;
  evaluationId: Types.ObjectId;
  revision: number;
  decision: ReviewOutcome;
  comment: string;
  reviewerId: Types.ObjectId;
  reviewerName: string;
  at: Date;
}

/** Records a review of one revision; null when that revision has one already (exactly one of two wins). */
export async function insertReview(
  scope: EnterpriseScope,
  review: NewReview,
): Promise<EvaluationReviewDoc | null> {
  try {
    const created = await EvaluationReviewModel.create({ ...review, enterpriseId: scope.enterpriseId });
    return created.toObject() as EvaluationReviewDoc;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/** Every review of one patent's expert evaluations in the scope's enterprise, oldest first. */
export async function listPatentReviews(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
): Promise<EvaluationReviewDoc[]> {
  const reviews = await EvaluationReviewModel.find({
    enterpriseId: scope.enterpriseId,
    patentId,
  }).lean<EvaluationReviewDoc[]>();
  return reviews.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The reviews of the given evaluations (scope's enterprise), oldest first. */
export async function listReviewsOf(
  scope: EnterpriseScope,
  evaluationIds: readonly Types.ObjectId[],
): Promise<EvaluationReviewDoc[]> {
  if (evaluationIds.length === 0) return [];
  const reviews = await EvaluationReviewModel.find({
    enterpriseId: scope.enterpriseId,
    evaluationId: { $in: [...evaluationIds] },
  }).lean<EvaluationReviewDoc[]>();
  return reviews.sort((a, b) => a.at.getTime() - b.at.getTime());
}

// ---- 企业自评 ----

/** A 企业自评 to store. */
export type NewEnterpriseEvaluation = Omit<EnterpriseEvaluationDoc, '_id' | 'enterpriseId'>;

/** Stores the 企业自评; null when the enterprise has one for the patent already (unique index). */
export async function insertEnterpriseEvaluation(
  scope: EnterpriseScope,
  evaluation: NewEnterpriseEvaluation,
): Promise<EnterpriseEvaluationDoc | null> {
  try {
    const created = await EnterpriseEvaluationModel.create({
      ...evaluation,
      enterpriseId: scope.enterpriseId,
    });
    return created.toObject() as EnterpriseEvaluationDoc;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/** The scope's enterprise's 企业自评 of a patent, or null. */
export async function findEnterpriseEvaluation(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
): Promise<EnterpriseEvaluationDoc | null> {
  return EnterpriseEvaluationModel.findOne({
    enterpriseId: scope.enterpriseId,
    patentId,
  }).lean<EnterpriseEvaluationDoc>();
}

/** Every 企业自评 of the scope's enterprise. */
export async function listOwnEnterpriseEvaluations(
  scope: EnterpriseScope,
): Promise<EnterpriseEvaluationDoc[]> {
  return EnterpriseEvaluationModel.find({ enterpriseId: scope.enterpriseId }).lean<
    EnterpriseEvaluationDoc[]
  >();
}

/** Every 企业自评 released to the scope's institution (its patents'), whichever enterprise wrote it. */
export async function listReceivedEvaluations(scope: InstitutionScope): Promise<EnterpriseEvaluationDoc[]> {
  return EnterpriseEvaluationModel.find({ institutionId: scope.institutionId }).lean<
    EnterpriseEvaluationDoc[]
  >();
}

/**
 * The signed-in expert's own evaluations in the scope's enterprise: stars by patent hex id (我已评). Equality
 * on two top-level fields, which FerretDB pushes down; an expert's evaluations are few.
 */
export async function ownRatings(scope: EnterpriseScope): Promise<Map<string, number>> {
  const rows = await ExpertEvaluationModel.find(
    { enterpriseId: scope.enterpriseId, expertId: scope.actorId },
    { patentId: 1, stars: 1 },
  ).lean<{ patentId: Types.ObjectId; stars: number }[]>();
  return new Map(rows.map((row) => [row.patentId.toHexString(), row.stars]));
}

/** Patent ids (hex) of the scope's enterprise that carry a 企业自评: they are locked. */
export async function lockedPatentIds(scope: EnterpriseScope): Promise<Set<string>> {
  const rows = await EnterpriseEvaluationModel.find(
    { enterpriseId: scope.enterpriseId },
    { patentId: 1 },
  ).lean<{ patentId: Types.ObjectId }[]>();
  return new Set(rows.map((row) => row.patentId.toHexString()));
}

// ---- Assignments ----

/** The assignments of one patent in the scope's enterprise. */
export async function listPatentAssignments(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
): Promise<EvaluationAssignmentDoc[]> {
  return EvaluationAssignmentModel.find({ enterpriseId: scope.enterpriseId, patentId }).lean<
    EvaluationAssignmentDoc[]
  >();
}

/** Assigns the patent to the experts (an existing assignment stays as it was). */
export async function insertAssignments(
  scope: EnterpriseScope,
  patent: LibraryPatent,
  expertIds: readonly Types.ObjectId[],
  at: Date,
): Promise<void> {
  for (const expertId of expertIds) {
    try {
      await EvaluationAssignmentModel.create({
        enterpriseId: scope.enterpriseId,
        patentId: patent._id,
        expertId,
        patentTitle: patent.title,
        applicationNumber: patent.applicationNumber,
        assignedBy: scope.actorId,
        assignedAt: at,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
}

/** Withdraws the patent's assignments to the given experts. */
export async function deleteAssignments(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
  expertIds: readonly Types.ObjectId[],
): Promise<void> {
  if (expertIds.length === 0) return;
  await EvaluationAssignmentModel.deleteMany({
    enterpriseId: scope.enterpriseId,
    patentId,
    expertId: { $in: [...expertIds] },
  });
}

/** The signed-in expert's assignments (指派给我). */
export async function listOwnAssignments(scope: EnterpriseScope): Promise<EvaluationAssignmentDoc[]> {
  return EvaluationAssignmentModel.find({ expertId: scope.actorId, enterpriseId: scope.enterpriseId }).lean<
    EvaluationAssignmentDoc[]
  >();
}
