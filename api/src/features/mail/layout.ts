import { createRequire } from 'node:module';
import { MAIL_SIGNATURE } from './message';

/** The part of mjml 5's API used here (it ships no types; mjml-core lib/index.js). */
type Mjml2Html = (
  mjml: string,
  options: { validationLevel: 'strict' | 'soft' | 'skip' },
) => Promise<{ html: string; errors: { formattedMessage: string }[] }>;
// Loaded through require with its type stated here: an ambient `declare module` would have to be in every
// workspace's tsconfig that compiles this file (api, jobs).
const mjml2html = createRequire(import.meta.url)('mjml') as Mjml2Html;

/** Escapes text for an MJML/HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The plain-text layout: greeting, blank line, the body lines, blank line, the signature. Pure. */
export function textLayout(greeting: string, lines: readonly string[]): string {
  return [greeting, '', ...lines, '', MAIL_SIGNATURE].join('\n');
}

/**
 * The HTML layout: the body's MJML sections inside the platform's header and footer, rendered by MJML into
 * table-based HTML that Outlook, Gmail, Apple Mail and phone clients lay out alike (a single column that
 * narrows below 480 px). `body` is MJML the caller built with escaped text. Throws when MJML reports an
 * error (strict validation): a template mistake must fail its test, not reach a mailbox.
 */
export async function renderHtml(input: { title: string; preview: string; body: string }): Promise<string> {
  const source = `<mjml lang="zh-CN">
  <mj-head>
    <mj-title>${escapeHtml(input.title)}</mj-title>
    <mj-preview>${escapeHtml(input.preview)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="'PingFang SC','Microsoft YaHei','Helvetica Neue',Arial,sans-serif" />
      <mj-text font-size="14px" line-height="22px" color="#1f2937" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6" width="640px">
    <mj-section background-color="#1d4ed8" padding="16px 24px">
      <mj-column>
        <mj-text color="#ffffff" font-size="18px" font-weight="bold">盘活行动 · 专利转化</mj-text>
      </mj-column>
    </mj-section>
    ${input.body}
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#6b7280">${escapeHtml(MAIL_SIGNATURE)}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  // Strict validation throws in MJML 5 (and returned `errors` in 4): both end as one error here.
  const { html, errors } = await mjml2html(source, { validationLevel: 'strict' }).catch((err: unknown) => {
    throw new Error(`MJML template error: ${(err as Error).message}`);
  });
  if (errors.length > 0) {
    throw new Error(`MJML template error: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  }
  return html;
}
