import type { EnterpriseCategory } from '@panhuo/domain/taxonomies/enterprise-categories';
import type { ExpertInfoBody } from '@panhuo/domain/experts/forms';
import type { ExpertStatus, ReviewDecision } from '@panhuo/domain/experts/status';

/** The password of every demo login (satisfies the password rule). */
export const demoPassword = 'Panhuo2026!';

/** An expert of a demo enterprise, in the state the demo needs. */
export interface DemoExpert {
  account: string;
  name: string;
  phone: string;
  position: string;
  department: string;
  status: ExpertStatus;
  /** False leaves the first-login profile (部门职务, 手机号, 单位邮箱) to be completed at login. */
  profileComplete: boolean;
  frozen: boolean;
  info: ExpertInfoBody | null;
  /** The review history, oldest first; each review decides one application (round 1, 2, …). */
  reviews: readonly { decision: ReviewDecision; opinion: string }[];
}

/** A demo enterprise with its admin and its experts. */
export interface DemoEnterprise {
  name: string;
  /** First 17 characters of the 统一社会信用代码; the check character is computed. */
  creditCode17: string;
  category: EnterpriseCategory;
  emailDomain: string;
  admin: { account: string; name: string; department: string; position: string; phone: string };
  experts: readonly DemoExpert[];
}

interface ExpertSketch {
  names: readonly [string, string, string, string, string];
  phones: string;
  department: string;
  positions: readonly [string, string, string, string, string];
  info: ExpertInfoBody;
  rejectOpinion: string;
}

/** Five experts, one per state: 待完善信息, 待审核, 已通过 (after a first rejection), 未通过, 冻结. */
function expertsOf(n: number, sketch: ExpertSketch): DemoExpert[] {
  const base = { department: sketch.department, profileComplete: true, frozen: false };
  const phone = (i: number) => `${sketch.phones}${i}`;
  return [
    {
      ...base,
      account: `expert${n}_info`,
      name: sketch.names[0],
      phone: phone(1),
      position: sketch.positions[0],
      status: 'pending_info',
      profileComplete: false,
      info: null,
      reviews: [],
    },
    {
      ...base,
      account: `expert${n}_review`,
      name: sketch.names[1],
      phone: phone(2),
      position: sketch.positions[1],
      status: 'pending_review',
      info: sketch.info,
      reviews: [],
    },
    {
      ...base,
      account: `expert${n}_pass`,
      name: sketch.names[2],
      phone: phone(3),
      position: sketch.positions[2],
      status: 'approved',
      info: sketch.info,
      reviews: [
        { decision: 'reject', opinion: sketch.rejectOpinion },
        { decision: 'approve', opinion: '信息完整，同意入库。' },
      ],
    },
    {
      ...base,
      account: `expert${n}_reject`,
      name: sketch.names[3],
      phone: phone(4),
      position: sketch.positions[3],
      status: 'rejected',
      info: sketch.info,
      reviews: [{ decision: 'reject', opinion: sketch.rejectOpinion }],
    },
    {
      ...base,
      account: `expert${n}_frozen`,
      name: sketch.names[4],
      phone: phone(5),
      position: sketch.positions[4],
      status: 'approved',
      frozen: true,
      info: sketch.info,
      reviews: [{ decision: 'approve', opinion: '同意入库。' }],
    },
  ];
}

/** Three enterprises of different categories and industries. */
export const demoEnterprises: readonly DemoEnterprise[] = [
  {
    name: '浙江钱塘新能源科技有限公司',
    creditCode17: '91330109MA2KQ7T3X',
    category: 'high_tech',
    emailDomain: 'qiantang-energy.com.cn',
    admin: {
      account: 'admin1',
      name: '陈建华',
      department: '科技管理部',
      position: '知识产权主管',
      phone: '13858101234',
    },
    experts: expertsOf(1, {
      names: ['王立军', '沈佳怡', '蒋国平', '叶晓东', '任海燕'],
      phones: '1395710100',
      department: '电池研究院',
      positions: ['研发工程师', '电芯设计主管', '首席工程师', '工艺工程师', '测试中心主任'],
      info: {
        title: '高级工程师',
        strategicIndustries: ['6.3', '5.2'],
        economicIndustries: ['38'],
        resume:
          '长期从事锂离子电池正极材料与储能系统研发，主持省级重点研发计划项目2项，参与制定储能电池团体标准1项，' +
          '授权发明专利12件，熟悉光伏储能系统集成与电池管理技术的产业化路径。',
        contact: '0571-86701234',
      },
      rejectOpinion: '研究领域与个人简介不够具体，请补充近三年代表性项目及专利情况后重新申请。',
    }),
  },
  {
    name: '江苏澄锋智能装备股份有限公司',
    creditCode17: '91320281MA1N4CW8P',
    category: 'specialized_sme',
    emailDomain: 'chengfeng-ie.com',
    admin: {
      account: 'admin2',
      name: '周雪梅',
      department: '战略发展部',
      position: '部门经理',
      phone: '13961602345',
    },
    experts: expertsOf(2, {
      names: ['顾振宇', '钱文静', '许志刚', '陆明辉', '缪静'],
      phones: '1381520200',
      department: '技术中心',
      positions: ['机器人算法工程师', '电气工程师', '技术总监', '机械设计师', '质量经理'],
      info: {
        title: '正高级工程师',
        strategicIndustries: ['2.1', '1.5'],
        economicIndustries: ['34', '35'],
        resume:
          '从事工业机器人与数控装备研发二十余年，负责过汽车焊装线、锂电设备等多条智能产线的总体设计，' +
          '获江苏省科学技术奖二等奖1项，熟悉机器视觉检测与运动控制技术的工程化应用。',
        contact: '0510-86802345',
      },
      rejectOpinion: '所选国民经济行业与实际从事方向不一致，请核对后修改。',
    }),
  },
  {
    name: '湖北楚源生物医药集团有限公司',
    creditCode17: '91420100MA4KX2R6N',
    category: 'state_owned',
    emailDomain: 'chuyuan-pharma.com',
    admin: {
      account: 'admin3',
      name: '刘志强',
      department: '科研管理处',
      position: '副处长',
      phone: '13807103456',
    },
    experts: expertsOf(3, {
      names: ['黄思远', '胡晓琳', '程建新', '彭玉兰', '万俊'],
      phones: '1357181030',
      department: '药物研究院',
      positions: ['制剂研究员', '质量研究主管', '首席科学家', '药理研究员', '注册专员'],
      info: {
        title: '研究员',
        strategicIndustries: ['4.1', '4.2'],
        economicIndustries: ['27'],
        resume:
          '主要从事化学药物新制剂与缓控释技术研究，主持国家重大新药创制专项子课题1项，获新药证书3项，' +
          '对高校院所医药类专利的成药性评估与临床转化有丰富经验。',
        contact: '027-87613456',
      },
      rejectOpinion: '个人简介缺少学历与工作经历信息，请补充完整。',
    }),
  },
];

/** University accounts: `univ<n>` for these seed institutions (created if the patent seed has not run). */
export const demoUniversities: readonly { account: string; name: string; institution: string }[] = [
  { account: 'univ1', name: '赵敏', institution: '清华大学' },
  { account: 'univ2', name: '吴晓峰', institution: '浙江大学' },
  { account: 'univ3', name: '孙丽娟', institution: '上海交通大学' },
];
