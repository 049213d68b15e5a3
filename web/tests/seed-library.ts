import { loadConfig } from '@panhuo/api/config';
import { PatentModel } from '@panhuo/api/features/patents/model';
import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { PortfolioModel } from '@panhuo/api/features/patents/portfolio-model';
import { createEsClient, deleteIndicesMatching } from '@panhuo/api/infra/elasticsearch';
import { connectMongo } from '@panhuo/api/infra/mongo';
import { buildInstitution, buildPatent } from '@panhuo/api/test/factories';
import { computeCheckDigit } from '@panhuo/domain/patents/application-number';
import { reindexPatents } from '@panhuo/indexer/reindex';

/**
 * Test data of the browser suite: ~40 realistic patents in four fields (power batteries, water treatment,
 * AI imaging, biomedicine) from four institutions, and one portfolio, written through the API's own models
 * into the database and index prefix the harness's API process uses (global-setup.ts), then indexed with
 * the indexer's reindex. Every patent list, facet count and export in the tests reads this data.
 */

export const DB = 'panhuo_web_browser';
export const PREFIX = 'panhuo-web-browser';

/** One seeded field of technology, with what the tests assert about it. */
interface Field {
  /** A word every title of the field contains and no other patent mentions. */
  keyword: string;
  titles: string[];
  abstract: (title: string) => string;
  ipc: string[];
  strategic: string[];
  economic: string[];
  scenarios: string;
}

const fields: Field[] = [
  {
    keyword: '电池',
    titles: [
      '一种石墨烯改性锂离子电池正极材料的制备方法',
      '一种高镍三元锂离子电池电解液添加剂及其应用',
      '一种固态锂电池复合电解质膜及其制备方法',
      '一种钠离子电池硬碳负极材料的制备方法',
      '一种动力电池包热管理系统及控制方法',
      '一种锂离子电池硅碳负极的预锂化方法',
      '一种退役动力电池梯次利用的健康状态评估方法',
      '一种磷酸铁锂电池正极浆料的分散工艺',
      '一种锂硫电池隔膜涂层材料及其制备方法',
      '一种电池模组的快速均衡电路',
      '一种柔性锌离子电池及其制备方法',
      '一种锂离子电池极片辊压缺陷在线检测装置',
    ],
    abstract: (title) =>
      `本发明公开了${title.replace(/^一种/, '一种')}，通过优化材料结构与工艺参数，显著提升了电池的能量密度、循环寿命和安全性能，适用于新能源汽车动力电池和储能系统。`,
    ipc: ['H01M 4/36', 'H01M 10/0525'],
    strategic: ['5', '5.2'],
    economic: ['C', '38'],
    scenarios: '新能源汽车动力电池、电化学储能电站',
  },
  {
    keyword: '污水',
    titles: [
      '一种基于膜生物反应器的污水处理方法',
      '一种高氨氮污水的短程硝化反硝化脱氮工艺',
      '一种农村分散式生活污水一体化处理设备',
      '一种工业污水中重金属离子的吸附去除方法',
      '一种污水厂污泥低温干化装置',
      '一种基于电催化氧化的印染污水深度处理方法',
      '一种城市污水管网溢流监测预警系统',
      '一种含油污水的气浮分离装置',
      '一种污水处理用复合絮凝剂及其制备方法',
      '一种垃圾渗滤液与污水协同处理工艺',
    ],
    abstract: (title) =>
      `本发明涉及水处理技术领域，公开了${title.replace(/^一种/, '一种')}，能够稳定去除化学需氧量和氨氮，出水水质达到一级A排放标准，运行能耗低。`,
    ipc: ['C02F 3/12', 'C02F 1/28'],
    strategic: ['7', '7.2'],
    economic: ['N', '77'],
    scenarios: '市政污水处理厂、工业园区废水治理',
  },
  {
    keyword: '图像',
    titles: [
      '一种基于深度学习的医学图像分割方法',
      '一种遥感图像目标检测方法及系统',
      '一种低照度图像增强的神经网络模型训练方法',
      '一种基于注意力机制的工业缺陷图像识别方法',
      '一种多模态图像融合的自动驾驶感知方法',
      '一种图像超分辨率重建方法及装置',
      '一种基于图像的农作物病虫害识别系统',
      '一种视频图像中行人重识别方法',
      '一种面向边缘设备的轻量化图像分类模型压缩方法',
      '一种文档图像版面分析方法',
    ],
    abstract: (title) =>
      `本发明属于人工智能技术领域，公开了${title.replace(/^一种/, '一种')}，采用卷积神经网络提取特征，在公开数据集上的准确率和推理速度均优于现有方法。`,
    ipc: ['G06T 7/00', 'G06N 3/08'],
    strategic: ['1', '1.5'],
    economic: ['I', '65'],
    scenarios: '智能制造质检、智慧医疗影像辅助诊断',
  },
  {
    keyword: '药物',
    titles: [
      '一种抗肿瘤靶向药物递送纳米载体及其制备方法',
      '一种治疗2型糖尿病的中药复方药物组合物',
      '一种缓释型降压药物微球的制备方法',
      '一种抗菌肽药物及其在耐药菌感染中的应用',
      '一种透皮给药药物贴剂及其制备工艺',
      '一种用于阿尔茨海默病的小分子药物化合物',
      '一种药物晶型筛选的高通量方法',
      '一种眼用药物原位凝胶制剂',
    ],
    abstract: (title) =>
      `本发明公开了${title.replace(/^一种/, '一种')}，经动物实验验证具有良好的疗效和安全性，制备工艺简单，适合工业化生产。`,
    ipc: ['A61K 9/51', 'A61P 35/00'],
    strategic: ['4', '4.1'],
    economic: ['C', '27'],
    scenarios: '创新药研发、制剂生产企业',
  },
];

const institutions = [
  { name: '浙江大学', kind: 'university' as const, region: '浙江省杭州市' },
  { name: '同济大学', kind: 'university' as const, region: '上海市' },
  { name: '中国科学院大连化学物理研究所', kind: 'institute' as const, region: '辽宁省大连市' },
  { name: '华中科技大学', kind: 'university' as const, region: '湖北省武汉市' },
];

const maturities = ['lab', 'bench', 'pilot', 'small_batch', 'mass_production'];
const modeSets = [
  ['transfer', 'license_general'],
  ['license_exclusive'],
  ['transfer'],
  ['equity', 'joint_development'],
  ['open_license'],
];
const inventors = ['王建国', '李明', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽'];

/** What the tests need to know about the seeded data. */
export interface SeededLibrary {
  total: number;
  /** Per field keyword: how many patents have it in their title. */
  keywordCounts: Record<string, number>;
  /** Per field keyword: how many of its patents are 审中 (pending). */
  pendingCounts: Record<string, number>;
  utilityModels: number;
  pending: number;
  portfolio: { id: string; name: string; patentIds: string[] };
  /** A patent with every optional field and a full 建档信息. */
  sample: { id: string; title: string; applicationNumber: string; publicationNumber: string };
}

let connection: Awaited<ReturnType<typeof connectMongo>> | null = null;

function config() {
  return loadConfig({ ...process.env, MONGODB_DB: DB, ES_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' });
}

/** An application number of the given year and serial with its check digit. */
function applicationNumber(year: number, serial: number, utility: boolean): string {
  const digits = `${year}${utility ? '2' : '1'}${String(10_000_000 + serial).slice(1)}`;
  return `${digits}.${computeCheckDigit(digits)}`;
}

/**
 * Drops anything a previous run left, then writes the patents, the portfolio and the index. The API
 * process reads the same database and index alias, so the pages see the data as soon as this resolves.
 */
export async function seedLibrary(): Promise<SeededLibrary> {
  const cfg = config();
  connection = await connectMongo(cfg);
  await connection.connection.dropDatabase();
  const es = createEsClient(cfg);
  await deleteIndicesMatching(es, `${PREFIX}-*`);
  for (const institution of institutions) await buildInstitution(institution);

  const created: PatentDoc[] = [];
  let serial = 0;
  for (const [f, field] of fields.entries()) {
    for (const [i, title] of field.titles.entries()) {
      serial += 1;
      const utility = i % 4 === 3;
      const institution = institutions[(f + i) % institutions.length]!;
      const year = 2019 + (i % 5);
      const registeredAt = new Date(Date.UTC(2023, 0, 5) + serial * 23 * 86_400_000 + serial * 3_600_000);
      const patent = await buildPatent({
        applicationNumber: applicationNumber(year, serial * 7919, utility),
        applicationDate: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String(((serial * 3) % 27) + 1).padStart(2, '0')}`,
        publicationNumber: `CN${113_000_000 + serial * 1_237}${utility ? 'U' : 'A'}`,
        publicationDate: `${year + 1}-0${(i % 9) + 1}-15`,
        ...(i % 3 === 0 ? { grantDate: `${year + 2}-03-20` } : {}),
        patentType: utility ? 'utility_model' : 'invention',
        title,
        abstract: field.abstract(title),
        claims: `1.${title.replace(/^一种/, '一种')}，其特征在于，包括以下步骤：S1，原料预处理；S2，反应与成型；S3，后处理与检测。`,
        ipcMain: field.ipc[0]!,
        ipcCodes: field.ipc,
        legalStatus: i % 5 === 4 ? 'pending' : 'valid',
        applicants: [institution.name],
        currentAssignees: [institution.name],
        inventors: [inventors[serial % 8]!, inventors[(serial + 3) % 8]!],
        address: `${institution.region}${institution.name}`,
        agency: '杭州求是专利事务所有限公司',
        agents: ['周律师'],
        institutionName: institution.name,
        institutionKind: institution.kind,
        registeredAt,
        strategicIndustries: field.strategic,
        economicIndustries: field.economic,
        industriesDerived: i % 2 === 0,
        cooperationModes: modeSets[serial % modeSets.length]!,
        validAtEnd2023: i % 5 !== 4,
        dossier: {
          maturity: maturities[serial % maturities.length]!,
          scenarios: field.scenarios,
          contact: `${inventors[serial % 8]!.slice(0, 1)}老师 0571-8795${String(1000 + serial)}`,
          terms: i % 2 === 0 ? '转让价格面议，可分期付款' : '许可费用面议',
        },
      });
      created.push(patent);
    }
  }

  // 组合专利: three 浙江大学 battery patents offered together.
  const batteries = created
    .filter((p) => p.title.includes('电池') && p.institutionName === '浙江大学')
    .slice(0, 3);
  const portfolio = await PortfolioModel.create({
    name: '高比能锂离子电池关键材料专利组合',
    description: '涵盖正极材料改性、电解液添加剂与负极预锂化的配套专利，可整体转让或许可。',
    institutionId: batteries[0]!.institutionId,
    institutionName: '浙江大学',
    patentIds: batteries.map((p) => p._id),
  });
  await PatentModel.updateMany(
    { _id: { $in: batteries.map((p) => p._id) } },
    { $set: { portfolioIds: [portfolio._id] }, $inc: { rev: 1 } },
  );

  await reindexPatents(es, PREFIX);
  await es.close();

  const sample = created[0]!;
  return {
    total: created.length,
    keywordCounts: Object.fromEntries(
      fields.map((field) => [field.keyword, created.filter((p) => p.title.includes(field.keyword)).length]),
    ),
    pendingCounts: Object.fromEntries(
      fields.map((field) => [
        field.keyword,
        created.filter((p) => p.title.includes(field.keyword) && p.legalStatus === 'pending').length,
      ]),
    ),
    utilityModels: created.filter((p) => p.patentType === 'utility_model').length,
    pending: created.filter((p) => p.legalStatus === 'pending').length,
    portfolio: {
      id: portfolio._id.toHexString(),
      name: portfolio.name,
      patentIds: batteries.map((p) => p._id.toHexString()),
    },
    sample: {
      id: sample._id.toHexString(),
      title: sample.title,
      applicationNumber: sample.applicationNumber,
      publicationNumber: sample.publicationNumber ?? '',
    },
  };
}

/**
 * Adds `count` more patents (copies of the first, new numbers) and reindexes: for the export of more than
 * 1000 matches. The copies are titled 批量导出测试专利 so no keyword test sees them.
 */
export async function addBulkPatents(count: number): Promise<void> {
  const base = await PatentModel.findOne({}).lean<PatentDoc>();
  if (!base) throw new Error('seedLibrary first');
  const { _id: _drop, ...rest } = base;
  const copies = Array.from({ length: count }, (_, i) => ({
    ...rest,
    applicationNumber: applicationNumber(2022, 500_000 + i, false),
    title: `批量导出测试专利${i + 1}`,
    abstract: '用于验证导出条数限制的测试数据。',
    portfolioIds: [],
    rev: 1,
  }));
  await PatentModel.insertMany(copies);
  const es = createEsClient(config());
  await reindexPatents(es, PREFIX);
  await es.close();
}

/** Drops the suite's database and deletes its indices. */
export async function dropLibrary(): Promise<void> {
  const cfg = config();
  const es = createEsClient(cfg);
  await deleteIndicesMatching(es, `${PREFIX}-*`).catch(() => undefined);
  await es.close();
  if (connection) {
    await connection.connection.dropDatabase().catch(() => undefined);
    await connection.disconnect();
    connection = null;
  }
}
