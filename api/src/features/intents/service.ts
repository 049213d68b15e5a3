import type { Ability } from '@panhuo/domain/accounts/abilities';
import type { IntentCreatedDto, IntentDraftDto, IntentPageDto } from '@panhuo/domain/intents/dto';
import type { IntentCreateBody, IntentListQuery } from '@panhuo/domain/intents/forms';
import { isFinalIntentState } from '@panhuo/domain/intents/state';
import type { IntentSide, IntentSource, IntentState, IntentTargetKind } from '@panhuo/domain/intents/state';
import { Types } from 'mongoose';
import { badRequest, forbidden } from '../../errors';
import { can } from '../../policies/abilities';
import type { EnterpriseScope, InstitutionScope } from '../auth/scope';
import type { IntentMailDeps } from './conversation';
import { listIntentPage } from './list';
import { notifySide } from './mail';
import type { IntentDoc } from './model';
import { presentSummary } from './presenter';
import { current, detailOf, stateConflict } from './projection';
import {
  enterpriseName,
  findIntent,
  insertIntent,
  insertStep,
  listIntents,
  releaseOpenKey,
  takeOpenKey,
} from './store';
import type { IntentScope } from './store';
import { loadTarget, targetMissing } from './target';
import type { Target } from './target';

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

/** Which ability 我有合作意向 needs in each library. */
const sourceAbility: Readonly<Record<IntentSource, Ability>> = {
  resource: 'resource_library.publish_intent',
  evaluation: 'evaluation_library.publish_intent',
  attention: 'attention_library.publish_intent',
};

/** How long a second submission waits for a first one being stored, and when a key without intent is stale. */
const KEY_ATTEMPTS = 30;
const STALE_KEY_MS = 60_000;

const openKeyOf = (enterpriseId: Types.ObjectId, kind: IntentTargetKind, targetId: Types.ObjectId) =>
  `${enterpriseId.toHexString()}:${kind}:${targetId.toHexString()}`;

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
  if (target.lapsed) {
    throw badRequest(
      '该专利已失效，不能提交合作意向',
      [{ path: 'body.target.id', message: '该专利已失效（驳回、撤回或终止）' }],
      'patent_lapsed',
    );
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
  await notifySide(deps, intent, 'institution');
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
