/**
 * 关注领域设置 as GET/PUT /api/attention-settings answer it (the API validates it: attention-settings/
 * schema.ts there), shared by the settings page and the 关注库 page.
 */
export interface AttentionSettings {
  strategicIndustries: string[];
  economicIndustries: string[];
  cooperationModes: string[];
  keywords: string[];
  institutionIds: string[];
  institutions: { id: string; name: string }[];
  /** 地区: provinces of the institutions. */
  regions: string[];
  /** What the form offers: every institution (with its province) and the provinces. */
  choices: { institutions: { id: string; name: string; province: string | null }[]; regions: string[] };
  mailFrequency: 'weekly' | 'daily' | 'off';
  mailWeekday: number;
  /** False: the initial settings (from the enterprise's registration data), never saved. */
  stored: boolean;
  /** Nothing picked: the 关注库 prompts instead of listing. */
  empty: boolean;
  /** The caller may change them (企业管理员). */
  editable: boolean;
  updatedAt: string | null;
}

/** Limits the form states (the API enforces them). */
export const MAX_KEYWORDS = 5;
export const KEYWORD_MAX = 20;

export const mailFrequencyOptions = [
  { value: 'weekly', label: '每周' },
  { value: 'daily', label: '每日' },
  { value: 'off', label: '关闭' },
] as const;

export const weekdayOptions = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'].map((label, i) => ({
  value: String(i + 1),
  label,
}));

/** Keywords as typed in one box: separated by commas (either width), 、 or new lines; blanks dropped. */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((k) => k.trim())
    .filter((k) => k !== '');
}
