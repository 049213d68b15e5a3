import type { Ability } from '@panhuo/domain/accounts/abilities';
import type {
  IntentCreatedDto,
  IntentDetailDto,
  IntentDraftDto,
  IntentPageDto,
} from '@panhuo/domain/intents/dto';
import type {
  IntentCloseBody,
  IntentCreateBody,
  IntentListQuery,
  IntentReplyBody,
} from '@panhuo/domain/intents/forms';
import { deriveIntentState, isFinalIntentState } from '@panhuo/domain/intents/state';
import type {
  IntentSide,
  IntentSource,
  IntentState,
  IntentStepKind,
  IntentTargetKind,
} from '@panhuo/domain/intents/state';
import type { CooperationModeCode } from '@panhuo/domain/taxonomies/cooperation-modes';
import { expandCooperationModes } from '@panhuo/domain/taxonomies/cooperation-modes';
import { Types } from 'mongoose';
import type { Config } from '../../config';
import { AppError, badRequest, forbidden, notFound } from '../../errors';
import { can } from '../../policies/abilities';
import type { EnterpriseScope, InstitutionScope } from '../auth/scope';
import type { MailDeps } from '../mail/delivery';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';
import { PortfolioModel } from '../patents/portfolio-model';
import type { PortfolioDoc } from '../patents/portfolio-model';
import { notifySide } from './mail';
import type { IntentDoc, IntentStepDoc } from './model';
import { presentDetail, presentSummary } from './presenter';
import { listIntentPage } from './list';
import {
  enterpriseName,
  findIntent,
  insertIntent,
  insertStep,
  listIntents,
  listSteps,
  releaseOpenKey,
  saveProjection,
  takeOpenKey,
} from './store';
import type { IntentScope, NewStep } from './store';

/** The enterprise admin acting (the session's account and enterprise). */
export interface EnterpriseCaller {
  actor: Express.User;
  scope: EnterpriseScope;
}

/** A university user acting for its institution. */
export interface InstitutionCaller {
  actor: Express.User;
  scope: InstitutionScope;
}

/** Mail dependencies plus the web address the mails link to. */
export type IntentMailDeps = MailDeps & { config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'> };

/** Which ability 我有合作意向 needs in each library. */
const sourceAbility: Readonly<Record<IntentSource, Ability>> = {
  resource: 'resource_library.publish_intent',
  evaluation: 'evaluation_library.publish_intent',
  attention: 'attention_library.publish_intent',
};

/** How long a second submission waits for a first one being stored, and when a key without intent is stale. */
const KEY_ATTEMPTS = 30;
const STALE_KEY_MS = 60_000;

const stateConflict = (message: string) => new AppError(409, 'intent_state_conflict', message);

/** A patent or 组合专利 as an intent needs it: title, institution and the modes it offers. */
interface Target {
  kind: IntentTargetKind;
  id: Types.ObjectId;
  title: string;
  institutionId: Types.ObjectId;
  institutionName: string;
  /** Empty: the patent lists no mode, so any mode of the taxonomy. */
  offeredModes: CooperationModeCode[];
  /** The enterprises whose 评价库 hold it (patents only). */
  pushedTo: Types.ObjectId[];
}

/** 404 naming the target field: a forged or stale id, or a patent not in the caller's library. */
function targetMissing(kind: IntentTargetKind): AppError {
  const message = kind === 'patent' ? '专利不存在' : '组合专利不存在';
  return new AppError(404, 'not_found', message, [{ path: 'body.target.id', message }]);
}

/** Loads the target by `_id`; 404 with a field error when there is none. */
async function loadTarget(kind: IntentTargetKind, id: string): Promise<Target> {
  const missing = () => targetMissing(kind);
  if (!Types.ObjectId.isValid(id)) throw missing();
  if (kind === 'patent') {
    const patent = await PatentModel.findById(id).lean<PatentDoc>();
    if (!patent) throw missing();
    return {
      kind,
      id: patent._id,
      title: patent.title,
      institutionId: patent.institutionId,
      institutionName: patent.institutionName,
      offeredModes: expandCooperationModes(patent.cooperationModes) ?? [],
      pushedTo: patent.pushes.map((p) => p.enterpriseId),
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
  };
}

const openKeyOf = (enterpriseId: Types.ObjectId, kind: IntentTargetKind, targetId: Types.ObjectId) =>
  `${enterpriseId.toHexString()}:${kind}:${targetId.toHexString()}`;

/** The intent's state from its steps, with the projection repaired when it differs. */
async function current(intent: IntentDoc): Promise<{ intent: IntentDoc; steps: IntentStepDoc[] }> {
  const steps = await listSteps(intent._id);
  const state = deriveIntentState(steps as unknown as { kind: IntentStepKind }[]);
  const last = steps.at(-1)?.createdAt ?? intent.createdAt;
  const actedBy = (side: IntentSide) =>
    steps.filter((s) => s.side === side && s.kind !== 'viewed').at(-1)?.createdAt ?? null;
  const fresh: IntentDoc = {
    ...intent,
    state,
    lastActivityAt: last,
    enterpriseActedAt: actedBy('enterprise'),
    // 已查看 is news for the enterprise too: it shows as unread until the enterprise opens the intent.
    institutionActedAt: steps.filter((s) => s.side === 'institution').at(-1)?.createdAt ?? null,
  };
  if (
    fresh.state !== intent.state ||
    fresh.lastActivityAt.getTime() !== intent.lastActivityAt.getTime() ||
    fresh.enterpriseActedAt?.getTime() !== intent.enterpriseActedAt?.getTime() ||
    fresh.institutionActedAt?.getTime() !== intent.institutionActedAt?.getTime()
  ) {
    await saveProjection(intent._id, {
      state: fresh.state,
      lastActivityAt: fresh.lastActivityAt,
      enterpriseActedAt: fresh.enterpriseActedAt,
      institutionActedAt: fresh.institutionActedAt,
    });
  }
  // A final intent gives its enterprise's key back (idempotent: only if it still holds it).
  if (isFinalIntentState(state)) await releaseOpenKey(intent.openKey, intent._id);
  return { intent: fresh, steps };
}

/** What each side may do in a state (sent with the detail; the web never re-derives it). */
function abilitiesIn(state: IntentState, side: IntentSide): IntentDetailDto['can'] {
  const open = !isFinalIntentState(state);
  return {
    withdraw: side === 'enterprise' && state === 'pending',
    reply: side === 'institution' && (state === 'pending' || state === 'viewed'),
    message: open,
    close: open && state !== 'pending',
  };
}

async function detailOf(intent: IntentDoc, side: IntentSide): Promise<IntentDetailDto> {
  const { intent: fresh, steps } = await current(intent);
  return presentDetail(fresh, steps, side, abilitiesIn(fresh.state as IntentState, side));
}

/** 我有合作意向 form: the target, the modes it offers, the admin's contact and any open intent on it. */
export async function getDraft(
  caller: EnterpriseCaller,
  query: { kind: IntentTargetKind; id: string },
): Promise<IntentDraftDto> {
  const target = await loadTarget(query.kind, query.id);
  const open = await openIntentOf(caller.scope, target);
  const profile = caller.actor.record.profile;
  return {
    target: {
      kind: target.kind,
      id: target.id.toHexString(),
      title: target.title,
      institutionName: target.institutionName,
    },
    offeredModes: target.offeredModes,
    contact: {
      name: caller.actor.record.name,
      phone: profile?.phone ?? '',
      email: profile?.email ?? '',
    },
    openIntentId: open?._id.toHexString() ?? null,
  };
}

/** The enterprise's open intent on the target, if any (found through the intents it holds). */
async function openIntentOf(scope: EnterpriseScope, target: Target): Promise<IntentDoc | null> {
  const key = openKeyOf(scope.enterpriseId, target.kind, target.id);
  const mine = (await listIntents(scope)).find(
    (i) => i.openKey === key && !isFinalIntentState(i.state as IntentState),
  );
  if (!mine) return null;
  const { intent } = await current(mine);
  return isFinalIntentState(intent.state as IntentState) ? null : intent;
}

/**
 * 我有合作意向: stores the intent, addressed to the institution that registered the target, and mails its
 * users. The open key decides "one open intent per enterprise and target": a second submission (also
 * one at the same moment) answers the intent already open, `existing: true`, and stores nothing.
 */
export async function createIntent(
  deps: IntentMailDeps,
  caller: EnterpriseCaller,
  body: IntentCreateBody,
): Promise<IntentCreatedDto> {
  if (!can(caller.actor, sourceAbility[body.source])) throw forbidden();
  const target = await loadTarget(body.target.kind, body.target.id);
  if (body.source === 'evaluation' && target.kind === 'patent') {
    // From the 评价库: only a patent pushed to this enterprise's library (else as if it did not exist).
    if (!target.pushedTo.some((id) => id.equals(caller.scope.enterpriseId))) throw targetMissing('patent');
  }
  if (target.offeredModes.length > 0) {
    const index = body.modes.findIndex((mode) => !target.offeredModes.includes(mode));
    if (index >= 0) {
      throw badRequest(
        '该专利未提供所选的合作方式',
        [{ path: `body.modes.${index}`, message: '该专利未提供此合作方式' }],
        'cooperation_mode_not_offered',
      );
    }
  }
  const key = openKeyOf(caller.scope.enterpriseId, target.kind, target.id);
  const intentId = new Types.ObjectId();
  for (let attempt = 0; ; attempt += 1) {
    if (attempt === KEY_ATTEMPTS) throw stateConflict('合作意向正在提交，请稍后重试');
    const holder = await takeOpenKey(key, intentId);
    if (holder === null) break;
    const existing = holder.intentId.equals(intentId)
      ? null
      : await findIntent(caller.scope, holder.intentId);
    if (existing) {
      const detail = await detailOf(existing, 'enterprise');
      if (!isFinalIntentState(detail.state)) return { ...detail, existing: true };
      // It ended (its release did not happen yet): give the key back and take it.
      await releaseOpenKey(key, holder.intentId);
    } else if (Date.now() - holder.createdAt.getTime() > STALE_KEY_MS) {
      // A key whose intent was never stored (its request stopped in between) stands for nothing.
      await releaseOpenKey(key, holder.intentId);
    } else {
      // Another submission is storing its intent right now: wait for it, then answer that one.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const now = new Date();
  const intent = await insertIntent({
    _id: intentId,
    enterpriseId: caller.scope.enterpriseId,
    enterpriseName: await enterpriseName(caller.scope.enterpriseId),
    institutionId: target.institutionId,
    institutionName: target.institutionName,
    createdBy: caller.scope.actorId,
    targetKind: target.kind,
    targetId: target.id,
    targetTitle: target.title,
    source: body.source,
    modes: body.modes,
    description: body.description,
    budget: body.budget,
    expectedTime: body.expectedTime,
    contact: body.contact,
    state: 'pending',
    openKey: key,
    lastActivityAt: now,
    enterpriseActedAt: now,
    institutionActedAt: null,
    enterpriseReadAt: now,
    institutionReadAt: null,
  });
  const step = { kind: 'submitted' as const, text: '' };
  await insertStep({ intentId, side: 'enterprise', gate: `${intentId.toHexString()}:submitted`, ...step });
  await notifySide(deps, intent, 'institution', step);
  return { ...(await detailOf(intent, 'enterprise')), existing: false };
}

/** 高校院所合作需求 (enterprise) or the inbox (institution): one page with filters. */
export async function listForSide(scope: IntentScope, query: IntentListQuery): Promise<IntentPageDto> {
  const side: IntentSide = scope.kind === 'enterprise' ? 'enterprise' : 'institution';
  const all = await listIntents(scope);
  // An institution never sees an intent withdrawn before it was read.
  const visible = side === 'institution' ? all.filter((i) => i.state !== 'withdrawn') : all;
  return listIntentPage(visible, query, (intent) => presentSummary(intent, side));
}

async function loadFor(scope: IntentScope, id: string): Promise<IntentDoc> {
  const intent = await findIntent(scope, id);
  if (!intent) throw notFound('合作意向不存在');
  if (scope.kind === 'institution' && intent.state === 'withdrawn') throw notFound('合作意向不存在');
  return intent;
}

/**
 * One intent with its conversation. The institution's first opening stores 已查看 (through the `first`
 * gate, so a 撤回 stored before it wins and the intent is then gone for the institution).
 */
export async function getDetail(scope: IntentScope, id: string): Promise<IntentDetailDto> {
  const side: IntentSide = scope.kind === 'enterprise' ? 'enterprise' : 'institution';
  const intent = await loadFor(scope, id);
  if (side === 'institution') {
    const { intent: fresh } = await current(intent);
    if (fresh.state === 'withdrawn') throw notFound('合作意向不存在');
    if (fresh.state === 'pending') {
      await insertStep({ intentId: intent._id, side, kind: 'viewed', gate: `${id}:first`, text: '' });
    }
  }
  const now = new Date();
  await saveProjection(
    intent._id,
    side === 'enterprise' ? { enterpriseReadAt: now } : { institutionReadAt: now },
  );
  const read = {
    ...intent,
    ...(side === 'enterprise' ? { enterpriseReadAt: now } : { institutionReadAt: now }),
  };
  const detail = await detailOf(read, side);
  if (side === 'institution' && detail.state === 'withdrawn') throw notFound('合作意向不存在');
  return detail;
}

/**
 * Stores one step after checking the state it needs; a gate taken meanwhile (the other side got there
 * first) answers 409 `intent_state_conflict` with nothing changed. Mails the other side (batched).
 */
async function act(
  deps: IntentMailDeps,
  scope: IntentScope,
  id: string,
  allowed: (state: IntentState) => boolean,
  refusal: string,
  step: Omit<NewStep, 'intentId' | 'side' | 'gate'> & { gate: string | null },
): Promise<IntentDetailDto> {
  const side: IntentSide = scope.kind === 'enterprise' ? 'enterprise' : 'institution';
  const loaded = await loadFor(scope, id);
  const { intent } = await current(loaded);
  if (!allowed(intent.state as IntentState)) throw stateConflict(refusal);
  const stepId = new Types.ObjectId();
  const { gate, ...rest } = step;
  const stored = await insertStep({
    ...rest,
    _id: stepId,
    intentId: intent._id,
    side,
    gate: `${id}:${gate ?? stepId.toHexString()}`,
  });
  if (!stored) throw stateConflict(refusal);
  const now = new Date();
  await saveProjection(
    intent._id,
    side === 'enterprise' ? { enterpriseReadAt: now } : { institutionReadAt: now },
  );
  const detail = await detailOf(
    { ...intent, ...(side === 'enterprise' ? { enterpriseReadAt: now } : { institutionReadAt: now }) },
    side,
  );
  if (step.kind !== 'withdrawn') {
    await notifySide(deps, intent, side === 'enterprise' ? 'institution' : 'enterprise', step);
  }
  return detail;
}

/** 撤回: only while the institution has not opened it (the `first` gate against 已查看). */
export function withdrawIntent(deps: IntentMailDeps, scope: EnterpriseScope, id: string) {
  return act(deps, scope, id, (s) => s === 'pending', '高校院所已查看该合作意向，不能撤回', {
    kind: 'withdrawn',
    gate: 'first',
    text: '',
  });
}

/** 接受洽谈 or 婉拒 with a message; stores 已查看 first when the reply comes before any opening. */
export async function replyToIntent(
  deps: IntentMailDeps,
  scope: InstitutionScope,
  id: string,
  body: IntentReplyBody,
) {
  const intent = await loadFor(scope, id);
  await insertStep({
    intentId: intent._id,
    side: 'institution',
    kind: 'viewed',
    gate: `${id}:first`,
    text: '',
  });
  const accept = body.decision === 'accept';
  return act(deps, scope, id, (s) => s === 'viewed', '该合作意向已答复或已结束', {
    kind: accept ? 'accepted' : 'declined',
    // 婉拒 ends the intent: it shares the gate of every ending.
    gate: accept ? 'answer' : 'end',
    text: body.message,
  });
}

/** A message in the conversation, by either side, while the intent is open. */
export function postMessage(deps: IntentMailDeps, scope: IntentScope, id: string, text: string) {
  return act(deps, scope, id, (s) => !isFinalIntentState(s), '该合作意向已结束，不能再发送消息', {
    kind: 'message',
    gate: null,
    text,
  });
}

/** 已达成合作 (only once 洽谈中) or 已关闭, by either side, after the institution has read it. */
export function closeIntent(deps: IntentMailDeps, scope: IntentScope, id: string, body: IntentCloseBody) {
  const agreed = body.outcome === 'agreed';
  return act(
    deps,
    scope,
    id,
    (s) => (agreed ? s === 'negotiating' : s === 'viewed' || s === 'negotiating'),
    agreed ? '洽谈中的合作意向才能标记为已达成合作' : '该合作意向当前不能关闭',
    {
      kind: agreed ? 'agreed' : 'closed',
      gate: 'end',
      text: body.note ?? '',
      ...(agreed && body.mode ? { agreedMode: body.mode } : {}),
      ...(agreed && body.amount !== undefined ? { agreedAmount: body.amount } : {}),
    },
  );
}
