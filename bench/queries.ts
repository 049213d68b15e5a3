// The benchmark's search requests: realistic 2–3-word Chinese queries an engineer would type, each in the
// technical field of the seed vocabulary it comes from, combined with two filters. Deterministic.
import { fieldByKey } from '@panhuo/api/seed/vocabulary/fields';

/** One search as the result list sends it (without paging). */
export interface SearchCase {
  /** The words typed into the search box, space separated. */
  q: string;
  /** Filter parameters, exactly as the API takes them. */
  filters: Record<string, string>;
}

/** The seed vocabulary's field and what a user of that field types. */
const typed: readonly (readonly [field: string, q: string])[] = [
  ['battery', '锂离子电池 正极材料'],
  ['artificial-intelligence', '图像识别 卷积神经网络'],
  ['environment', '污水处理 膜'],
  ['photovoltaic', '钙钛矿 太阳能电池'],
  ['new-energy-vehicle', '电动汽车 能量管理'],
  ['semiconductor', '氮化镓 晶体管'],
  ['communication', '无人机 资源分配'],
  ['biomedicine', '姜黄素 肝细胞癌'],
  ['medical-device', '心电信号 房颤检测'],
  ['advanced-materials', '石墨烯 气凝胶'],
  ['metals', '铝合金 热处理'],
  ['catalysis', '二氧化碳 加氢 甲醇'],
  ['agriculture', '水稻 抗病 基因'],
  ['intelligent-manufacturing', '机械臂 轨迹规划'],
  ['civil-engineering', '超高性能混凝土 制备方法'],
  ['aerospace', '无人机 编队控制'],
  ['food', '益生菌 发酵'],
  ['textile', '静电纺丝 纤维'],
  ['power-grid', '配电网 优化调度'],
  ['battery', '固态电解质 制备方法'],
  ['artificial-intelligence', '目标检测 注意力机制'],
  ['environment', '吸附剂 重金属'],
  ['photovoltaic', '光伏 功率预测'],
  ['new-energy-vehicle', '永磁同步电机 控制'],
  ['semiconductor', '碳化硅 MOSFET'],
  ['communication', '毫米波 波束赋形'],
  ['biomedicine', '中药组合物 糖尿病'],
  ['medical-device', '骨植入物 钛合金'],
  ['advanced-materials', '环氧树脂 导热'],
  ['metals', '高熵合金 制备方法'],
  ['catalysis', '析氢 催化剂'],
  ['agriculture', '微生物菌肥 制备'],
  ['intelligent-manufacturing', '滚动轴承 故障诊断'],
  ['civil-engineering', '盾构隧道 施工'],
  ['aerospace', '航空发动机 涡轮叶片'],
  ['food', '黄曲霉毒素 快速检测'],
  ['textile', '防水透湿 面料'],
  ['power-grid', '微电网 储能'],
];

/** The strategic emerging industry category (level 1, e.g. '5') of a vocabulary field. */
function categoryOf(fieldKey: string): string {
  const field = fieldByKey.get(fieldKey);
  const code = field?.strategic[0];
  if (!code) throw new Error(`bench: no strategic industry for vocabulary field ${fieldKey}`);
  return code.split('.')[0] ?? code;
}

/**
 * The search cases, alternating two filter pairs: the field's strategic industry category plus
 * patentType=invention, or legalStatus=valid plus validAtEnd2023=true.
 */
export function searchCases(): SearchCase[] {
  return typed.map(([field, q], i): SearchCase => ({
    q,
    filters:
      i % 2 === 0
        ? { strategicIndustries: categoryOf(field), patentType: 'invention' }
        : { legalStatus: 'valid', validAtEnd2023: 'true' },
  }));
}

/** The cases whose filters are strategicIndustries + patentType (what the regex baseline reproduces). */
export function industryCases(): SearchCase[] {
  return searchCases().filter((c) => c.filters.strategicIndustries !== undefined);
}

/** The result-list URL of a case: date sort, 20 per page unless `extra` says otherwise. */
export function searchPath(base: string, c: SearchCase, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    q: c.q,
    ...c.filters,
    sort: 'registeredAt:desc',
    size: '20',
    ...extra,
  });
  return `${base}?${params.toString()}`;
}

/** The resource library's list and export endpoints. */
export const LIST_PATH = '/api/resource-library/patents';
export const EXPORT_PATH = '/api/resource-library/export';

/** Short label of a case for tables. */
export function caseLabel(c: SearchCase): string {
  return `${c.q} | ${Object.entries(c.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
}
