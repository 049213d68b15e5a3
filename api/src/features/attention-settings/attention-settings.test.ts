import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { submittedExpert } from '../../../test/expert-factories';
import { buildInstitution } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { AttentionSettingsModel } from './model';
import type { AttentionSettingsDto } from './schema';

let app: TestApp;
let admin: TestSession;
let expert: TestSession;
let otherAdmin: TestSession;
let enterpriseId: string;
let institutionId: string;

const valid = () => ({
  strategicIndustries: ['3', '6.3'],
  economicIndustries: ['C', '38'],
  cooperationModes: ['license_sole', 'transfer'],
  keywords: ['石墨烯', '锂电池 正极'],
  institutionIds: [institutionId],
  mailFrequency: 'weekly',
  mailWeekday: 3,
});

beforeAll(async () => {
  app = await startTestApp('attention_settings');
  const signed = await signIn(app, { role: 'enterprise_admin' });
  admin = signed.session;
  enterpriseId = signed.user.enterpriseId as string;
  expert = (await signIn(app, { role: 'expert', enterpriseId })).session;
  otherAdmin = (await signIn(app, { role: 'enterprise_admin' })).session;
  institutionId = (await buildInstitution({ name: `浙江大学${Date.now()}` }))._id.toHexString();
});
afterAll(() => app.close());

describe('关注领域设置', () => {
  it('starts a new enterprise from its registration data: the approved experts’ research fields, mail weekly', async () => {
    const { session: admin2 } = await signIn(app, { role: 'enterprise_admin' });
    const before = (await admin2.request('/api/attention-settings')).body as AttentionSettingsDto;
    expect(before).toMatchObject({ stored: false, empty: true, mailFrequency: 'weekly', mailWeekday: 1 });
    const applied = await submittedExpert(app, admin2);
    const review = await admin2.request(`/api/experts/${applied.id}/review`, {
      method: 'POST',
      json: { decision: 'approve', opinion: '同意入库' },
    });
    expect(review.status).toBe(200);
    const after = (await admin2.request('/api/attention-settings')).body as AttentionSettingsDto;
    expect(after.stored).toBe(false);
    expect(after.strategicIndustries).toEqual(['6.3', '5.2']);
    expect(after.economicIndustries).toEqual(['38']);
    expect(after.empty).toBe(false);
  });

  it('lets the admin save and every member read them; experts read-only', async () => {
    const saved = await admin.request('/api/attention-settings', { method: 'PUT', json: valid() });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      stored: true,
      editable: true,
      keywords: ['石墨烯', '锂电池 正极'],
      institutions: [{ id: institutionId }],
      mailWeekday: 3,
    });
    const read = await expert.request('/api/attention-settings');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ editable: false, cooperationModes: ['license_sole', 'transfer'] });
  });

  it('refuses an expert’s change with 403 and stores nothing', async () => {
    const before = await AttentionSettingsModel.findById(enterpriseId).lean();
    const res = await expert.request('/api/attention-settings', {
      method: 'PUT',
      json: { ...valid(), keywords: ['专家改的'] },
    });
    expect(res.status).toBe(403);
    expect((res.body as { error: string }).error).toBe('forbidden');
    expect(await AttentionSettingsModel.findById(enterpriseId).lean()).toEqual(before);
  });

  it('never shows or changes another enterprise’s settings: the session names the enterprise', async () => {
    const other = (await otherAdmin.request('/api/attention-settings')).body as AttentionSettingsDto;
    expect(other.keywords).toEqual([]);
    await otherAdmin.request('/api/attention-settings', {
      method: 'PUT',
      json: { ...valid(), keywords: ['别家'] },
    });
    const mine = (await admin.request('/api/attention-settings')).body as AttentionSettingsDto;
    expect(mine.keywords).toEqual(['石墨烯', '锂电池 正极']);
  });

  it.each([
    [
      'an unknown strategic-industry code',
      { strategicIndustries: ['3', '99.9'] },
      'body.strategicIndustries.1',
      '未知的战略性新兴产业代码',
    ],
    [
      'an unknown economic-industry code',
      { economicIndustries: ['ZZ'] },
      'body.economicIndustries.0',
      '未知的国民经济行业代码',
    ],
    ['an unknown cooperation mode', { cooperationModes: ['gift'] }, 'body.cooperationModes.0', undefined],
    [
      'too many keywords',
      { keywords: ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'] },
      'body.keywords',
      '关键词最多5个',
    ],
    ['a too long keyword', { keywords: ['超'.repeat(21)] }, 'body.keywords.0', '关键词最多20个字'],
    ['a blank keyword', { keywords: ['  '] }, 'body.keywords.0', '请填写关键词'],
    ['an unknown frequency', { mailFrequency: 'hourly' }, 'body.mailFrequency', '请选择邮件提醒频率'],
    ['a weekday out of range', { mailWeekday: 8 }, 'body.mailWeekday', '请选择每周发送日'],
    ['an unknown region', { regions: ['浙江省', '火星'] }, 'body.regions.1', '地区不存在'],
    [
      'too many regions',
      {
        regions: [
          '北京市',
          '天津市',
          '河北省',
          '山西省',
          '辽宁省',
          '吉林省',
          '上海市',
          '江苏省',
          '浙江省',
          '安徽省',
          '福建省',
        ],
      },
      'body.regions',
      '地区最多选择10个',
    ],
    [
      'an unknown institution',
      { institutionIds: ['0123456789abcdef01234567'] },
      'body.institutionIds.0',
      '高校院所不存在',
    ],
  ])('refuses %s with a field error and stores nothing', async (_name, patch, path, message) => {
    const before = await AttentionSettingsModel.findById(enterpriseId).lean();
    const res = await admin.request('/api/attention-settings', {
      method: 'PUT',
      json: { ...valid(), ...patch },
    });
    expect(res.status).toBe(400);
    const body = res.body as { error: string; fieldErrors: { path: string; message: string }[] };
    expect(body.error).toBe('validation_failed');
    const field = body.fieldErrors.find((f) => f.path === path);
    expect(field, JSON.stringify(body.fieldErrors)).toBeDefined();
    if (message) expect(field?.message).toBe(message);
    expect(await AttentionSettingsModel.findById(enterpriseId).lean()).toEqual(before);
  });
});
