import type { IntentDetailDto } from '@panhuo/domain/intents/dto';
import { deriveIntentState, isFinalIntentState } from '@panhuo/domain/intents/state';
import type { IntentSide, IntentState, IntentStepKind } from '@panhuo/domain/intents/state';
import { AppError, notFound } from '../../errors';
import type { IntentDoc, IntentStepDoc } from './model';
import { presentDetail } from './presenter';
import { findIntent, listSteps, releaseOpenKey, saveProjection } from './store';
import type { IntentScope } from './store';

/** 409 `intent_state_conflict`: the state does not allow the step, or another step took its gate. */
export const stateConflict = (message: string) => new AppError(409, 'intent_state_conflict', message);

/** The intent's state from its steps, with the projection repaired when it differs. */
export async function current(intent: IntentDoc): Promise<{ intent: IntentDoc; steps: IntentStepDoc[] }> {
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
export function abilitiesIn(state: IntentState, side: IntentSide): IntentDetailDto['can'] {
  const open = !isFinalIntentState(state);
  return {
    withdraw: side === 'enterprise' && state === 'pending',
    reply: side === 'institution' && (state === 'pending' || state === 'viewed'),
    message: open,
    close: open && state !== 'pending',
  };
}

/** The detail of an intent for one side, from its steps (repairing the projection). */
export async function detailOf(intent: IntentDoc, side: IntentSide): Promise<IntentDetailDto> {
  const { intent: fresh, steps } = await current(intent);
  return presentDetail(fresh, steps, side, abilitiesIn(fresh.state as IntentState, side));
}

/** An intent of the scope's tenant (an institution never sees one withdrawn before it was read); else 404. */
export async function loadFor(scope: IntentScope, id: string): Promise<IntentDoc> {
  const intent = await findIntent(scope, id);
  if (!intent) throw notFound('合作意向不存在');
  if (scope.kind === 'institution' && intent.state === 'withdrawn') throw notFound('合作意向不存在');
  return intent;
}
