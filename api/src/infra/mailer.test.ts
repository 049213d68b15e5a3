import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createMailer } from './mailer';

const config = loadConfig(process.env);
const mailer = createMailer(config);
afterAll(() => mailer.close());

interface MailpitSearch {
  messages: { ID: string; Subject: string; To: { Address: string }[] }[];
}

describe('SMTP through nodemailer', () => {
  it('delivers a message that Mailpit\'s API gives back', async () => {
    const mailpit = process.env.MAILPIT_URL;
    expect(mailpit, 'MAILPIT_URL must point at the test Mailpit').toBeTruthy();
    const subject = `本周新匹配专利 ${randomBytes(4).toString('hex')}`;
    await mailer.sendMail({ from: config.MAIL_FROM, to: 'admin@example.com', subject, text: '共 3 条' });

    const res = await fetch(`${mailpit}/api/v1/search?query=${encodeURIComponent(`subject:"${subject}"`)}`);
    const found = (await res.json()) as MailpitSearch;
    expect(found.messages).toHaveLength(1);
    expect(found.messages[0]?.To[0]?.Address).toBe('admin@example.com');
    const message = (await (await fetch(`${mailpit}/api/v1/message/${found.messages[0]?.ID}`)).json()) as { Text: string };
    expect(message.Text).toContain('共 3 条');
  });
});
