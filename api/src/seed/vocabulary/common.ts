/**
 * Words and sentence frames shared by every field: how device parts relate, the wording of 外观设计
 * briefs, companies that co-apply with universities, asking terms of the 建档信息 and portfolio blurbs.
 */

/** Words any template may use. */
export const commonWords: Readonly<Record<string, readonly string[]>> = {
  connector: ['螺栓', '法兰', '卡扣', '焊接件', '连接杆', '铰链', '螺纹', '销轴', '支撑杆', '连接板'],
  hole: ['安装孔', '通孔', '卡槽', '滑槽', '凹槽', '定位孔', '散热孔', '导向槽'],
  side: ['顶部', '底部', '一侧', '两侧', '内壁', '外壁', '前端', '后端', '中部', '上表面'],
  mount: ['固定安装有', '固定连接有', '设置有', '活动连接有', '可拆卸连接有', '转动连接有', '嵌设有'],
  atmosphere: ['氩气', '氮气', '氩氢混合气', '空气'],
  solvent: ['去离子水', '无水乙醇', '丙酮', 'N,N-二甲基甲酰胺', '乙二醇'],
  dosage: ['片剂', '胶囊剂', '颗粒剂', '注射剂', '口服液'],
};

/**
 * Relations between two device parts; `{A}` and `{B}` are parts of the record, the rest are slots.
 * Each reads as one clause of an abstract or claim.
 */
export const deviceRelations: readonly string[] = [
  '所述{A}的{side}{mount}{B}',
  '所述{A}与{B}之间通过{connector}连接',
  '所述{B}安装在{A}的{side}',
  '所述{A}的{side}开设有{hole}，所述{B}穿设于所述{hole}内',
  '所述{A}的输出端与{B}传动连接',
  '所述{B}位于{A}的正上方',
  '所述{A}与{B}电性连接',
  '所述{A}的{side}对称设置有两个{B}',
  '所述{B}通过{connector}固定于{A}上',
  '所述{A}内部设有容纳腔，所述{B}设置于所述容纳腔内',
];

/** Generic beneficial effects of a device, after 本实用新型 / 本发明. */
export const deviceEffects: readonly string[] = [
  '结构简单，安装维护方便',
  '操作便捷，降低了人工劳动强度',
  '提高了工作效率和运行稳定性',
  '占用空间小，适于推广应用',
  '制造成本低，使用寿命长',
  '有效避免了部件之间的干涉和磨损',
];

/** 外观设计 brief: design points and the view that shows them best. */
export const designPoints: readonly string[] = [
  '形状',
  '形状与图案的结合',
  '形状与色彩的结合',
  '图案与色彩的结合',
  '形状、图案与色彩的结合',
];
export const designViews: readonly string[] = ['立体图', '立体图1', '主视图', '使用状态参考图'];
export const designOmissions: readonly string[] = [
  '省略仰视图',
  '后视图与主视图对称，省略后视图',
  '左视图与右视图对称，省略左视图',
  '仰视图为使用时不常见面，省略仰视图',
];

/** Syllables of company brand names; two make a brand: 瑞博, 恒鑫. */
export const brandSyllables: readonly string[] = [
  '华',
  '恒',
  '瑞',
  '博',
  '鑫',
  '中',
  '宏',
  '天',
  '创',
  '启',
  '达',
  '源',
  '德',
  '晟',
  '联',
  '智',
  '凯',
  '科',
  '泰',
  '信',
  '诚',
  '昊',
  '卓',
  '融',
  '汇',
  '嘉',
  '睿',
  '新',
  '远',
  '顺',
  '航',
  '宇',
];

/** Company forms, weighted towards 有限公司. */
export const companyForms: readonly string[] = [
  '有限公司',
  '有限公司',
  '有限公司',
  '股份有限公司',
  '集团有限公司',
];

/** Asking terms by cooperation mode, for the 建档信息. */
export const termsByMode: Readonly<Record<string, readonly string[]>> = {
  transfer: [
    '转让价格面议',
    '转让价格{#10-200/5}万元，可协商',
    '一次性转让，价格{#5-80/5}万元',
    '转让费用面议，可分期支付',
  ],
  license_general: [
    '普通许可，许可费{#2-20}万元/年',
    '普通许可，许可费面议',
    '许可费{#5-30}万元/年，许可期限{#3-5}年',
  ],
  license_exclusive: [
    '排他许可，许可费{#10-50/5}万元/年',
    '排他许可，入门费{#10-60/5}万元加销售额提成{#2-6}%',
  ],
  license_sole: ['独占许可，许可费{#20-100/5}万元/年', '独占许可，许可费面议'],
  open_license: [
    '开放许可：许可使用费{#1-10}万元/年，许可期限{#1-5}年',
    '开放许可：按产品销售额的{#1-5}%支付许可使用费',
    '开放许可：一次性支付许可使用费{#2-20}万元',
  ],
  equity: ['可作价入股，作价金额及股权比例面议', '作价{#50-500/50}万元入股，股权比例面议'],
  joint_development: [
    '可开展技术合作开发，合作经费面议',
    '可共建联合实验室，开展后续研发与工程化',
    '可联合申报科技项目，共同推进产业化',
  ],
};

/** Portfolio name endings after the topic. */
export const portfolioEndings: readonly string[] = [
  '专利组合',
  '关键技术专利组合',
  '核心专利组合',
  '产业化专利组合',
  '系列专利组合',
];

/** How a portfolio may be taken up, closing its description. */
export const portfolioOffers: readonly string[] = [
  '可整体转让或独占许可，价格面议',
  '建议打包许可，亦可作价入股共建项目公司',
  '可整体转让，也可开展技术合作开发',
  '优先整体转让，配套提供技术指导与人员培训',
];

/** Dependent-claim features any computer-implemented method may add. */
export const algorithmDetails: readonly string[] = [
  '所述方法还包括将处理结果存储至数据库，并通过可视化界面进行展示',
  '所述步骤S1中还包括对采集的数据进行有效性校验，剔除缺失值和异常值',
  '所述方法部署于边缘计算设备或云端服务器上运行',
  '所述数据在输入模型前进行最大-最小归一化处理',
];
