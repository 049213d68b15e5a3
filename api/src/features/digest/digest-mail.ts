import { escapeHtml, renderHtml, textLayout } from '../mail/layout';
import { SUBJECT_PREFIX } from '../mail/message';
import type { MailMessage } from '../mail/message';
import type { DigestHit } from './matching';

/** What one recipient's digest needs: the matches, and the signed links made for that recipient. */
export interface DigestMailInput {
  to: string;
  name: string;
  enterpriseName: string;
  /** 'weekly' | 'daily': 本周 / 今日. */
  frequency: 'weekly' | 'daily';
  total: number;
  hits: readonly (DigestHit & { href: string })[];
  /** Signed link to the whole 关注库 (the rest of the matches). */
  allHref: string;
  /** One-click unsubscribe (RFC 8058, POST) and its confirmation page (GET, for a human). */
  unsubscribePostUrl: string;
  unsubscribePageUrl: string;
}

const chinaDate = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The 关注库 digest: subject, plain-text part, MJML HTML part and the List-Unsubscribe headers. Each
 * patent shows its title (a link into the platform), institution, 登记入库 date and why it matched.
 */
export async function digestMail(input: DigestMailInput): Promise<MailMessage> {
  const when = input.frequency === 'weekly' ? '本周' : '今日';
  const subject = `${SUBJECT_PREFIX}专利转化关注库${when}新匹配 ${input.total} 件专利`;
  const more = input.total > input.hits.length;
  const intro = `根据贵单位“${input.enterpriseName}”的关注领域设置，${when}新登记入库的专利中有 ${input.total} 件与您的关注匹配${more ? `，以下为最匹配的 ${input.hits.length} 件` : ''}：`;
  const lines = [
    intro,
    '',
    ...input.hits.flatMap((hit, i) => [
      `${i + 1}. ${hit.title}`,
      `   ${hit.institutionName} · 登记入库 ${chinaDate(hit.registeredAt)}`,
      `   匹配：${hit.reasons.join(' · ')}`,
      `   查看：${hit.href}`,
    ]),
    '',
    `${more ? `查看全部 ${input.total} 件` : '进入专利转化关注库'}：${input.allHref}`,
    '',
    '链接需登录本人账号后查看。',
    `退订关注库邮件提醒：${input.unsubscribePageUrl}`,
  ];
  const items = input.hits
    .map(
      (hit) => `<mj-text padding="8px 24px">
        <a href="${escapeHtml(hit.href)}" style="color:#1d4ed8;font-size:15px;font-weight:bold;text-decoration:none">${escapeHtml(hit.title)}</a><br />
        <span style="color:#6b7280;font-size:12px">${escapeHtml(hit.institutionName)} · 登记入库 ${chinaDate(hit.registeredAt)}</span><br />
        <span style="color:#047857;font-size:13px">匹配：${escapeHtml(hit.reasons.join(' · '))}</span>
      </mj-text>
      <mj-divider border-width="1px" border-color="#e5e7eb" padding="0 24px" />`,
    )
    .join('\n');
  const html = await renderHtml({
    title: subject,
    preview: `${when}新匹配 ${input.total} 件专利`,
    body: `<mj-section background-color="#ffffff" padding="16px 0">
      <mj-column>
        <mj-text padding="8px 24px">${escapeHtml(`${input.name}，您好：`)}</mj-text>
        <mj-text padding="8px 24px">${escapeHtml(intro)}</mj-text>
        ${items}
        <mj-button href="${escapeHtml(input.allHref)}" background-color="#1d4ed8" padding="16px 24px">${more ? `查看全部 ${input.total} 件` : '进入专利转化关注库'}</mj-button>
        <mj-text padding="8px 24px" font-size="12px" color="#6b7280">链接需登录本人账号后查看。不想再收到此类邮件？<a href="${escapeHtml(input.unsubscribePageUrl)}" style="color:#6b7280">退订关注库邮件提醒</a></mj-text>
      </mj-column>
    </mj-section>`,
  });
  return {
    to: input.to,
    subject,
    text: textLayout(`${input.name}，您好：`, lines),
    html,
    headers: {
      'List-Unsubscribe': `<${input.unsubscribePostUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
