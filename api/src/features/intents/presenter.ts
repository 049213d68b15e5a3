import type { AttachmentContentType } from '@panhuo/domain/intents/attachments';
import type { IntentDetailDto, IntentStepDto, IntentSummaryDto } from '@panhuo/domain/intents/dto';
import type { Budget } from '@panhuo/domain/intents/forms';
import type {
  IntentSide,
  IntentSource,
  IntentState,
  IntentStepKind,
  IntentTargetKind,
} from '@panhuo/domain/intents/state';
import type { CooperationModeCode } from '@panhuo/domain/taxonomies/cooperation-modes';
import type { IntentDoc, IntentStepDoc } from './model';

/** True when the other side wrote something the caller's side has not opened since. */
export function unreadFor(intent: IntentDoc, side: IntentSide): boolean {
  const acted = side === 'enterprise' ? intent.institutionActedAt : intent.enterpriseActedAt;
  const read = side === 'enterprise' ? intent.enterpriseReadAt : intent.institutionReadAt;
  return acted != null && (read == null || acted.getTime() > read.getTime());
}

function budgetOf(intent: IntentDoc): Budget {
  const b = intent.budget;
  return b.kind === 'range' ? { kind: 'range', min: b.min ?? 0, max: b.max ?? 0 } : { kind: 'negotiable' };
}

/** An intent as its lists show it to one side. */
export function presentSummary(intent: IntentDoc, side: IntentSide): IntentSummaryDto {
  return {
    id: intent._id.toHexString(),
    state: intent.state as IntentState,
    source: intent.source as IntentSource,
    target: {
      kind: intent.targetKind as IntentTargetKind,
      id: intent.targetId.toHexString(),
      title: intent.targetTitle,
    },
    enterpriseName: intent.enterpriseName,
    institutionId: intent.institutionId.toHexString(),
    institutionName: intent.institutionName,
    modes: intent.modes as CooperationModeCode[],
    budget: budgetOf(intent),
    expectedTime: intent.expectedTime,
    createdAt: intent.createdAt.toISOString(),
    lastActivityAt: intent.lastActivityAt.toISOString(),
    unread: unreadFor(intent, side),
  };
}

/** One step of the conversation (both sides see every step). */
export function presentStep(step: IntentStepDoc): IntentStepDto {
  return {
    id: step._id.toHexString(),
    side: step.side as IntentSide,
    kind: step.kind as IntentStepKind,
    text: step.text ?? '',
    ...(step.agreedMode ? { agreedMode: step.agreedMode as CooperationModeCode } : {}),
    ...(typeof step.agreedAmount === 'number' ? { agreedAmount: step.agreedAmount } : {}),
    attachments: (step.attachments ?? []).map((file) => ({
      id: file._id.toHexString(),
      name: file.name,
      type: file.type as AttachmentContentType,
      size: file.size,
    })),
    at: step.createdAt.toISOString(),
  };
}

/** The detail: form, contact, the conversation and what the caller may do now. */
export function presentDetail(
  intent: IntentDoc,
  steps: readonly IntentStepDoc[],
  side: IntentSide,
  can: IntentDetailDto['can'],
): IntentDetailDto {
  const c = intent.contact;
  return {
    ...presentSummary(intent, side),
    description: intent.description,
    contact: { name: c.name, phone: c.phone, email: c.email },
    steps: steps.map(presentStep),
    can,
  };
}
