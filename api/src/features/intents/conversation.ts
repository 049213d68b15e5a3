import type { IntentDetailDto } from '@panhuo/domain/intents/dto';
import type { IntentCloseBody, IntentReplyBody } from '@panhuo/domain/intents/forms';
import { isFinalIntentState } from '@panhuo/domain/intents/state';
import type { IntentSide, IntentState } from '@panhuo/domain/intents/state';
import { Types } from 'mongoose';
import type { Config } from '../../config';
import { notFound } from '../../errors';
import type { EnterpriseScope, InstitutionScope } from '../auth/scope';
import type { MailDeps } from '../mail/delivery';
import { dropAttachments, storeAttachments } from './attachments';
import type { CheckedAttachment } from './attachments';
import { notifySide } from './mail';
import { current, detailOf, loadFor, stateConflict } from './projection';
import { insertStep, saveProjection } from './store';
import type { IntentScope, NewStep } from './store';

/** Mail dependencies plus the web address the mails link to. */
export type IntentMailDeps = MailDeps & { config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'> };

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
  const stepId = step._id ?? new Types.ObjectId();
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
    await notifySide(deps, intent, side === 'enterprise' ? 'institution' : 'enterprise');
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

/**
 * A message in the conversation, by either side, while the intent is open, with its checked files (stored
 * first under the step's id, and removed again when the step is refused).
 */
export async function postMessage(
  deps: IntentMailDeps,
  scope: IntentScope,
  id: string,
  text: string,
  files: readonly CheckedAttachment[] = [],
) {
  const intent = await loadFor(scope, id);
  const stepId = new Types.ObjectId();
  const attachments = files.length ? await storeAttachments(intent._id, stepId, files) : [];
  try {
    return await act(deps, scope, id, (s) => !isFinalIntentState(s), '该合作意向已结束，不能再发送消息', {
      _id: stepId,
      kind: 'message',
      gate: null,
      text,
      attachments,
    });
  } catch (err) {
    if (attachments.length) await dropAttachments(stepId);
    throw err;
  }
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
