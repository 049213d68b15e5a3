import type { AssignedPatentList, ExpertSuggestionList } from '@panhuo/domain/evaluations/dto';
import type { EvaluationAssignmentBody } from '@panhuo/domain/evaluations/forms';
import { economicIndustryName, sectionOf } from '@panhuo/domain/taxonomies/economic-industries';
import { deriveIndustries } from '@panhuo/domain/taxonomies/ipc-concordance';
import { parentOf, strategicIndustryName } from '@panhuo/domain/taxonomies/strategic-industries';
import { Types } from 'mongoose';
import { badRequest } from '../../errors';
import { authorizeRecord } from '../../policies/tenant';
import type { ExpertDoc } from '../experts/model';
import { listExperts } from '../experts/roster';
import type { Caller } from './service';
import { loadLibraryPatent } from './service';
import {
  deleteAssignments,
  insertAssignments,
  listOwnAssignments,
  listPatentAssignments,
  listPatentEvaluations,
  lockedPatentIds,
} from './store';
import type { LibraryPatent } from './store';

/** Points a research field earns: named on the patent, derived from its IPC, or a parent/child of either. */
const EXACT = 3;
const FROM_IPC = 2;
const RELATED = 1;

/** The family of a code: itself and its parent (战略性新兴产业 category, 国民经济 section). */
function family(code: string): string[] {
  const parent = parentOf(code) ?? sectionOf(code);
  return parent ? [code, parent] : [code];
}

/**
 * How well an expert's research fields match a patent: each field scores EXACT when the patent carries it
 * as an industry, FROM_IPC when the patent's IPC symbols lead to it (domain's concordance), RELATED when it
 * shares a parent category with one of those. Returns the score and the matching fields' names.
 */
export function matchExpert(
  patent: Pick<LibraryPatent, 'strategicIndustries' | 'economicIndustries' | 'ipcMain' | 'ipcCodes'>,
  expert: { strategicIndustries: readonly string[]; economicIndustries: readonly string[] },
): { score: number; matchedFields: string[] } {
  const named = new Set([...patent.strategicIndustries, ...patent.economicIndustries]);
  const derived = deriveIndustries([patent.ipcMain, ...patent.ipcCodes]);
  const fromIpc = new Set<string>([...derived.strategic, ...derived.economic]);
  const related = new Set([...named, ...fromIpc].flatMap(family));
  let score = 0;
  const matchedFields: string[] = [];
  const fields = [
    ...expert.strategicIndustries.map((code) => ({ code, name: strategicIndustryName(code) })),
    ...expert.economicIndustries.map((code) => ({ code, name: economicIndustryName(code) })),
  ];
  for (const { code, name } of fields) {
    const points = named.has(code)
      ? EXACT
      : fromIpc.has(code)
        ? FROM_IPC
        : family(code).some((c) => related.has(c))
          ? RELATED
          : 0;
    if (points === 0) continue;
    score += points;
    matchedFields.push(name ?? code);
  }
  return { score, matchedFields };
}

/** The enterprise's approved experts whose accounts are active. */
async function approvedExperts(caller: Caller): Promise<ExpertDoc[]> {
  const roster = await listExperts(caller.scope, { status: 'approved', accountStatus: 'active' }, 'newest', {
    offset: 0,
    limit: 10_000,
  });
  return roster.docs;
}

/**
 * 建议评价专家: the enterprise's approved experts ranked by the match of their research fields with the
 * patent's industries and IPC (best first, then by name), with whether each is assigned or has evaluated.
 */
export async function suggestExperts(caller: Caller, patentId: string): Promise<ExpertSuggestionList> {
  const patent = await loadLibraryPatent(caller, patentId);
  authorizeRecord(caller.actor, { enterpriseId: caller.scope.enterpriseId }, 'evaluations.manage');
  const [experts, assignments, evaluations] = await Promise.all([
    approvedExperts(caller),
    listPatentAssignments(caller.scope, patent._id),
    listPatentEvaluations(caller.scope, patent._id),
  ]);
  const assigned = new Set(assignments.map((a) => a.expertId.toHexString()));
  const evaluated = new Set(evaluations.map((e) => e.expertId.toHexString()));
  const items = experts.map((expert) => {
    const match = matchExpert(patent, {
      strategicIndustries: expert.info?.strategicIndustries ?? [],
      economicIndustries: expert.info?.economicIndustries ?? [],
    });
    const id = expert._id.toHexString();
    return {
      expertId: id,
      name: expert.name,
      title: expert.info?.title ?? '',
      ...match,
      assigned: assigned.has(id),
      evaluated: evaluated.has(id),
    };
  });
  items.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  return { patentId: patent._id.toHexString(), items };
}

/**
 * 指派: sets the experts the patent is assigned to (those not named any more are withdrawn). Each must be
 * an approved, active expert of the enterprise (else a field error and nothing changes).
 */
export async function assignExperts(
  caller: Caller,
  patentId: string,
  body: EvaluationAssignmentBody,
): Promise<ExpertSuggestionList> {
  const patent = await loadLibraryPatent(caller, patentId);
  authorizeRecord(caller.actor, { enterpriseId: caller.scope.enterpriseId }, 'evaluations.manage');
  const eligible = new Set((await approvedExperts(caller)).map((expert) => expert._id.toHexString()));
  const unknown = body.expertIds.findIndex((id) => !eligible.has(id));
  if (unknown >= 0) {
    throw badRequest('请选择本企业已通过审核的专家', [
      { path: `body.expertIds.${unknown}`, message: '不是本企业已通过审核的专家' },
    ]);
  }
  const wanted = new Set(body.expertIds);
  const current = await listPatentAssignments(caller.scope, patent._id);
  await deleteAssignments(
    caller.scope,
    patent._id,
    current.filter((a) => !wanted.has(a.expertId.toHexString())).map((a) => a.expertId),
  );
  await insertAssignments(
    caller.scope,
    patent,
    body.expertIds.map((id) => new Types.ObjectId(id)),
    new Date(),
  );
  return suggestExperts(caller, patentId);
}

/** 指派给我: the patents assigned to the signed-in expert, newest first, not yet evaluated ones first. */
export async function listAssignedToMe(caller: Caller): Promise<AssignedPatentList> {
  const [assignments, locked] = await Promise.all([
    listOwnAssignments(caller.scope),
    lockedPatentIds(caller.scope),
  ]);
  const evaluated = new Set<string>();
  for (const patentId of new Set(assignments.map((a) => a.patentId.toHexString()))) {
    const evaluations = await listPatentEvaluations(caller.scope, new Types.ObjectId(patentId));
    if (evaluations.some((e) => e.expertId.equals(caller.scope.actorId))) evaluated.add(patentId);
  }
  const items = assignments.map((a) => ({
    patentId: a.patentId.toHexString(),
    patentTitle: a.patentTitle,
    applicationNumber: a.applicationNumber,
    assignedAt: a.assignedAt.toISOString(),
    evaluated: evaluated.has(a.patentId.toHexString()),
    locked: locked.has(a.patentId.toHexString()),
  }));
  items.sort((a, b) => Number(a.evaluated) - Number(b.evaluated) || b.assignedAt.localeCompare(a.assignedAt));
  return { items };
}
