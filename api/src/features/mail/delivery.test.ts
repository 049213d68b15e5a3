import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createLogger } from '../../infra/logger';
import { createMailer } from '../../infra/mailer';
import { sendWithRetry } from './delivery';
import { escapeHtml, renderHtml, textLayout } from './layout';
import { waitForMail } from './mailpit';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const logger = createLogger(config, 'mail-test');
const mailer = createMailer(config);
afterAll(() => mailer.close());
const domain = `mail-${randomBytes(4).toString('hex')}.example`;

describe('mail delivery', () => {
  it('sends the HTML and text parts with extra headers, read back from Mailpit', async () => {
    const html = await renderHtml({
      title: '测试',
      preview: '预览',
      body: `<mj-section><mj-column><mj-text>${escapeHtml('石墨烯 <b>')}</mj-text></mj-column></mj-section>`,
    });
    const outcome = await sendWithRetry(
      { mailer, config, logger },
      {
        to: `a@${domain}`,
        subject: '【盘活行动】测试',
        text: textLayout('您好：', ['第一行']),
        html,
        headers: { 'List-Unsubscribe': '<https://example.test/u>' },
      },
    );
    expect(outcome).toEqual({ ok: true, attempts: 1 });
    const [mail] = await waitForMail(`to:"@${domain}"`);
    expect(mail?.text).toContain('第一行');
    expect(mail?.text).toContain('盘活行动');
    expect(mail?.html).toContain('石墨烯 &lt;b&gt;');
    expect(mail?.headers['List-Unsubscribe']).toEqual(['<https://example.test/u>']);
  });

  it('retries a refused connection with back-off and reports the failure', async () => {
    const dead = createMailer({ ...config, SMTP_URL: 'smtp://127.0.0.1:9', DEPENDENCY_TIMEOUT_MS: 500 });
    const started = Date.now();
    const outcome = await sendWithRetry(
      { mailer: dead, config, logger },
      { to: `b@${domain}`, subject: 'x', text: 'x' },
      { attempts: 3, firstDelayMs: 100 },
    );
    dead.close();
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBe(3);
    expect(outcome.error).toMatch(/ECONNREFUSED|connect/);
    // 100 ms then 200 ms between the three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('refuses an MJML template error instead of sending broken HTML', async () => {
    await expect(
      renderHtml({ title: 't', preview: 'p', body: '<mj-text>outside a column</mj-text>' }),
    ).rejects.toThrow(/MJML template error/);
  });
});
