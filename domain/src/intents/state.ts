import { z } from 'zod';

/**
 * The state of a 合作意向 as both sides see it. 待查看 until the institution first opens it; 已查看 after;
 * 洽谈中 once it answered 接受洽谈; 已婉拒 when it declined; 已达成合作 or 已关闭 when either side closed it;
 * 已撤回 when the enterprise withdrew it before it was read (then the institution no longer sees it).
 */
export const intentStates = [
  'pending',
  'viewed',
  'negotiating',
  'declined',
  'agreed',
  'closed',
  'withdrawn',
] as const;

/** One intent state. */
export type IntentState = (typeof intentStates)[number];

/** Chinese labels, the manual's and the words. */
export const intentStateLabels: Readonly<Record<IntentState, string>> = {
  pending: '待查看',
  viewed: '已查看',
  negotiating: '洽谈中',
  declined: '已婉拒',
  agreed: '已达成合作',
  closed: '已关闭',
  withdrawn: '已撤回',
};

/** States after which nothing more happens: the intent no longer holds its enterprise's "open" slot. */
export const finalIntentStates: readonly IntentState[] = ['declined', 'agreed', 'closed', 'withdrawn'];

/** True when the intent is finished (no more messages, answers or closing). */
export function isFinalIntentState(state: IntentState): boolean {
  return finalIntentStates.includes(state);
}

/** Where the 我有合作意向 was pressed: 专利转化资源库, 专利转化评价库 or 专利转化关注库. */
export const intentSources = ['resource', 'evaluation', 'attention'] as const;

/** One source library. */
export type IntentSource = (typeof intentSources)[number];

/** Chinese names of the source libraries. */
export const intentSourceLabels: Readonly<Record<IntentSource, string>> = {
  resource: '专利转化资源库',
  evaluation: '专利转化评价库',
  attention: '专利转化关注库',
};

/** The two parties of an intent. */
export const intentSides = ['enterprise', 'institution'] as const;

/** One party. */
export type IntentSide = (typeof intentSides)[number];

/** What an intent names: one patent or one 组合专利. */
export const intentTargetKinds = ['patent', 'portfolio'] as const;

/** One target kind. */
export type IntentTargetKind = (typeof intentTargetKinds)[number];

/** Zod schemas of the enums above. */
export const intentStateSchema = z.enum(intentStates);
export const intentSourceSchema = z.enum(intentSources);
export const intentSideSchema = z.enum(intentSides);
export const intentTargetKindSchema = z.enum(intentTargetKinds);

/** What one step of the conversation is: the submission, a state change, or a message. */
export const intentStepKinds = [
  'submitted',
  'viewed',
  'accepted',
  'declined',
  'message',
  'agreed',
  'closed',
  'withdrawn',
] as const;

/** One step kind. */
export type IntentStepKind = (typeof intentStepKinds)[number];

/** Zod schema of a step kind. */
export const intentStepKindSchema = z.enum(intentStepKinds);

/** Chinese labels of the steps, as the conversation shows them. */
export const intentStepLabels: Readonly<Record<IntentStepKind, string>> = {
  submitted: '提交合作意向',
  viewed: '已查看',
  accepted: '接受洽谈',
  declined: '婉拒',
  message: '消息',
  agreed: '已达成合作',
  closed: '已关闭',
  withdrawn: '已撤回',
};

const stateAfter: Partial<Record<IntentStepKind, IntentState>> = {
  viewed: 'viewed',
  accepted: 'negotiating',
  declined: 'declined',
  agreed: 'agreed',
  closed: 'closed',
  withdrawn: 'withdrawn',
};

/**
 * The state the steps lead to, read oldest first: each state change moves it on, and nothing moves a
 * final state (two closings stored at once: the first one stands). The steps are the truth; the state
 * stored on the intent is a projection of this for the lists.
 */
export function deriveIntentState(steps: readonly { kind: IntentStepKind }[]): IntentState {
  let state: IntentState = 'pending';
  for (const step of steps) {
    if (isFinalIntentState(state)) break;
    const next = stateAfter[step.kind];
    // 已查看 never moves an answered intent back.
    if (next && !(next === 'viewed' && state !== 'pending')) state = next;
  }
  return state;
}
