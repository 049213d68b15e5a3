import { Types } from 'mongoose';
import { badRequest } from '../../errors';
import type { FieldError } from '../../errors';
import type { EnterpriseScope } from '../auth/scope';
import { ExpertModel } from '../experts/model';
import { InstitutionModel } from '../institutions/model';
import { AttentionSettingsModel } from './model';
import { institutionRoster, provinces } from './regions';
import { MAX_CODES } from './schema';
import type { AttentionSettingsBody, AttentionSettingsDto, MailFrequency } from './schema';

/** The settings the feed and the digest read: what is matched, and when mail goes. */
export interface AttentionSettings {
  enterpriseId: string;
  strategicIndustries: string[];
  economicIndustries: string[];
  cooperationModes: string[];
  keywords: string[];
  institutionIds: string[];
  /** 地区: provinces of the institutions. */
  regions: string[];
  mailFrequency: MailFrequency;
  mailWeekday: number;
  stored: boolean;
  updatedAt: Date | null;
}

/** True when no dimension is picked: nothing to match, the 关注库 prompts instead of listing everything. */
export function isEmptySettings(
  s: Pick<
    AttentionSettings,
    | 'strategicIndustries'
    | 'economicIndustries'
    | 'cooperationModes'
    | 'keywords'
    | 'institutionIds'
    | 'regions'
  >,
): boolean {
  return (
    s.strategicIndustries.length +
      s.economicIndustries.length +
      s.cooperationModes.length +
      s.keywords.length +
      s.institutionIds.length +
      s.regions.length ===
    0
  );
}

type ExpertFields = {
  enterpriseId: Types.ObjectId;
  status: string;
  info?: { strategicIndustries?: string[]; economicIndustries?: string[] } | null;
};

/** The initial settings from the research fields of an enterprise's experts (only the approved count). */
function initialFrom(enterpriseId: Types.ObjectId, experts: readonly ExpertFields[]): AttentionSettings {
  const strategic = new Set<string>();
  const economic = new Set<string>();
  for (const expert of experts) {
    if (expert.status !== 'approved') continue;
    for (const code of expert.info?.strategicIndustries ?? []) strategic.add(code);
    for (const code of expert.info?.economicIndustries ?? []) economic.add(code);
  }
  return {
    enterpriseId: enterpriseId.toHexString(),
    strategicIndustries: [...strategic].slice(0, MAX_CODES),
    economicIndustries: [...economic].slice(0, MAX_CODES),
    cooperationModes: [],
    keywords: [],
    institutionIds: [],
    regions: [],
    mailFrequency: 'weekly',
    mailWeekday: 1,
    stored: false,
    updatedAt: null,
  };
}

const expertFields = {
  enterpriseId: 1,
  status: 1,
  'info.strategicIndustries': 1,
  'info.economicIndustries': 1,
};

/**
 * The settings of an enterprise that never saved any, from its registration data: the research fields
 * (战略性新兴产业, 国民经济行业) its approved experts registered in their 专家信息, mail 每周 on Monday.
 * The enterprise's own registration (实名认证: name, credit code, 企业类别, licence) names no field, so
 * this is the closest registered statement of what it works on. One indexed equality read.
 */
async function initialSettings(enterpriseId: Types.ObjectId): Promise<AttentionSettings> {
  const experts = await ExpertModel.find({ enterpriseId }, expertFields).lean<ExpertFields[]>();
  return initialFrom(enterpriseId, experts);
}

/**
 * The initial settings of many enterprises at once (the digest: every enterprise without stored settings
 * is mailed from them, as its 关注库 shows them): one read of the approved experts, grouped here.
 */
export async function initialSettingsOf(
  enterpriseIds: readonly Types.ObjectId[],
): Promise<AttentionSettings[]> {
  if (enterpriseIds.length === 0) return [];
  const experts = await ExpertModel.find({ status: 'approved' }, expertFields).lean<ExpertFields[]>();
  const byEnterprise = new Map<string, ExpertFields[]>();
  for (const expert of experts) {
    const key = expert.enterpriseId.toHexString();
    byEnterprise.set(key, [...(byEnterprise.get(key) ?? []), expert]);
  }
  return enterpriseIds.map((id) => initialFrom(id, byEnterprise.get(id.toHexString()) ?? []));
}

/** The enterprise's settings (stored, or the initial ones). Read by `_id`. */
export async function loadSettings(enterpriseId: Types.ObjectId): Promise<AttentionSettings> {
  const doc = await AttentionSettingsModel.findById(enterpriseId).lean();
  if (!doc) return initialSettings(enterpriseId);
  return {
    enterpriseId: enterpriseId.toHexString(),
    strategicIndustries: doc.strategicIndustries,
    economicIndustries: doc.economicIndustries,
    cooperationModes: doc.cooperationModes,
    keywords: doc.keywords,
    institutionIds: doc.institutionIds.map((id) => id.toHexString()),
    regions: doc.regions ?? [],
    mailFrequency: doc.mailFrequency as MailFrequency,
    mailWeekday: doc.mailWeekday,
    stored: true,
    updatedAt: doc.updatedAt,
  };
}

/** Names of institutions by id (each read by `_id`); unknown ids are left out. */
async function institutionNames(ids: readonly string[]): Promise<Map<string, string>> {
  const found = await Promise.all(
    ids.map((id) => InstitutionModel.findById(id, { name: 1 }).lean<{ _id: Types.ObjectId; name: string }>()),
  );
  return new Map(found.filter((i) => i !== null).map((i) => [i._id.toHexString(), i.name]));
}

/** The settings as the API presents them to a caller of the enterprise. */
export async function presentSettings(
  settings: AttentionSettings,
  editable: boolean,
): Promise<AttentionSettingsDto> {
  const [names, roster] = await Promise.all([institutionNames(settings.institutionIds), institutionRoster()]);
  return {
    strategicIndustries: settings.strategicIndustries,
    economicIndustries: settings.economicIndustries,
    cooperationModes: settings.cooperationModes,
    keywords: settings.keywords,
    institutionIds: settings.institutionIds,
    institutions: settings.institutionIds
      .filter((id) => names.has(id))
      .map((id) => ({ id, name: names.get(id) ?? '' })),
    regions: settings.regions,
    choices: { institutions: roster, regions: [...provinces] },
    mailFrequency: settings.mailFrequency,
    mailWeekday: settings.mailWeekday,
    stored: settings.stored,
    empty: isEmptySettings(settings),
    editable,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/**
 * Saves the whole 关注领域设置 of the caller's enterprise (the scope, never the request, names it). Every
 * institution must exist: an unknown id is a field error on its position and nothing is written.
 */
export async function saveSettings(
  scope: EnterpriseScope,
  body: AttentionSettingsBody,
): Promise<AttentionSettings> {
  const names = await institutionNames(body.institutionIds);
  const unknown: FieldError[] = body.institutionIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !names.has(id))
    .map(({ i }) => ({ path: `body.institutionIds.${i}`, message: '高校院所不存在' }));
  if (unknown.length > 0) throw badRequest('所选高校院所不存在', unknown);
  await AttentionSettingsModel.updateOne(
    { _id: scope.enterpriseId },
    {
      $set: {
        strategicIndustries: body.strategicIndustries,
        economicIndustries: body.economicIndustries,
        cooperationModes: body.cooperationModes,
        keywords: body.keywords,
        institutionIds: body.institutionIds.map((id) => new Types.ObjectId(id)),
        regions: body.regions,
        mailFrequency: body.mailFrequency,
        mailWeekday: body.mailWeekday,
        updatedBy: scope.actorId,
      },
    },
    { upsert: true, runValidators: true },
  );
  return loadSettings(scope.enterpriseId);
}
