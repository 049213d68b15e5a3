import type { Config } from '../../config';
import { textLayout } from './layout';
import { SUBJECT_PREFIX } from './message';
import type { MailMessage } from './message';

/** What the approval e-mail needs; the password is in clear here and nowhere else but the message. */
export interface ApprovalMailInput {
  to: string;
  contactName: string;
  companyName: string;
  account: string;
  initialPassword: string;
  loginUrl: string;
}

/** The login page of the web application, from PUBLIC_URL. */
export function loginUrlOf(config: Pick<Config, 'PUBLIC_URL'>): string {
  return new URL('/login', config.PUBLIC_URL).toString();
}

/** 实名认证 approved: the 企业管理员 account, its initial password and where to log in. Pure. */
export function approvalMail(input: ApprovalMailInput): MailMessage {
  return {
    to: input.to,
    subject: `${SUBJECT_PREFIX}${input.companyName}实名认证已通过`,
    text: textLayout(`${input.contactName}，您好：`, [
      `贵单位“${input.companyName}”提交的实名认证申请已审核通过，企业管理员账号已开通：`,
      '',
      `登录地址：${input.loginUrl}`,
      `账号：${input.account}`,
      `初始密码：${input.initialPassword}`,
      '',
      '首次登录时请完善部门职务、手机号、单位邮箱等注册信息，并及时修改初始密码。',
      '请妥善保管账号信息，不要将本邮件转发给他人。',
    ]),
  };
}

/** 实名认证 rejected, with the operator's reason. Pure. */
export function rejectionMail(input: {
  to: string;
  contactName: string;
  companyName: string;
  reason: string;
  publicUrl: string;
}): MailMessage {
  return {
    to: input.to,
    subject: `${SUBJECT_PREFIX}${input.companyName}实名认证未通过`,
    text: textLayout(`${input.contactName}，您好：`, [
      `贵单位“${input.companyName}”提交的实名认证申请未通过审核。`,
      '',
      `未通过原因：${input.reason}`,
      '',
      `请根据上述原因修改后重新提交实名认证申请：${input.publicUrl}`,
    ]),
  };
}
