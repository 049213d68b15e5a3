import { z } from 'zod';

/**
 * International Patent Classification (IPC): the 8 sections with their Chinese names, titles for the
 * subclasses frequent in Chinese university patents (titles shortened from the Chinese edition), and pure
 * parsing of the symbol formats found in CNIPA and WIPO data.
 */
const sections = [
  ['A', '人类生活必需'],
  ['B', '作业；运输'],
  ['C', '化学；冶金'],
  ['D', '纺织；造纸'],
  ['E', '固定建筑物'],
  ['F', '机械工程；照明；加热；武器；爆破'],
  ['G', '物理'],
  ['H', '电学'],
] as const;

/** IPC section letter. */
export type IpcSectionCode = (typeof sections)[number][0];

/** The 8 sections in order, with Chinese names. */
export const ipcSections: readonly { code: IpcSectionCode; name: string }[] = sections.map(
  ([code, name]) => ({
    code,
    name,
  }),
);

const sectionNames: ReadonlyMap<string, string> = new Map(sections);

/** Chinese titles of common subclasses, keyed by subclass symbol. */
const subclassTitles: Readonly<Record<string, string>> = {
  A01B: '农业或林业的整地；一般农业机械或农具的部件、零件或附件',
  A01C: '种植；播种；施肥',
  A01D: '收获；割草',
  A01G: '园艺；蔬菜、花卉、稻、果树、葡萄、啤酒花或海菜的栽培；林业；浇水',
  A01H: '新植物或获得新植物的方法；通过组织培养技术的植物再生',
  A01K: '畜牧业；禽类、鱼类、昆虫的管理；捕鱼；动物新品种',
  A01N: '人体、动植物体的保存；杀生剂；害虫驱避剂或引诱剂；植物生长调节剂',
  A01P: '化学化合物或制剂的杀生、害虫驱避、害虫引诱或植物生长调节活性',
  A23K: '专门适用于动物的喂养饲料；其生产方法',
  A23L: '其他类不包含的食品、食料或非酒精饮料；它们的制备或处理',
  A61B: '诊断；外科；鉴定',
  A61F: '可植入血管内的滤器；假体；矫形、护理或避孕装置；绷带、敷料或吸收垫',
  A61H: '理疗装置；人工呼吸；按摩；洗浴装置',
  A61K: '医用、牙科用或梳妆用的配制品',
  A61L: '材料或物体的消毒；空气的灭菌、消毒或除臭；绷带、敷料或外科用品的材料',
  A61M: '将介质输入人体内或输到人体上的器械',
  A61N: '电疗；磁疗；放射疗；超声波疗',
  A61P: '化合物或药物制剂的特定治疗活性',
  A63B: '体育锻炼、体操、游泳、爬山或击剑用的器械；球类；训练器械',
  B01D: '分离',
  B01F: '混合，例如溶解、乳化或分散',
  B01J: '化学或物理方法，例如催化作用或胶体化学；其有关设备',
  B01L: '通用化学或物理实验室设备',
  B02C: '一般破碎、研磨或粉碎；谷物碾磨',
  B08B: '一般清洁；一般污垢的防除',
  B09B: '固体废物的处理',
  B21D: '金属板或管、棒或型材的基本无切削加工或处理；冲压金属',
  B22F: '金属粉末的加工；由金属粉末制造制品；金属粉末的制造',
  B23K: '钎焊或脱焊；焊接；局部加热切割；用激光束加工',
  B23P: '金属的其他加工；组合加工；万能机床',
  B23Q: '机床的零件、部件或附件',
  B24B: '用于磨削或抛光的机床、装置或工艺',
  B25J: '机械手；装有操纵装置的容器',
  B29C: '塑料的成型或连接；塑性状态材料的成型；已成型产品的后处理',
  B32B: '层状产品',
  B33Y: '附加制造，即三维物品制造',
  B60K: '车辆动力装置或传动装置的布置或安装；仪表或仪表板的布置',
  B60L: '电动车辆动力装置；车辆辅助装备的供电；电动车辆的监控及电气安全装置',
  B60W: '不同类型或不同功能的车辆子系统的联合控制；混合动力车辆的控制系统',
  B61L: '铁路交通的指挥；保证铁路交通安全',
  B62D: '机动车；挂车',
  B63B: '船舶或其他水上船只；船用设备',
  B64C: '飞机；直升机',
  B64D: '用于与飞机配合或装到飞机上的设备；动力装置或推进传动装置的配置或安装',
  B64G: '宇宙航行；及其所用的飞行器或设备',
  B65G: '运输或贮存装置；车间输送机系统；气动管道输送机',
  B66C: '起重机；用于起重机、绞盘、绞车或滑车的载荷吊挂元件或装置',
  B82Y: '纳米结构的特定用途或应用；纳米结构的测量、分析、制造或处理',
  C01B: '非金属元素；其化合物',
  C01G: '含有不包含在C01D或C01F小类中之金属的化合物',
  C02F: '水、废水、污水或污泥的处理',
  C03C: '玻璃、釉或搪瓷釉的化学成分；玻璃的表面处理；玻璃与其他材料的接合',
  C04B: '石灰；氧化镁；矿渣；水泥；混凝土；人造石；陶瓷；耐火材料；天然石的处理',
  C05F: '有机肥料',
  C05G: '肥料的混合物；以形状为特征的肥料',
  C07C: '无环或碳环化合物',
  C07D: '杂环化合物',
  C07F: '含除碳、氢、卤素、氧、氮、硫、硒或碲以外的其他元素的无环、碳环或杂环化合物',
  C07H: '糖类；及其衍生物；核苷；核苷酸；核酸',
  C07K: '肽',
  C08F: '仅用碳-碳不饱和键反应得到的高分子化合物',
  C08G: '用碳-碳不饱和键以外的反应得到的高分子化合物',
  C08J: '加工；配料的一般工艺过程；后处理',
  C08K: '使用无机物或非高分子有机物作为配料',
  C08L: '高分子化合物的组合物',
  C09D: '涂料组合物；填充浆料；油墨；木材着色剂',
  C09J: '黏合剂；黏合方法的一般方面；不包含在其他类目中的黏合方法',
  C09K: '不包含在其他类目中的各种应用材料；材料的各种应用',
  C10G: '烃油裂化；液态烃混合物的制备；从油页岩、油矿或油气中回收烃油',
  C10L: '不包含在其他类目中的燃料；天然气；燃料添加剂',
  C12M: '酶学或微生物学装置',
  C12N: '微生物或酶；其组合物；变异或遗传工程；培养基',
  C12P: '发酵或使用酶的方法合成目标化合物或组合物',
  C12Q: '包含酶、核酸或微生物的测定或检验方法',
  C21C: '生铁的处理，例如炼钢',
  C21D: '改变黑色金属的物理结构；金属或合金热处理用的一般设备',
  C22B: '金属的生产或精炼；原材料的预处理',
  C22C: '合金',
  C22F: '改变有色金属或有色合金的物理结构',
  C23C: '对金属材料的镀覆；化学表面处理；真空蒸发、溅射、离子注入或化学气相沉积的一般镀覆',
  C25B: '生产化合物或非金属的电解工艺或电泳工艺；其所用的设备',
  C25D: '覆层的电解或电泳生产工艺方法；电铸',
  C30B: '单晶生长；共晶材料的定向凝固；材料的区熔精炼',
  D01D: '制作人造长丝、线、纤维、鬃或带子的机械方法或设备',
  D01F: '制作人造长丝、线、纤维、鬃或带子的化学特征；专用于生产碳纤维的设备',
  D03D: '织物；织造方法；织机',
  D04H: '制造纺织品，例如用纤维或长丝材料；毛毡、无纺布',
  D06M: '对纤维、纱、线、织物或由其制成的纤维制品的处理',
  D21H: '浆料或纸浆组合物；纸的浸渍或涂布；纸的加工',
  E01C: '道路、体育场或类似工程的修建或其覆面',
  E01D: '桥梁',
  E02D: '基础；挖方；填方；地下或水下结构物',
  E04B: '一般建筑物构造；墙；屋顶；楼板；顶棚；建筑物的隔绝或其他防护',
  E04G: '脚手架；模板；施工用具或其他建筑辅助设备；原有建筑物的修理或拆除',
  E21B: '土层或岩石的钻进；从井中开采油、气、水或矿物泥浆',
  E21D: '竖井；隧道；平硐；地下室',
  E21F: '矿井或隧道中的安全装置、运输、充填、救护、通风或排水',
  F01D: '非变容式机器或发动机，例如汽轮机',
  F02C: '燃气轮机装置；喷气推进装置的空气进气道；燃料供给的控制',
  F03D: '风力发动机',
  F04D: '非变容式泵',
  F15B: '一般流体工作系统；流体压力执行机构，例如伺服马达',
  F16C: '轴；软轴；轴承',
  F16F: '弹簧；减震器；减振装置',
  F16H: '传动装置',
  F16K: '阀；龙头；旋塞；致动浮子；通风或充气装置',
  F21V: '照明装置或其系统的功能特征或零部件',
  F23G: '焚烧炉；用燃烧方法消除废物',
  F24F: '空气调节；空气增湿；通风；空气流作为屏蔽的应用',
  F24S: '太阳能热收集器；太阳能热系统',
  F25B: '制冷机，制冷设备或系统；加热和制冷的联合系统；热泵系统',
  F26B: '从固体材料或制品中消除液体的干燥',
  F28D: '其他小类中不包括的热交换设备；蓄热装置或设备',
  F28F: '通用热交换或传热设备的零部件',
  G01B: '长度、厚度、角度、面积或不规则表面的计量',
  G01C: '测量距离、水准或者方位；勘测；导航；陀螺仪；摄影测量学',
  G01D: '非专用于特定变量的测量；其他类目不包含的测量或测试',
  G01K: '温度测量；热量测量',
  G01L: '测量力、应力、转矩、功、机械功率、机械效率或流体压力',
  G01M: '机器或结构部件的静或动平衡的测试；结构部件或设备的测试',
  G01N: '借助于测定材料的化学或物理性质来测试或分析材料',
  G01R: '测量电变量；测量磁变量',
  G01S: '无线电定向；无线电导航；采用无线电波或其他波的测距、测速、定位或存在检测',
  G01V: '地球物理；重力测量；物质或物体的探测；示踪物',
  G01W: '气象学',
  G02B: '光学元件、系统或仪器',
  G02F: '用于控制光的强度、颜色、相位、偏振或方向的器件或装置；非线性光学',
  G03F: '图纹面的照相制版工艺，例如印刷工艺、半导体器件的加工工艺',
  G05B: '一般的控制或调节系统；其功能单元；用于其监视或测试的装置',
  G05D: '非电变量的控制或调节系统',
  G06F: '电数字数据处理',
  G06K: '图形数据读取；数据表达；记录载体；处理记录载体',
  G06N: '基于特定计算模型的计算机系统',
  G06Q: '专门适用于行政、商业、金融、管理或监督目的的信息和通信技术',
  G06T: '一般的图像数据处理或产生',
  G06V: '图像或视频识别或理解',
  G08B: '信号装置或呼叫装置；指令发信装置；报警装置',
  G08G: '交通控制系统',
  G09B: '教育或示范用具；盲人教学或通信用具；模型；天象仪；地球仪；地图',
  G09G: '对用静态方法显示可变信息的指示装置进行控制的装置或电路',
  G10L: '语音分析或合成；语音识别；语音或声音处理；语音或音频编码或解码',
  G11C: '静态存储器',
  G16B: '生物信息学，即专门适用于计算分子生物学中遗传或蛋白质相关数据处理的信息和通信技术',
  G16H: '医疗保健信息学，即专门用于处理或加工医疗或健康数据的信息和通信技术',
  G21C: '核反应堆',
  G21F: 'X射线、γ射线、微粒射线或粒子轰击的防护；放射性污染材料的处理及去污染装置',
  H01B: '电缆；导体；绝缘体；导电、绝缘或介电材料的选择',
  H01F: '磁体；电感；变压器；磁性材料的选择',
  H01G: '电容器；电解型的电容器、整流器、检波器、开关器件、光敏器件或热敏器件',
  H01H: '电开关；继电器；选择器；紧急保护装置',
  H01L: '半导体器件；其他类目中不包括的电固体器件',
  H01M: '用于直接转变化学能为电能的方法或装置，例如电池组',
  H01Q: '天线，即无线电天线',
  H01S: '利用受激发射的器件，例如激光器',
  H02H: '紧急保护电路装置',
  H02J: '供电或配电的电路装置或系统；电能存储系统',
  H02K: '电机',
  H02M: '交流与交流、交流与直流或直流与直流之间的变换设备及其控制或调节',
  H02P: '电动机、发电机或机电变换器的控制或调节；控制变压器、电抗器或扼流圈',
  H02S: '由红外线辐射、可见光或紫外光转换产生电能，例如使用光伏模块',
  H03M: '一般编码、译码或代码转换',
  H04B: '传输',
  H04L: '数字信息的传输，例如电报通信',
  H04N: '图像通信，如电视',
  H04R: '扬声器、传声器、唱机拾音器或其他声-机电传感器；助听器；扩音系统',
  H04W: '无线通信网络',
  H05B: '电热；其他类目不包含的电照明',
  H05K: '印刷电路；电设备的外壳或结构零部件；电气元件组件的制造',
  H10K: '有机电固体器件',
};

/** Subclasses with a Chinese title, in symbol order. */
export const ipcSubclasses: readonly { code: string; title: string }[] = Object.entries(subclassTitles)
  .map(([code, title]) => ({ code, title }))
  .sort((a, b) => a.code.localeCompare(b.code));

/** The Chinese name of a section letter, or undefined. */
export function ipcSectionName(section: string): string | undefined {
  return sectionNames.get(section);
}

/** The Chinese title of a subclass ('H01M'), or undefined when it is not among the listed ones. */
export function ipcSubclassTitle(subclass: string): string | undefined {
  return Object.hasOwn(subclassTitles, subclass) ? subclassTitles[subclass] : undefined;
}

/** A parsed IPC symbol. `group` and its parts are null when only a subclass was given ('H01M'). */
export interface ParsedIpc {
  section: IpcSectionCode;
  /** Section + two-digit class: 'H01'. */
  class: string;
  /** Class + subclass letter: 'H01M'. */
  subclass: string;
  /** Main group and subgroup: '4/36'. */
  group: string | null;
  mainGroup: string | null;
  subgroup: string | null;
  /** Canonical form: 'H01M 4/36' (or 'H01M'). */
  normalized: string;
}

// 'H01M 4/36', 'H01M4/36', 'H01M 0004/36', 'H01M'; the optional tail is the edition tag CNIPA appends,
// e.g. '(2006.01)' or '(2006.01)I'.
const displayForm =
  /^([A-H])\s*(\d{2})\s*([A-Z])(?:\s*(\d{1,4})\s*\/\s*(\d{1,6}))?(?:\s*\(\s*\d{4}\.\d{2}\s*\)\s*[A-Z]?)?$/;
// WIPO/EPO fixed-width form: subclass + main group left-padded to 4 + subgroup right-padded to 6.
const fixedWidthForm = /^([A-H])(\d{2})([A-Z])(\d{4})(\d{6})$/;

/** Subgroup digits are a decimal fraction: '360' and '36' are the same subgroup, '00' is the main group. */
function canonicalSubgroup(digits: string): string {
  return digits.replace(/0+$/, '').padEnd(2, '0');
}

/**
 * Parses an IPC symbol in any of the forms found in patent data: 'H01M 4/36', 'H01M4/36', full-width or
 * lower-case variants, with an edition tag ('H01M 4/36(2006.01)'), the fixed-width 'H01M0004360000', or a
 * bare subclass 'H01M'. Returns null when the input is not a well-formed symbol.
 */
export function parseIpc(input: string): ParsedIpc | null {
  const text = input.normalize('NFKC').trim().toUpperCase();
  const match = fixedWidthForm.exec(text) ?? displayForm.exec(text);
  if (!match) return null;
  const [, section, classDigits, letter, mainDigits, subDigits] = match;
  if (!section || !classDigits || !letter || classDigits === '00') return null;
  const subclass = `${section}${classDigits}${letter}`;
  const base = { section: section as IpcSectionCode, class: `${section}${classDigits}`, subclass };
  if (mainDigits === undefined || subDigits === undefined) {
    return { ...base, group: null, mainGroup: null, subgroup: null, normalized: subclass };
  }
  const mainGroup = mainDigits.replace(/^0+/, '');
  // Main group 0 does not exist; a one-digit subgroup ('4/3') is a typo, not a symbol.
  if (mainGroup === '' || subDigits.length < 2) return null;
  const subgroup = canonicalSubgroup(subDigits);
  const group = `${mainGroup}/${subgroup}`;
  return { ...base, group, mainGroup, subgroup, normalized: `${subclass} ${group}` };
}

/** The canonical form of an IPC symbol ('h01m4/36' -> 'H01M 4/36'), or null when malformed. */
export function normalizeIpc(input: string): string | null {
  return parseIpc(input)?.normalized ?? null;
}

/**
 * Splits a CNIPA-style list of IPC symbols ('H01M4/36;H01M10/0525', also with '；', ',', '，', '、', '|'
 * or line breaks) into canonical symbols, in order and without duplicates; unparseable pieces are returned
 * separately so an importer can report them.
 */
export function splitIpcCodes(text: string): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const piece of text.split(/[;；,，、|\n\r\t]+/)) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    const normalized = normalizeIpc(trimmed);
    if (normalized === null) invalid.push(trimmed);
    else if (!codes.includes(normalized)) codes.push(normalized);
  }
  return { codes, invalid };
}

/**
 * The sections and subclasses of a list of symbols, in first-seen order without duplicates: the derived
 * `ipcSections` / `ipcSubclasses` fields of a patent. Malformed symbols are skipped.
 */
export function ipcFacets(codes: readonly string[]): { ipcSections: string[]; ipcSubclasses: string[] } {
  const sectionSet = new Set<string>();
  const subclassSet = new Set<string>();
  for (const code of codes) {
    const parsed = parseIpc(code);
    if (!parsed) continue;
    sectionSet.add(parsed.section);
    subclassSet.add(parsed.subclass);
  }
  return { ipcSections: [...sectionSet], ipcSubclasses: [...subclassSet] };
}

/** Zod schema accepting any parseable form and outputting the canonical symbol. */
export const ipcCodeInputSchema = z.string().transform((value, ctx) => {
  const normalized = normalizeIpc(value);
  if (normalized === null) {
    ctx.addIssue({ code: 'custom', message: `IPC分类号格式不正确：${value}` });
    return z.NEVER;
  }
  return normalized;
});

/** Zod schema of a stored symbol: must already be in canonical form ('H01M 4/36'). */
export const ipcCodeSchema = z
  .string()
  .refine((value) => normalizeIpc(value) === value, { message: 'IPC分类号须为规范形式，例如 H01M 4/36' });
