import type { IntentSide } from '@panhuo/domain/intents/state';
import { intentStepLabels } from '@panhuo/domain/intents/state';
import type { IntentStepKind } from '@panhuo/domain/intents/state';
import type { Config } from '../../config';
import { sendWithRetry } from '../mail/delivery';
import type { MailDeps } from '../mail/delivery';
import { textLayout } from '../mail/layout';
import { SUBJECT_PREFIX } from '../mail/message';
import type { MailMessage } from '../mail/message';
import type { IntentDoc, IntentStepDoc } from './model';
import {
  claimMailSend,
  institutionRecipients,
  listIntentsActiveSince,
  listMailSends,
  listSteps,
  markMailSend,
} from './store';

/** At most one mail per intent and side in this window (new steps in between wait for the next one). */
export const INTENT_MAIL_WINDOW_MS = 10 * 60 * 1000;

/** Where each side reads the conversation in the web application. */
export function intentUrl(config: Pick<Config, 'PUBLIC_URL'>, side: IntentSide, id: string): string {
  const path = side === 'enterprise' ? `/demands/intents/${id}` : `/university/intents/${id}`;
  return new URL(path, config.PUBLIC_URL).toString();
}

/** The mail about an intent's new steps to one side (one message per recipient). Pure. */
export function intentMail(
  to: string,
  intent: Pick<IntentDoc, 'targetTitle' | 'enterpriseName' | 'institutionName'>,
  steps: readonly Pick<IntentStepDoc, 'kind' | 'text'>[],
  url: string,
  side: IntentSide,
): MailMessage {
  const from = side === 'institution' ? intent.enterpriseName : intent.institutionName;
  const submitted = steps.some((step) => step.kind === 'submitted');
  const what = submitted
    ? [`${from}对贵单位的专利“${intent.targetTitle}”提交了合作意向。`]
    : [
        `${from}在合作意向“${intent.targetTitle}”中有${steps.length}条新动态：`,
        ...steps.map(
          (step) => `· ${intentStepLabels[step.kind as IntentStepKind]}${step.text ? `：${step.text}` : ''}`,
        ),
      ];
  return {
    to,
    subject: `${SUBJECT_PREFIX}${submitted ? '收到新的合作意向' : '合作意向有新消息'}：${intent.targetTitle}`,
    text: textLayout('您好：', [
      ...what,
      '',
      `查看并回复：${url}`,
      '十分钟内的后续消息将合并提醒，请登录平台查看完整对话。',
    ]),
  };
}

/**
 * Mails one side about the other side's steps since its last mail, unless that side was mailed about
 * this intent less than ten minutes ago (batching: the steps wait for the next mail, and the conversation
 * page shows everything). The send is claimed by an insert of its sequence number first, so two requests
 * at once mail once. Never throws for SMTP failures.
 */
export async function notifySide(
  deps: MailDeps & { config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'> },
  intent: IntentDoc,
  side: IntentSide,
  now = new Date(),
): Promise<boolean> {
  const [last] = await listMailSends(intent._id, side);
  if (last && now.getTime() - last.createdAt.getTime() < INTENT_MAIL_WINDOW_MS) return false;
  // Everything the other side wrote since the last mail to this side (the batch), 已查看 aside.
  const since = last?.coveredUntil.getTime() ?? 0;
  const steps = (await listSteps(intent._id)).filter(
    (s) => s.side !== side && s.kind !== 'viewed' && s.createdAt.getTime() > since,
  );
  const newest = steps.at(-1);
  if (!newest) return false;
  const seq = (last?.seq ?? 0) + 1;
  if (!(await claimMailSend(intent._id, side, seq, newest.createdAt))) return false;
  const recipients =
    side === 'institution' ? await institutionRecipients(intent.institutionId) : [intent.contact.email];
  const url = intentUrl(deps.config, side, intent._id.toHexString());
  let delivered = recipients.length > 0;
  for (const to of recipients) {
    const outcome = await sendWithRetry(deps, intentMail(to, intent, steps, url, side), {
      attempts: 2,
      firstDelayMs: 500,
    });
    delivered &&= outcome.ok;
  }
  await markMailSend(intent._id, side, seq, delivered);
  return true;
}

/** How far back the held-mail sweep looks: far longer than the window, so a worker pause loses nothing. */
export const HELD_MAIL_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/**
 * Mails the steps the ten-minute window held back. A step posted within ten minutes of the last mail to
 * the other side waits; without a later step nothing would ever tell of it. The worker runs this every
 * minute (jobs intent-mail-tail.ts): for each intent with a step in the last day, each side whose window
 * has passed is mailed about what it has not been told yet. Idempotent through notifySide's claimed
 * sequence numbers: two sweeps at once mail once. A withdrawn intent mails no one (its institution may
 * never have opened it). Returns how many mails were claimed.
 */
export async function mailHeldSteps(
  deps: MailDeps & { config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'> },
  now = new Date(),
): Promise<number> {
  const intents = await listIntentsActiveSince(new Date(now.getTime() - HELD_MAIL_LOOKBACK_MS));
  let sent = 0;
  for (const intent of intents) {
    if (intent.state === 'withdrawn') continue;
    for (const side of ['institution', 'enterprise'] as const) {
      if (await notifySide(deps, intent, side, now)) sent += 1;
    }
  }
  return sent;
}
