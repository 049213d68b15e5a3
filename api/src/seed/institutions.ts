import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import { getField } from './vocabulary/fields';
import type { FieldKey } from './vocabulary/fields';

/** A registering university or institute of the seed data. */
export interface SeedInstitution {
  name: string;
  kind: InstitutionKind;
  /** Province-level region (the institutions model's `region`). */
  region: string;
  city: string;
  /** As CNIPA prints it on a patent: postcode + address. */
  address: string;
  /** Telephone area code of the city, for the contact of the 建档信息. */
  areaCode: string;
  /** Relative patent volume. */
  weight: number;
  /** Fields the institution files in, with relative weights. */
  strengths: readonly (readonly [FieldKey, number])[];
  /** Patent agencies (代理机构) it usually instructs. */
  agencies: readonly string[];
}

// city | area code | agencies in that city (';'-separated).
const cityTable = `
北京|010|北京清亦华知识产权代理事务所（普通合伙）;北京路浩知识产权代理有限公司;北京集佳知识产权代理有限公司;北京理工大学专利中心;北京众合诚成知识产权代理有限公司;北京康信知识产权代理有限责任公司
杭州|0571|杭州求是专利事务所有限公司;杭州天勤知识产权代理有限公司;杭州君度专利代理事务所（特殊普通合伙）;浙江千克知识产权代理有限公司
上海|021|上海交达专利事务所;上海申汇专利代理有限公司;上海专利商标事务所有限公司;上海光华专利事务所（普通合伙）
武汉|027|华中科技大学专利中心;武汉科皓知识产权代理事务所（特殊普通合伙）;湖北武汉永嘉专利代理有限公司
哈尔滨|0451|哈尔滨市松花江专利商标事务所;哈尔滨龙科专利代理有限公司
西安|029|西安智大知识产权代理事务所;西安通大专利代理有限责任公司;西安电子科技大学专利中心
南京|025|南京苏高专利商标事务所（普通合伙）;南京经纬专利商标代理有限公司;南京瑞弘专利商标事务所（普通合伙）
天津|022|天津市北洋有限责任专利代理事务所;天津盛理知识产权代理有限公司
大连|0411|大连理工大学专利中心;大连星海专利事务所有限公司
广州|020|广州市华学知识产权代理有限公司;广州嘉权专利商标事务所有限公司
长沙|0731|长沙市融智专利事务所（普通合伙）;长沙轩荣专利代理有限公司
成都|028|成都高信专利代理事务所（普通合伙）;电子科技大学专利中心;成都九鼎天元知识产权代理有限公司
济南|0531|济南圣达知识产权代理有限公司;济南金迪知识产权代理有限公司
长春|0431|长春吉大专利代理有限责任公司;长春市四环专利事务所（普通合伙）
合肥|0551|安徽省合肥新安专利代理有限责任公司;合肥和瑞知识产权代理事务所（普通合伙）
厦门|0592|厦门南强之路专利事务所（普通合伙）;厦门市首创君合专利事务所有限公司
重庆|023|重庆博凯知识产权代理有限公司;重庆大学专利中心
无锡|0510|无锡市大为专利商标事务所（普通合伙）;无锡华源专利商标事务所（普通合伙）
镇江|0511|镇江京科专利商标代理有限公司;南京经纬专利商标代理有限公司
沈阳|024|沈阳东大知识产权代理有限公司;沈阳科苑专利商标代理有限公司
苏州|0512|苏州创元专利商标事务所有限公司;苏州市中南伟业知识产权代理事务所（普通合伙）
深圳|0755|深圳市恒申知识产权事务所（普通合伙）;深圳市科进知识产权代理事务所（普通合伙）
福州|0591|福州元创专利商标代理有限公司;福州市博深专利事务所（普通合伙）
昆明|0871|昆明人从众知识产权代理有限公司;昆明合众智信知识产权事务所
宁波|0574|宁波甬致专利代理有限公司;宁波市鄞州盛飞专利代理事务所（特殊普通合伙）
杨凌|029|西安智大知识产权代理事务所;杨凌睿诚专利代理事务所（普通合伙）
`;

// name | kind (u/i) | city | region | postcode | address | weight | strengths (field:weight, ...).
const institutionTable = `
清华大学|u|北京|北京市|100084|北京市海淀区清华园1号|10|semiconductor:3,artificial-intelligence:3,power-grid:2,battery:2,communication:2,aerospace:1,civil-engineering:1
北京大学|u|北京|北京市|100871|北京市海淀区颐和园路5号|6|biomedicine:3,artificial-intelligence:2,semiconductor:2,catalysis:2,advanced-materials:1
浙江大学|u|杭州|浙江省|310058|浙江省杭州市西湖区余杭塘路866号|10|artificial-intelligence:3,biomedicine:2,medical-device:2,intelligent-manufacturing:2,agriculture:2,power-grid:2,advanced-materials:2,food:1,environment:1
上海交通大学|u|上海|上海市|200240|上海市闵行区东川路800号|8|intelligent-manufacturing:3,medical-device:2,biomedicine:2,metals:2,new-energy-vehicle:2,artificial-intelligence:2,communication:1
华中科技大学|u|武汉|湖北省|430074|湖北省武汉市洪山区珞喻路1037号|8|intelligent-manufacturing:3,power-grid:2,battery:2,semiconductor:2,artificial-intelligence:2,medical-device:1,photovoltaic:1
哈尔滨工业大学|u|哈尔滨|黑龙江省|150001|黑龙江省哈尔滨市南岗区西大直街92号|8|aerospace:3,intelligent-manufacturing:2,metals:2,civil-engineering:2,communication:1,environment:1
西安交通大学|u|西安|陕西省|710049|陕西省西安市碑林区咸宁西路28号|7|power-grid:3,intelligent-manufacturing:2,metals:1,aerospace:1,medical-device:1,semiconductor:1
东南大学|u|南京|江苏省|211189|江苏省南京市江宁区东南大学路2号|7|communication:3,civil-engineering:3,semiconductor:2,power-grid:2,artificial-intelligence:1,medical-device:1
南京大学|u|南京|江苏省|210023|江苏省南京市栖霞区仙林大道163号|5|advanced-materials:2,environment:2,semiconductor:2,biomedicine:1,catalysis:1
天津大学|u|天津|天津市|300072|天津市南开区卫津路92号|7|catalysis:3,civil-engineering:2,power-grid:2,intelligent-manufacturing:1,environment:1,biomedicine:1
大连理工大学|u|大连|辽宁省|116024|辽宁省大连市甘井子区凌工路2号|6|catalysis:3,civil-engineering:2,intelligent-manufacturing:2,metals:1,environment:1
华南理工大学|u|广州|广东省|510641|广东省广州市天河区五山路381号|7|food:2,advanced-materials:2,battery:2,civil-engineering:1,textile:1,artificial-intelligence:1,environment:1,power-grid:1
中南大学|u|长沙|湖南省|410083|湖南省长沙市岳麓区麓山南路932号|7|metals:3,battery:3,civil-engineering:2,biomedicine:1,environment:1
北京航空航天大学|u|北京|北京市|100191|北京市海淀区学院路37号|6|aerospace:3,artificial-intelligence:2,intelligent-manufacturing:2,metals:1,communication:1
北京理工大学|u|北京|北京市|100081|北京市海淀区中关村南大街5号|5|new-energy-vehicle:3,aerospace:2,artificial-intelligence:1,battery:1,catalysis:1
同济大学|u|上海|上海市|200092|上海市杨浦区四平路1239号|6|civil-engineering:3,new-energy-vehicle:2,environment:2,intelligent-manufacturing:1
四川大学|u|成都|四川省|610065|四川省成都市武侯区一环路南一段24号|6|biomedicine:2,medical-device:2,advanced-materials:2,environment:1,catalysis:1,civil-engineering:1
电子科技大学|u|成都|四川省|611731|四川省成都市高新区西源大道2006号|6|communication:3,semiconductor:3,artificial-intelligence:2
山东大学|u|济南|山东省|250100|山东省济南市历城区山大南路27号|6|metals:2,power-grid:2,biomedicine:2,intelligent-manufacturing:1,civil-engineering:1
吉林大学|u|长春|吉林省|130012|吉林省长春市前进大街2699号|6|new-energy-vehicle:2,intelligent-manufacturing:2,biomedicine:1,agriculture:1,catalysis:1,advanced-materials:1
武汉大学|u|武汉|湖北省|430072|湖北省武汉市武昌区八一路299号|5|power-grid:2,artificial-intelligence:2,civil-engineering:2,communication:1,biomedicine:1
武汉理工大学|u|武汉|湖北省|430070|湖北省武汉市洪山区珞狮路122号|5|advanced-materials:2,civil-engineering:2,new-energy-vehicle:2,battery:1
中国科学技术大学|u|合肥|安徽省|230026|安徽省合肥市包河区金寨路96号|5|battery:2,catalysis:2,artificial-intelligence:2,semiconductor:1,communication:1
厦门大学|u|厦门|福建省|361005|福建省厦门市思明区思明南路422号|4|battery:2,catalysis:2,biomedicine:1,environment:1
重庆大学|u|重庆|重庆市|400044|重庆市沙坪坝区沙正街174号|5|power-grid:3,metals:2,civil-engineering:2,new-energy-vehicle:1
江南大学|u|无锡|江苏省|214122|江苏省无锡市滨湖区蠡湖大道1800号|6|food:4,textile:2,biomedicine:1,environment:1
中国农业大学|u|北京|北京市|100193|北京市海淀区圆明园西路2号|5|agriculture:4,food:2,environment:1
南京农业大学|u|南京|江苏省|210095|江苏省南京市玄武区卫岗1号|4|agriculture:4,food:2,environment:1
华中农业大学|u|武汉|湖北省|430070|湖北省武汉市洪山区狮子山街1号|4|agriculture:4,food:1,biomedicine:1
西北农林科技大学|u|杨凌|陕西省|712100|陕西省杨凌示范区邰城路3号|4|agriculture:4,food:2
东华大学|u|上海|上海市|201620|上海市松江区人民北路2999号|4|textile:4,advanced-materials:2
浙江理工大学|u|杭州|浙江省|310018|浙江省杭州市钱塘区2号大街928号|4|textile:4,intelligent-manufacturing:1,advanced-materials:1
江苏大学|u|镇江|江苏省|212013|江苏省镇江市京口区学府路301号|5|agriculture:2,new-energy-vehicle:2,food:2,intelligent-manufacturing:1
浙江工业大学|u|杭州|浙江省|310014|浙江省杭州市拱墅区潮王路18号|6|intelligent-manufacturing:2,catalysis:2,environment:1,artificial-intelligence:1,biomedicine:1
北京科技大学|u|北京|北京市|100083|北京市海淀区学院路30号|5|metals:4,advanced-materials:1,environment:1
东北大学|u|沈阳|辽宁省|110819|辽宁省沈阳市和平区文化路三巷11号|5|metals:3,intelligent-manufacturing:1,artificial-intelligence:1,power-grid:1
南京航空航天大学|u|南京|江苏省|210016|江苏省南京市秦淮区御道街29号|5|aerospace:4,intelligent-manufacturing:1
西北工业大学|u|西安|陕西省|710072|陕西省西安市碑林区友谊西路127号|5|aerospace:4,metals:2,advanced-materials:1
河海大学|u|南京|江苏省|210098|江苏省南京市鼓楼区西康路1号|5|civil-engineering:3,environment:2,power-grid:2
合肥工业大学|u|合肥|安徽省|230009|安徽省合肥市包河区屯溪路193号|4|new-energy-vehicle:2,intelligent-manufacturing:2,power-grid:1,food:1
苏州大学|u|苏州|江苏省|215006|江苏省苏州市姑苏区十梓街1号|4|textile:2,biomedicine:2,photovoltaic:1,medical-device:1
南开大学|u|天津|天津市|300071|天津市南开区卫津路94号|3|catalysis:2,biomedicine:2,battery:1
中山大学|u|广州|广东省|510275|广东省广州市海珠区新港西路135号|4|biomedicine:3,medical-device:1,environment:1,photovoltaic:1
西安电子科技大学|u|西安|陕西省|710071|陕西省西安市雁塔区太白南路2号|4|communication:4,semiconductor:2,artificial-intelligence:1
南京工业大学|u|南京|江苏省|211816|江苏省南京市浦口区浦珠南路30号|4|catalysis:3,advanced-materials:1,environment:1
深圳大学|u|深圳|广东省|518060|广东省深圳市南山区南海大道3688号|4|artificial-intelligence:2,communication:2,civil-engineering:1,advanced-materials:1
福州大学|u|福州|福建省|350108|福建省福州市闽侯县学府南路2号|3|catalysis:2,photovoltaic:1,power-grid:1
昆明理工大学|u|昆明|云南省|650500|云南省昆明市呈贡区景明南路727号|3|metals:3,environment:1
河北工业大学|u|天津|天津市|300130|天津市红桥区光荣道8号|3|power-grid:2,intelligent-manufacturing:1,civil-engineering:1
宁波大学|u|宁波|浙江省|315211|浙江省宁波市江北区风华路818号|3|food:2,communication:1,civil-engineering:1
中国科学院宁波材料技术与工程研究所|i|宁波|浙江省|315201|浙江省宁波市镇海区中官西路1219号|4|advanced-materials:3,battery:2,metals:1,photovoltaic:1
中国科学院大连化学物理研究所|i|大连|辽宁省|116023|辽宁省大连市沙河口区中山路457号|4|catalysis:4,battery:2,photovoltaic:1
中国科学院上海硅酸盐研究所|i|上海|上海市|201899|上海市嘉定区和硕路585号|3|advanced-materials:3,battery:2,photovoltaic:1
中国科学院深圳先进技术研究院|i|深圳|广东省|518055|广东省深圳市南山区西丽大学城学苑大道1068号|3|medical-device:3,artificial-intelligence:2,intelligent-manufacturing:1
中国科学院合肥物质科学研究院|i|合肥|安徽省|230031|安徽省合肥市蜀山湖路350号|3|environment:2,medical-device:1,photovoltaic:1,agriculture:1
中国科学院金属研究所|i|沈阳|辽宁省|110016|辽宁省沈阳市沈河区文化路72号|3|metals:4
中国科学院微电子研究所|i|北京|北京市|100029|北京市朝阳区北土城西路3号|3|semiconductor:4
中国科学院上海药物研究所|i|上海|上海市|201203|上海市浦东新区祖冲之路555号|2|biomedicine:4
中国科学院过程工程研究所|i|北京|北京市|100190|北京市海淀区中关村北二街1号|3|catalysis:2,environment:2,metals:1
中国科学院沈阳自动化研究所|i|沈阳|辽宁省|110016|辽宁省沈阳市沈河区南塔街114号|2|intelligent-manufacturing:4,aerospace:1
中国科学院长春应用化学研究所|i|长春|吉林省|130022|吉林省长春市人民大街5625号|3|advanced-materials:2,catalysis:2,battery:1
中国农业科学院作物科学研究所|i|北京|北京市|100081|北京市海淀区中关村南大街12号|2|agriculture:4
江苏省农业科学院|i|南京|江苏省|210014|江苏省南京市玄武区钟灵街50号|2|agriculture:3,food:2
浙江省农业科学院|i|杭州|浙江省|310021|浙江省杭州市上城区德胜中路298号|2|agriculture:3,food:2
`;

function rows(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) => line.split('|'));
}

const cities = new Map(
  rows(cityTable).map(([city = '', areaCode = '', agencies = '']) => [
    city,
    { areaCode, agencies: agencies.split(';') },
  ]),
);

/** The institutions, parsed once from the tables above (a typo in a field key or city fails at load). */
export const seedInstitutions: readonly SeedInstitution[] = rows(institutionTable).map(
  ([
    name = '',
    kind = '',
    city = '',
    region = '',
    postcode = '',
    street = '',
    weight = '',
    strengths = '',
  ]) => {
    const place = cities.get(city);
    if (!place) throw new Error(`seed institution ${name}: unknown city ${city}`);
    return {
      name,
      kind: kind === 'i' ? 'institute' : 'university',
      region,
      city,
      address: `${postcode} ${street}`,
      areaCode: place.areaCode,
      weight: Number(weight),
      strengths: strengths.split(',').map((pair) => {
        const [key = '', w = ''] = pair.split(':');
        return [getField(key).key as FieldKey, Number(w)] as const;
      }),
      agencies: place.agencies,
    };
  },
);
