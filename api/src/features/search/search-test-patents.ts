import { computeCheckDigit } from '@panhuo/domain/patents/application-number';
import { patentSchema } from '@panhuo/domain/patents/patent';
import type { Patent } from '@panhuo/domain/patents/patent';
import { withEconomicSections } from '@panhuo/domain/taxonomies/economic-industries';
import { ipcFacets } from '@panhuo/domain/taxonomies/ipc';
import { withStrategicParents } from '@panhuo/domain/taxonomies/strategic-industries';
import { facetCodesOf } from './facet-codes';

/**
 * Test data for search.test.ts only: 30 registered patents written like real ones, validated against the
 * domain schema so they have exactly the shape the indexer produces (facet codes included).
 */

export const institutions = [
  { id: '65a000000000000000000001', name: '清华大学', kind: 'university' },
  { id: '65a000000000000000000002', name: '浙江大学', kind: 'university' },
  { id: '65a000000000000000000003', name: '中国科学院大连化学物理研究所', kind: 'institute' },
] as const;

/** A test patent as written by hand; testPatentDoc fills in the rest. */
export interface Draft {
  title: string;
  abstract: string;
  claims?: string;
  institution: 0 | 1 | 2;
  type?: 'invention' | 'utility_model' | 'design';
  status?: 'valid' | 'pending' | 'invalid';
  ipc: string[];
  strategic: string[];
  economic: string[];
  modes?: Patent['cooperationModes'];
  valid2023?: boolean;
  applied: string;
  registered: string;
}

const typeDigit = { invention: '1', utility_model: '2', design: '3' } as const;

/** A draft as its Elasticsearch document (`n` makes its id and application number unique). */
export function testPatentDoc(draft: Draft, n: number): Patent & { rev: number; facetCodes: string[] } {
  const type = draft.type ?? 'invention';
  const digits = `${draft.applied.slice(0, 4)}${typeDigit[type]}${String(1_000_000 + n * 7919).padStart(7, '0')}`;
  const institution = institutions[draft.institution];
  const patent = patentSchema.parse({
    id: `65b0000000000000000000${n.toString(16).padStart(2, '0')}`,
    applicationNumber: `${digits}.${computeCheckDigit(digits)}`,
    applicationDate: draft.applied,
    patentType: type,
    title: draft.title,
    abstract: draft.abstract,
    claims: draft.claims ?? `1.${draft.title}，其特征在于，包括以下步骤。`,
    ipcMain: draft.ipc[0],
    ipcCodes: draft.ipc,
    ...ipcFacets(draft.ipc),
    legalStatus: draft.status ?? 'valid',
    applicants: [institution.name],
    currentAssignees: [institution.name],
    inventors: ['张伟', '李娜'],
    address: '北京市海淀区',
    agency: '北京某知识产权代理有限公司',
    agents: ['王芳'],
    institutionId: institution.id,
    institutionName: institution.name,
    institutionKind: institution.kind,
    registeredAt: draft.registered,
    strategicIndustries: withStrategicParents(draft.strategic),
    economicIndustries: withEconomicSections(draft.economic),
    industriesDerived: false,
    cooperationModes: draft.modes ?? ['transfer'],
    validAtEnd2023: draft.valid2023 ?? true,
    dossier: { maturity: 'pilot', contact: '技术转移中心 010-00000000' },
    portfolioIds: [],
  });
  return { ...patent, rev: 1, facetCodes: facetCodesOf(patent) };
}

const drafts: Draft[] = [
  // 0–2: 石墨烯 — exact in the title, exact in the abstract only, and only 石墨 + 烯 apart.
  {
    title: '一种石墨烯导热膜及其制备方法',
    abstract:
      '本发明公开了一种石墨烯导热膜，由氧化石墨烯经还原和高温石墨化处理制得，导热系数高，适用于电子器件散热。',
    institution: 0,
    ipc: ['C01B 32/184', 'H05K 7/20'],
    strategic: ['3.6'],
    economic: ['26'],
    applied: '2017-07-20',
    registered: '2024-03-01T02:00:00Z',
  },
  {
    title: '一种高导热聚合物复合材料',
    abstract: '本发明提供一种高导热聚合物复合材料，在环氧树脂基体中添加少量石墨烯片，显著提高导热性能。',
    institution: 1,
    ipc: ['C08L 63/00'],
    strategic: ['3.3'],
    economic: ['29'],
    applied: '2018-03-12',
    registered: '2024-05-10T03:00:00Z',
  },
  {
    title: '石墨电极表面涂覆含烯键聚合物的改性方法',
    abstract:
      '本发明涉及石墨电极的改性，先清洗石墨电极表面，再涂覆含烯键的聚合物，石墨颗粒之间形成交联网络，烯键聚合后提高石墨电极的稳定性。',
    institution: 2,
    ipc: ['H01M 4/133'],
    strategic: ['3.4'],
    economic: ['30'],
    applied: '2016-11-02',
    registered: '2023-12-20T08:00:00Z',
  },
  // 3–5: 锂电池 正极材料.
  {
    title: '一种锂电池正极材料及其制备方法',
    abstract:
      '本发明公开了一种锂电池正极材料，通过共沉淀法制备前驱体并高温烧结，提高了正极材料的循环稳定性。',
    institution: 0,
    ipc: ['H01M 4/505', 'H01M 10/0525'],
    strategic: ['5.2', '3.6'],
    economic: ['38'],
    modes: ['license_general', 'license_exclusive'],
    applied: '2019-05-06',
    registered: '2024-06-30T15:30:00Z',
  },
  {
    title: '一种钠离子电池正极材料',
    abstract: '本发明提供一种钠离子电池正极材料，可部分替代锂资源，材料成本低，适用于大规模储能电池。',
    institution: 1,
    ipc: ['H01M 4/58'],
    strategic: ['6.5'],
    economic: ['38'],
    type: 'invention',
    status: 'pending',
    valid2023: false,
    applied: '2022-08-15',
    registered: '2024-06-30T16:30:00Z',
  },
  {
    title: '高镍三元锂电池正极材料的包覆改性方法',
    abstract: '本发明在高镍三元锂电池正极材料表面包覆氧化铝层，抑制副反应，提高锂电池的安全性。',
    institution: 2,
    ipc: ['H01M 4/525'],
    strategic: ['5.2'],
    economic: ['38'],
    modes: ['license_sole'],
    applied: '2020-01-09',
    registered: '2025-01-15T01:00:00Z',
  },
  // 6–7: 图像识别 深度学习.
  {
    title: '基于深度学习的图像识别方法',
    abstract: '本发明公开了一种基于深度学习的图像识别方法，利用卷积神经网络提取特征，识别准确率高。',
    institution: 0,
    ipc: ['G06V 10/82', 'G06N 3/08'],
    strategic: ['1.5'],
    economic: ['65'],
    modes: ['open_license'],
    applied: '2021-04-18',
    registered: '2025-02-01T06:00:00Z',
  },
  {
    title: '一种深度神经网络学习率调整与图像分类识别系统',
    abstract: '本系统根据训练损失调整深度神经网络的学习率，并将其用于图像分类和目标识别。',
    institution: 1,
    ipc: ['G06N 3/04'],
    strategic: ['1.5', '1.3'],
    economic: ['65'],
    status: 'invalid',
    valid2023: false,
    applied: '2019-09-30',
    registered: '2023-10-08T02:00:00Z',
  },
  // 8–9: 污水处理.
  {
    title: '一种城镇污水处理一体化装置',
    abstract: '本实用新型公开了一种城镇污水处理一体化装置，包括格栅池、厌氧池、好氧池和沉淀池，占地面积小。',
    institution: 1,
    type: 'utility_model',
    ipc: ['C02F 9/14'],
    strategic: ['7.2'],
    economic: ['77'],
    modes: ['transfer', 'equity'],
    applied: '2020-06-01',
    registered: '2024-09-09T09:00:00Z',
  },
  {
    title: '一种城镇污水的生物处理装置',
    abstract: '本实用新型涉及城镇污水的生物处理，利用生物膜降解有机物，运行费用低。',
    institution: 2,
    type: 'utility_model',
    ipc: ['C02F 3/10'],
    strategic: ['7.2'],
    economic: ['77'],
    applied: '2018-10-10',
    registered: '2023-06-18T04:00:00Z',
  },
  // 10–29: the rest of a realistic mix, for filters, facets, sorting and paging.
  ...(
    [
      ['一种风力发电机叶片除冰装置', 'F03D 80/40', '6.2', '38', 1, 'utility_model'],
      ['一种钙钛矿太阳能电池及其制备方法', 'H01L 31/18', '6.3', '39', 0, 'invention'],
      ['一种基于区块链的数据共享方法', 'H04L 9/32', '1.4', '65', 1, 'invention'],
      ['一种轨道交通车辆转向架检测装置', 'B61K 9/00', '2.4', '37', 2, 'utility_model'],
      ['一种靶向抗肿瘤药物组合物', 'A61K 31/506', '4.1', '27', 0, 'invention'],
      ['一种智能巡检机器人', 'B25J 11/00', '2.1', '35', 1, 'invention'],
      ['一种高强度铝合金及其热处理工艺', 'C22C 21/10', '3.2', '32', 2, 'invention'],
      ['一种水稻抗病基因及其应用', 'C12N 15/82', '4.3', '01', 0, 'invention'],
      ['一种电动汽车电池管理系统', 'B60L 58/12', '5.2', '36', 1, 'invention'],
      ['一种台灯', 'F21V 21/06', '8.3', '38', 2, 'design'],
      ['一种废旧锂电池回收方法', 'C22B 7/00', '7.3', '42', 0, 'invention'],
      ['一种土壤重金属修复剂', 'B09C 1/08', '7.2', '77', 1, 'invention'],
      ['一种卫星导航定位增强方法', 'G01S 19/07', '2.3', '63', 2, 'invention'],
      ['一种碳纤维复合材料成型模具', 'B29C 70/44', '3.5', '29', 0, 'utility_model'],
      ['一种智能电网故障定位方法', 'H02J 3/00', '6.5', '44', 1, 'invention'],
      ['一种核电站管道焊缝检测装置', 'G01N 29/04', '6.1', '40', 2, 'utility_model'],
      ['一种医用可降解镁合金支架', 'A61L 31/02', '4.2', '27', 0, 'invention'],
      ['一种数字文物三维展示系统', 'G06T 17/00', '8.2', '65', 1, 'invention'],
      ['一种海上风电基础防腐涂层', 'C09D 5/08', '2.5', '26', 2, 'invention'],
      ['一种科技成果转化服务平台', 'G06Q 50/18', '9.1', '75', 0, 'invention'],
    ] as const
  ).map(([title, ipc, strategic, economic, institution, type], i): Draft => ({
    title,
    abstract: `本发明涉及${title.replace(/^一种/, '')}，结构简单，成本低，便于推广应用。`,
    institution,
    type,
    status: i % 5 === 0 ? 'pending' : i % 7 === 0 ? 'invalid' : 'valid',
    ipc: [ipc],
    strategic: [strategic],
    economic: [economic],
    modes: i % 3 === 0 ? ['transfer'] : i % 3 === 1 ? ['license_general', 'equity'] : ['joint_development'],
    valid2023: i % 4 !== 0,
    applied: `${2015 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`,
    registered: `202${2 + (i % 4)}-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-0${1 + (i % 9)}T0${i % 10}:00:00Z`,
  })),
];

/** The 30 test patents, each as its Elasticsearch document. */
export const testPatents = drafts.map(testPatentDoc);
