import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config';

/** The SMTP transport (Mailpit locally, the real relay in production). */
export function createMailer(config: Pick<Config, 'SMTP_URL' | 'DEPENDENCY_TIMEOUT_MS'>): Transporter {
  return nodemailer.createTransport(config.SMTP_URL, {
    connectionTimeout: config.DEPENDENCY_TIMEOUT_MS,
    greetingTimeout: config.DEPENDENCY_TIMEOUT_MS,
    socketTimeout: 10_000,
  });
}

/** Opens an SMTP session and says EHLO; resolves to the round-trip time in ms. */
export async function pingSmtp(mailer: Transporter): Promise<number> {
  const started = performance.now();
  await mailer.verify();
  return Math.round(performance.now() - started);
}
