import type { IntentTargetKind } from '@panhuo/domain/intents/state';
import type { CooperationModeCode } from '@panhuo/domain/taxonomies/cooperation-modes';
import { expandCooperationModes } from '@panhuo/domain/taxonomies/cooperation-modes';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { PatentModel } from '../patents/model';
import { loadLibrariesOf } from '../pushes/entries';
import type { PatentDoc } from '../patents/model';
import { PortfolioModel } from '../patents/portfolio-model';
import type { PortfolioDoc } from '../patents/portfolio-model';

/** A patent or 组合专利 as an intent needs it: title, institution and the modes it offers. */
export interface Target {
  kind: IntentTargetKind;
  id: Types.ObjectId;
  title: string;
  institutionId: Types.ObjectId;
  institutionName: string;
  /** Empty: the patent lists no mode, so any mode of the taxonomy. */
  offeredModes: CooperationModeCode[];
  /** The enterprises whose 评价库 hold it (patents only). */
  pushedTo: Types.ObjectId[];
  /** 失效 (refused, withdrawn, lapsed): nothing left to cooperate on (patents only). */
  lapsed: boolean;
}

/** 404 naming the target field: a forged or stale id, or a patent not in the caller's library. */
export function targetMissing(kind: IntentTargetKind): AppError {
  const message = kind === 'patent' ? '专利不存在' : '组合专利不存在';
  return new AppError(404, 'not_found', message, [{ path: 'body.target.id', message }]);
}

/** Loads the target by `_id`; 404 with a field error when there is none. */
export async function loadTarget(kind: IntentTargetKind, id: string): Promise<Target> {
  const missing = () => targetMissing(kind);
  if (!Types.ObjectId.isValid(id)) throw missing();
  if (kind === 'patent') {
    const patent = await PatentModel.findById(id).lean<PatentDoc>();
    // A withdrawn (撤回) patent has left every library: it is no target, as if it did not exist.
    if (!patent || patent.withdrawnAt) throw missing();
    // Pushed enterprises: Patent.pushes joined with the push entries (pushes/entries.ts).
    const library = (await loadLibrariesOf([patent])).get(patent._id.toHexString());
    return {
      kind,
      id: patent._id,
      title: patent.title,
      institutionId: patent.institutionId,
      institutionName: patent.institutionName,
      offeredModes: expandCooperationModes(patent.cooperationModes) ?? [],
      pushedTo: (library?.pushes ?? patent.pushes).map((p) => p.enterpriseId),
      lapsed: patent.legalStatus === 'invalid',
    };
  }
  const portfolio = await PortfolioModel.findById(id).lean<PortfolioDoc>();
  if (!portfolio) throw missing();
  // A portfolio offers what its patents offer (each read by _id: FerretDB pushes no $in down).
  const modes = new Set<CooperationModeCode>();
  for (const patentId of portfolio.patentIds) {
    const patent = await PatentModel.findById(patentId, { cooperationModes: 1 }).lean<PatentDoc>();
    for (const mode of expandCooperationModes(patent?.cooperationModes ?? []) ?? []) modes.add(mode);
  }
  return {
    kind,
    id: portfolio._id,
    title: portfolio.name,
    institutionId: portfolio.institutionId,
    institutionName: portfolio.institutionName,
    offeredModes: [...modes],
    pushedTo: [],
    lapsed: false,
  };
}
