import type { ExpertCreated, MyExpert } from '@panhuo/domain/experts/dto';
import type { ExpertInfoBody } from '@panhuo/domain/experts/forms';
import { randomBytes } from 'node:crypto';
import { TestSession } from './auth-helpers';
import type { TestApp } from './test-app';

/** A complete, valid 专家信息 form. */
export const validExpertInfo: ExpertInfoBody = {
  title: '高级工程师',
  strategicIndustries: ['6.3', '5.2'],
  economicIndustries: ['38'],
  resume: '长期从事锂离子电池正极材料研发，主持省级重点研发项目2项，授权发明专利12件。',
  contact: '0571-86701234',
};

/** A created expert: its id, login and the admin's answer. */
export interface CreatedExpert {
  id: string;
  account: string;
  password: string;
  created: ExpertCreated;
}

const expertPassword = 'Expert2026pass';

/** 新增 through the API as the signed-in admin (fails the test on anything but 201). */
export async function createExpertAs(
  admin: TestSession,
  overrides: Record<string, unknown> = {},
): Promise<CreatedExpert> {
  const account = `exp_${randomBytes(4).toString('hex')}`;
  const body = {
    name: '李专家',
    account,
    password: expertPassword,
    phone: '139 1234 5678',
    position: '技术专家',
    department: '研发中心',
    ...overrides,
  };
  const res = await admin.request('/api/experts', { method: 'POST', json: body });
  if (res.status !== 201)
    throw new Error(`POST /api/experts answered ${res.status}: ${JSON.stringify(res.body)}`);
  const created = res.body as ExpertCreated;
  return {
    id: created.expert.id,
    account: created.expert.account,
    password: created.initialPassword ?? String(body.password),
    created,
  };
}

/**
 * Logs the expert in and completes the first-login profile (部门职务, 手机号, 单位邮箱). The account was
 * opened with a one-time password, which the profile replaces: `expert.password` is set to the new one,
 * so later logins of the test use it.
 */
export async function expertSession(app: TestApp, expert: Pick<CreatedExpert, 'account' | 'password'>) {
  const session = new TestSession(app);
  const login = await session.login(expert.account, expert.password);
  if (login.status !== 200) throw new Error(`expert login answered ${login.status}`);
  const newPassword = `${expert.password}Own1`;
  const profile = await session.request('/api/auth/profile', {
    method: 'PUT',
    json: {
      department: '研发中心',
      position: '技术专家',
      phone: '13912345678',
      email: `${expert.account}@corp.example.cn`,
      currentPassword: expert.password,
      newPassword,
    },
  });
  if (profile.status !== 200) throw new Error(`profile answered ${profile.status}`);
  expert.password = newPassword;
  return session;
}

/** Creates an expert, completes his info and applies (申请入库): he is 待审核. */
export async function submittedExpert(
  app: TestApp,
  admin: TestSession,
  info: ExpertInfoBody = validExpertInfo,
) {
  const expert = await createExpertAs(admin);
  const session = await expertSession(app, expert);
  const saved = await session.request('/api/me/expert', { method: 'PUT', json: info });
  if (saved.status !== 200)
    throw new Error(`PUT /api/me/expert answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  const applied = await session.request('/api/me/expert/apply', { method: 'POST' });
  if (applied.status !== 200) throw new Error(`apply answered ${applied.status}`);
  return { ...expert, session, mine: applied.body as MyExpert };
}
