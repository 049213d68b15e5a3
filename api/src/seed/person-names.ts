import { WeightedTable } from './random';
import type { Rng } from './random';

// Common surnames with rough relative frequencies (per mille of the population, rounded).
const surnames = new WeightedTable<string>([
  ['王', 72],
  ['李', 72],
  ['张', 68],
  ['刘', 54],
  ['陈', 46],
  ['杨', 32],
  ['黄', 24],
  ['赵', 22],
  ['吴', 21],
  ['周', 21],
  ['徐', 13],
  ['孙', 13],
  ['马', 12],
  ['朱', 12],
  ['胡', 11],
  ['郭', 11],
  ['何', 10],
  ['林', 10],
  ['高', 10],
  ['罗', 9],
  ['郑', 9],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 7],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 5],
  ['于', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['余', 5],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 4],
  ['姚', 4],
  ['卢', 4],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 3],
  ['贾', 3],
  ['夏', 3],
  ['韦', 3],
  ['付', 3],
  ['方', 3],
  ['白', 3],
  ['邹', 3],
  ['孟', 3],
  ['熊', 3],
  ['秦', 3],
  ['邱', 3],
  ['江', 3],
  ['尹', 3],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['陶', 2],
  ['黎', 2],
  ['贺', 2],
  ['顾', 2],
  ['毛', 2],
  ['郝', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['钱', 2],
  ['严', 2],
  ['覃', 1],
  ['武', 2],
  ['戴', 2],
  ['莫', 1],
  ['孔', 1],
  ['向', 1],
  ['汤', 1],
  ['欧阳', 1],
  ['司马', 0.2],
  ['上官', 0.2],
  ['诸葛', 0.1],
]);

// Characters common in given names of people born 1955–2000.
const givenChars =
  '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红玉兰飞鹏辉斌波宇浩凯健俊帆帅旭宁晨阳春雪梅琳颖' +
  '莉婷慧倩晶欣佳鑫博文武海峰松林森彬晓东南北新立庆雷亮光剑锋毅清宏振宝祥永福瑞安康泽宸睿哲轩然思远' +
  '嘉鸿昊天逸航铭晗璐婧雯琪蕾薇萍洁燕琴妍彤蓉丹青翠晴月彩云瑶怡悦爽一子之卫世成德红军利民学兴旺春秋';

/** A plausible Chinese personal name: a surname by frequency and a one- or two-character given name. */
export function personName(rng: Rng): string {
  const surname = surnames.pick(rng);
  const first = givenChars[rng.int(0, givenChars.length - 1)] ?? '伟';
  if (rng.chance(0.28)) return `${surname}${first}`;
  let second = givenChars[rng.int(0, givenChars.length - 1)] ?? '明';
  if (second === first && rng.chance(0.7)) second = givenChars[rng.int(0, givenChars.length - 1)] ?? '明';
  return `${surname}${first}${second}`;
}

/** The surname of a name produced by `personName` (compound surnames included). */
export function surnameOf(name: string): string {
  const two = name.slice(0, 2);
  return ['欧阳', '司马', '上官', '诸葛'].includes(two) ? two : name.slice(0, 1);
}
