import { describe, expect, it } from 'vitest';
import { verificationFormSchema, verificationRejectBodySchema } from './application';

const valid = {
  companyName: ' 杭州盘活科技有限公司 ',
  creditCode: '91350100m000100y43',
  category: 'specialized_sme',
  contactName: '张伟',
  contactPhone: '+86 138 0013 8000',
  contactEmail: 'Zhang.Wei@Example.COM',
  adminAccount: 'PanHuo_Admin',
};

const issues = (input: unknown) =>
  verificationFormSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

describe('实名认证 form', () => {
  it('normalizes every field', () => {
    expect(verificationFormSchema.parse(valid)).toEqual({
      companyName: '杭州盘活科技有限公司',
      creditCode: '91350100M000100Y43',
      category: 'specialized_sme',
      contactName: '张伟',
      contactPhone: '13800138000',
      contactEmail: 'zhang.wei@example.com',
      adminAccount: 'panhuo_admin',
    });
  });

  it('names every missing field in Chinese', () => {
    expect(issues({})).toEqual([
      ['companyName', '请填写企业名称'],
      ['creditCode', '请填写统一社会信用代码'],
      ['category', '请选择企业类别'],
      ['contactName', '请填写联系人姓名'],
      ['contactPhone', '请填写联系人手机号'],
      ['contactEmail', '请填写联系邮箱'],
      ['adminAccount', '请填写管理员账号'],
    ]);
  });

  it('refuses a wrong check character, a bad phone, e-mail, category, account and over-long text', () => {
    expect(
      issues({
        ...valid,
        creditCode: '91350100M000100Y44',
        contactPhone: '12345',
        contactEmail: 'not-an-email',
        category: '其他',
        adminAccount: '管理员',
        companyName: '公'.repeat(101),
      }),
    ).toEqual([
      ['companyName', '企业名称最多100个字'],
      ['creditCode', '统一社会信用代码校验位错误，请核对'],
      ['category', '请选择企业类别'],
      ['contactPhone', '请输入正确的11位手机号码'],
      ['contactEmail', '请输入正确的邮箱地址'],
      ['adminAccount', '账号应为3–64位字母、数字或 _ . @ -'],
    ]);
  });
});

describe('rejection', () => {
  it('needs a reason of at most 500 characters', () => {
    expect(verificationRejectBodySchema.safeParse({ reason: '  ' }).error?.issues[0]?.message).toBe(
      '请填写驳回理由',
    );
    expect(verificationRejectBodySchema.safeParse({ reason: '字'.repeat(501) }).success).toBe(false);
    expect(verificationRejectBodySchema.parse({ reason: ' 营业执照不清晰 ' })).toEqual({
      reason: '营业执照不清晰',
    });
  });
});
