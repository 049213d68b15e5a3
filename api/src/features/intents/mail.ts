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
import { claimMailSend, institutionRecipients, listMailSends, markMailSend } from './store';

/** At most one mail per intent and side in this window (new steps in between wait for the next one). */
export const INTENT_MAIL_WINDOW_MS = 10 * 60 * 1000;

/** Where each side reads the conversation in the web application. */
export function intentUrl(config: Pick<Config, 'PUBLIC_URL'>, side: IntentSide, id: string): string {
  const path = side === 'enterprise' ? `/demands/intents/${id}` : `/university/intents/${id}`;
  return new URL(path, config.PUBLIC_URL).toString();
}

/** The mail about an intent's new step to one side (one message per recipient). Pure. */
export function intentMail(
  to: string,
  intent: Pick<IntentDoc, 'targetTitle' | 'enterpriseName' | 'institutionName'>,
  step: Pick<IntentStepDoc, 'kind' | 'text'>,
  url: string,
  side: IntentSide,
): MailMessage {
  const from = side === 'institution' ? intent.enterpriseName : intent.institutionName;
  const what =
    step.kind === 'submitted'
      ? `${from}对贵单位的专利“${intent.targetTitle}”提交了合作意向。`
      : `${from}在合作意向“${intent.targetTitle}”中有新动态：${intentStepLabels[step.kind as IntentStepKind]}。`;
  return {
    to,
    subject: `${SUBJECT_PREFIX}${step.kind === 'submitted' ? '收到新的合作意向' : '合作意向有新消息'}：${intent.targetTitle}`,
    text: textLayout('您好：', [
      what,
      ...(step.text ? ['', step.text] : []),
      '',
      `查看并回复：${url}`,
      '十分钟内的后续消息将合并提醒，请登录平台查看完整对话。',
    ]),
  };
}

/**
 * Mails one side about a new step, unless that side was mailed about this intent less than ten minutes
 * ago (batching: the conversation page shows everything). The send is claimed by an insert of its
 * sequence number first, so two requests at once mail once. Never throws for SMTP failures.
 */
export async function notifySide(
  deps: MailDeps & { config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'> },
  intent: IntentDoc,
  side: IntentSide,
  step: Pick<IntentStepDoc, 'kind' | 'text'>,
  now = new Date(),
): Promise<boolean> {
  const [last] = await listMailSends(intent._id, side);
  if (last && now.getTime() - last.createdAt.getTime() < INTENT_MAIL_WINDOW_MS) return false;
  const seq = (last?.seq ?? 0) + 1;
  if (!(await claimMailSend(intent._id, side, seq))) return false;
  const recipients =
    side === 'institution' ? await institutionRecipients(intent.institutionId) : [intent.contact.email];
  const url = intentUrl(deps.config, side, intent._id.toHexString());
  let delivered = recipients.length > 0;
  for (const to of recipients) {
    const outcome = await sendWithRetry(deps, intentMail(to, intent, step, url, side), {
      attempts: 2,
      firstDelayMs: 500,
    });
    delivered &&= outcome.ok;
  }
  await markMailSend(intent._id, side, seq, delivered);
  return true;
}
