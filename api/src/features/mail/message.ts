/**
 * One e-mail as the platform writes it: Chinese, always with a plain-text part; an HTML part when the
 * message has more than a few lines to lay out (the digest). Headers are extra ones only (List-Unsubscribe).
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

/** The footer line of every message. */
export const MAIL_SIGNATURE = '国家专利导航综合服务平台 · 盘活行动';

/** The subject prefix of every message, so recipients can filter the platform's mail. */
export const SUBJECT_PREFIX = '【盘活行动】';
