import { InstitutionModel } from '../institutions/model';

/** The 34 provincial-level regions (地区 in 关注领域设置): an institution's region starts with one of them. */
export const provinces = [
  '北京市',
  '天津市',
  '河北省',
  '山西省',
  '内蒙古自治区',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '上海市',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '广西壮族自治区',
  '海南省',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '台湾省',
  '香港特别行政区',
  '澳门特别行政区',
] as const;
export type Province = (typeof provinces)[number];

/** The province of an institution's region ('浙江省杭州市' → '浙江省', '北京市' → '北京市'); null if none. Pure. */
export function provinceOf(region: string | null | undefined): Province | null {
  if (!region) return null;
  return provinces.find((p) => region.startsWith(p)) ?? null;
}

/** One institution as the settings' picker lists it. */
export interface InstitutionChoice {
  id: string;
  name: string;
  province: Province | null;
}

const ROSTER_TTL_MS = 60_000;
let roster: { at: number; list: Promise<InstitutionChoice[]> } | null = null;

/**
 * Every institution with its province, by name. Institutions are few (a few thousand) and change rarely,
 * but the 关注库 resolves 地区 on every search: one read of the collection per process and minute (a
 * FerretDB scan of small documents), not one per request. A new institution shows within a minute.
 */
export function institutionRoster(now = Date.now()): Promise<InstitutionChoice[]> {
  if (roster && now - roster.at < ROSTER_TTL_MS) return roster.list;
  const list = InstitutionModel.find({}, { name: 1, region: 1 })
    .lean<{ _id: { toHexString(): string }; name: string; region?: string | null }[]>()
    .then((docs) =>
      docs
        .map((d) => ({ id: d._id.toHexString(), name: d.name, province: provinceOf(d.region) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    );
  roster = { at: now, list };
  list.catch(() => {
    roster = null;
  });
  return list;
}

/** Forgets the cached roster (tests that add institutions and match at once). */
export function forgetInstitutionRoster(): void {
  roster = null;
}

/**
 * The institutions of the picked provinces, id → province: what a 地区 pick matches (the search document
 * carries the institution's id, not its region) and how its reason is worded.
 */
export async function regionInstitutions(regions: readonly string[]): Promise<Record<string, string>> {
  if (regions.length === 0) return {};
  const picked = new Set(regions);
  const out: Record<string, string> = {};
  for (const i of await institutionRoster()) if (i.province && picked.has(i.province)) out[i.id] = i.province;
  return out;
}
