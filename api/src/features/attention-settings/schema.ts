import { z } from 'zod';
import { objectIdSchema } from '@panhuo/domain/object-id';
import { plainText } from '@panhuo/domain/text';
import { cooperationModeSchema } from '@panhuo/domain/taxonomies/cooperation-modes';
import { economicIndustryCodeSchema } from '@panhuo/domain/taxonomies/economic-industries';
import { strategicIndustryCodeSchema } from '@panhuo/domain/taxonomies/strategic-industries';
import { provinces } from './regions';

/** E-mail frequency of the 关注库 digest: 每周 (default), 每日, 关闭. */
export const mailFrequencies = ['weekly', 'daily', 'off'] as const;
export type MailFrequency = (typeof mailFrequencies)[number];
export const mailFrequencyLabels: Readonly<Record<MailFrequency, string>> = {
  weekly: '每周',
  daily: '每日',
  off: '关闭',
};

/** At most this many keywords, each at most KEYWORD_MAX characters: a few words or phrases, not a text. */
export const MAX_KEYWORDS = 5;
export const KEYWORD_MAX = 20;
/** At most this many picks per taxonomy, and institutions. */
export const MAX_CODES = 30;
export const MAX_INSTITUTIONS = 20;
export const MAX_REGIONS = 10;

const unique = <T>(values: T[]) => [...new Set(values)];

const codes = <S extends z.ZodType<string>>(code: S, label: string) =>
  z
    .array(code, { error: `${label}应为列表` })
    .max(MAX_CODES, { error: `${label}最多选择${MAX_CODES}项` })
    .transform(unique);

/**
 * PUT /api/attention-settings: the whole 关注领域设置. Codes are checked against the taxonomies of
 * `domain/` (either level of 战略性新兴产业, 门类 or 大类 of 国民经济行业); duplicates are dropped.
 */
export const attentionSettingsBodySchema = z.object({
  strategicIndustries: codes(strategicIndustryCodeSchema, '关心的战略性新兴产业领域'),
  economicIndustries: codes(economicIndustryCodeSchema, '关心的国民经济行业'),
  cooperationModes: z
    .array(cooperationModeSchema, { error: '关心合作方式应为列表' })
    .max(10)
    .transform(unique),
  keywords: z
    .array(plainText({ label: '关键词', max: KEYWORD_MAX }), { error: '关键词应为列表' })
    .max(MAX_KEYWORDS, { error: `关键词最多${MAX_KEYWORDS}个` })
    .transform(unique),
  institutionIds: z
    .array(objectIdSchema, { error: '高校院所应为列表' })
    .max(MAX_INSTITUTIONS, { error: `高校院所最多选择${MAX_INSTITUTIONS}个` })
    .transform(unique),
  /** 地区: provinces of the institutions (省、自治区、直辖市、特别行政区). Optional for older clients. */
  regions: z
    .array(z.enum(provinces, { error: '地区不存在' }), { error: '地区应为列表' })
    .max(MAX_REGIONS, { error: `地区最多选择${MAX_REGIONS}个` })
    .default([])
    .transform(unique),
  mailFrequency: z.enum(mailFrequencies, { error: '请选择邮件提醒频率' }),
  mailWeekday: z
    .number({ error: '请选择每周发送日' })
    .int({ error: '请选择每周发送日' })
    .min(1, { error: '请选择每周发送日' })
    .max(7, { error: '请选择每周发送日' }),
});
export type AttentionSettingsBody = z.output<typeof attentionSettingsBodySchema>;

/** The settings as the API presents them. `stored` false: the initial settings, never saved yet. */
export const attentionSettingsDtoSchema = z.object({
  strategicIndustries: z.array(z.string()),
  economicIndustries: z.array(z.string()),
  cooperationModes: z.array(z.string()),
  keywords: z.array(z.string()),
  institutionIds: z.array(z.string()),
  institutions: z.array(z.object({ id: z.string(), name: z.string() })),
  regions: z.array(z.string()),
  /** What the form offers: every institution (by name, with its province) and the provinces. */
  choices: z.object({
    institutions: z.array(z.object({ id: z.string(), name: z.string(), province: z.string().nullable() })),
    regions: z.array(z.string()),
  }),
  mailFrequency: z.enum(mailFrequencies),
  mailWeekday: z.number().int(),
  stored: z.boolean(),
  /** True when nothing is picked: the 关注库 then shows a prompt rather than a list. */
  empty: z.boolean(),
  /** Whether the caller may change them (企业管理员). */
  editable: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type AttentionSettingsDto = z.infer<typeof attentionSettingsDtoSchema>;
