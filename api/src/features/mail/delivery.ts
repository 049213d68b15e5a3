import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { MailMessage } from './message';

/** What sending needs from the application's dependencies. */
export type MailDeps = { mailer: Transporter; config: Pick<Config, 'MAIL_FROM'>; logger: Logger };

/** The outcome of a send with retries: how many attempts it took, and the last error when it never went. */
export interface SendOutcome {
  ok: boolean;
  attempts: number;
  error?: string;
}

/** Retries of a failed SMTP send: attempts in all, the first pause, doubled after each failure. */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
}

/** Three attempts, 1 s then 2 s apart: an SMTP relay's brief refusals (421, a dropped connection) pass. */
export const defaultRetry: RetryPolicy = { attempts: 3, firstDelayMs: 1_000 };

async function sendOnce(deps: MailDeps, mail: MailMessage): Promise<void> {
  await deps.mailer.sendMail({
    from: deps.config.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
  });
}

/**
 * Sends one message through nodemailer, retrying a failure with exponential back-off. Never throws: the
 * outcome says whether the SMTP server accepted it and after how many attempts, so the caller can record
 * it. Failures are logged with the subject only (a message may hold a password).
 */
export async function sendWithRetry(
  deps: MailDeps,
  mail: MailMessage,
  policy: RetryPolicy = defaultRetry,
): Promise<SendOutcome> {
  let delay = policy.firstDelayMs;
  let lastError = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    try {
      await sendOnce(deps, mail);
      return { ok: true, attempts: attempt };
    } catch (err) {
      lastError = (err as Error).message;
      deps.logger.warn({ err: { message: lastError }, subject: mail.subject, attempt }, 'mail not delivered');
      if (attempt < policy.attempts) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
      }
    }
  }
  return { ok: false, attempts: policy.attempts, error: lastError };
}

/**
 * Sends a message once, inline; true when the SMTP server accepted it. For mail whose sender must know
 * the outcome at once (实名认证: the operator is shown the initial password when its mail did not go).
 */
export async function deliver(deps: MailDeps, mail: MailMessage): Promise<boolean> {
  const outcome = await sendWithRetry(deps, mail, { attempts: 1, firstDelayMs: 0 });
  return outcome.ok;
}
