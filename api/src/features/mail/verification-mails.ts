import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config';

/** An e-mail to send: plain text, Chinese. */
export interface MailText {
  to: string;
  subject: string;
  text: string;
}

/** What the approval e-mail needs; the password is in clear here and nowhere else but the message. */
export interface ApprovalMailInput {
  to: string;
  contactName: string;
  companyName: string;
  account: string;
  initialPassword: string;
  loginUrl: string;
}

const signature = '国家专利导航综合服务平台 · 盘活行动';

/** The login page of the web application, from PUBLIC_URL. */
export function loginUrlOf(config: Pick<Config, 'PUBLIC_URL'>): string {
  return new URL('/login', config.PUBLIC_URL).toString();
}

/** 实名认证 approved: the 企业管理员 account, its initial password and where to log in. Pure. */
export function approvalMail(input: ApprovalMailInput): MailText {
  return {
    to: input.to,
    subject: `【盘活行动】${input.companyName}实名认证已通过`,
    text: [
      `${input.contactName}，您好：`,
      '',
      `贵单位“${input.companyName}”提交的实名认证申请已审核通过，企业管理员账号已开通：`,
      '',
      `登录地址：${input.loginUrl}`,
      `账号：${input.account}`,
      `初始密码：${input.initialPassword}`,
      '',
      '首次登录时请完善部门职务、手机号、单位邮箱等注册信息，并及时修改初始密码。',
      '请妥善保管账号信息，不要将本邮件转发给他人。',
      '',
      signature,
    ].join('\n'),
  };
}

/** 实名认证 rejected, with the operator's reason. Pure. */
export function rejectionMail(input: {
  to: string;
  contactName: string;
  companyName: string;
  reason: string;
  publicUrl: string;
}): MailText {
  return {
    to: input.to,
    subject: `【盘活行动】${input.companyName}实名认证未通过`,
    text: [
      `${input.contactName}，您好：`,
      '',
      `贵单位“${input.companyName}”提交的实名认证申请未通过审核。`,
      '',
      `未通过原因：${input.reason}`,
      '',
      `请根据上述原因修改后重新提交实名认证申请：${input.publicUrl}`,
      '',
      signature,
    ].join('\n'),
  };
}

/**
 * Sends a message; true when the SMTP server accepted it. A failure is logged (without the text, which may
 * hold a password) and reported as false: the review it follows has already been stored.
 */
export async function deliver(
  deps: { mailer: Transporter; config: Pick<Config, 'MAIL_FROM'>; logger: Logger },
  mail: MailText,
): Promise<boolean> {
  try {
    await deps.mailer.sendMail({ from: deps.config.MAIL_FROM, ...mail });
    return true;
  } catch (err) {
    deps.logger.warn(
      { err: { message: (err as Error).message }, subject: mail.subject },
      'mail not delivered',
    );
    return false;
  }
}
